/**
 * The cases the committee test counts, written into the SQLite file before the server opens
 * it. Only clear metadata matters to the statistics, so the factories' random ciphertexts do.
 *
 * Received in August, September and October of last year (so the annual report's default
 * year holds them all), on the two default channels:
 *
 *                    Aug  Sep  Oct  total
 *   corruption        12    9    7     28
 *   maladministration  8    3   10     21
 *   total             20   12   17     49
 *
 * Maladministration in September (3) is the one cell below k = 5. Corruption cases are never
 * acknowledged (all late); every maladministration case is acknowledged, the three of
 * September within the 7-day deadline, the others after 14 days. So the statuses (28
 * received, 21 acknowledged) hold no small cell that would hide channel totals through the
 * linked tables, while the annual report's acknowledgement table has one: 3 met for
 * maladministration.
 */
import path from 'node:path';
import { openSqliteStore } from '../../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../../server/logger';
import { seedDefaults } from '../../../server/services/seed-defaults';
import { DAY_MS, givenCase } from '../../support/factories';

export const CORRUPTION = { id: 'ch-corruption', fr: 'Corruption et pots-de-vin' } as const;
export const MALADMINISTRATION = { id: 'ch-maladministration', fr: 'Mauvaise administration' } as const;

export interface CommitteeFixture {
  year: number;
  /** YYYY-MM, in column order */
  months: [string, string, string];
  counts: { corruption: number[]; maladministration: number[] };
  /** ids of real cases, to ask the case endpoints for */
  caseIds: string[];
}

export function committeeFixture(now = new Date()): Omit<CommitteeFixture, 'caseIds'> {
  const year = now.getUTCFullYear() - 1;
  return {
    year,
    months: [`${year}-08`, `${year}-09`, `${year}-10`],
    counts: { corruption: [12, 9, 7], maladministration: [8, 3, 10] },
  };
}

/** Writes the fixture (and the default channels, as the first start would) into DATA_DIR. */
export async function seedCommitteeFixture(dataDir: string): Promise<CommitteeFixture> {
  const plan = committeeFixture();
  const store = await openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger);
  const caseIds: string[] = [];
  try {
    await seedDefaults({ store, logger: silentLogger });
    for (const [m, month] of plan.months.entries()) {
      for (const [channel, counts, category] of [
        [CORRUPTION.id, plan.counts.corruption, 'bribery'],
        [MALADMINISTRATION.id, plan.counts.maladministration, 'unjustified_delay'],
      ] as const) {
        for (let n = 0; n < (counts[m] ?? 0); n += 1) {
          const createdAt = new Date(Date.parse(`${month}-05T08:00:00Z`) + n * 3_600_000);
          const created = await givenCase(store, { case: { channelId: channel, category, createdAt } });
          caseIds.push(created.id);
          if (channel !== MALADMINISTRATION.id) continue;
          const inTime = m === 1;
          await store.cases.update(created.id, { status: 'acknowledged', acknowledgedAt: new Date(createdAt.getTime() + (inTime ? 1 : 14) * DAY_MS) }, null, []);
        }
      }
    }
  } finally {
    await store.close();
  }
  return { ...plan, caseIds };
}
