/**
 * What only the SQLite statistics can show: the counters of migration 3 are backfilled from
 * the cases an older store already holds, and every statistics query searches an index (a
 * month or day range of the counters, or one day of a partial index of unanswered or open
 * cases) instead of scanning a table.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { statsSql } from '../../server/adapters/sqlite/sqlite-stats.repo';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import type { StatsQuery } from '../../server/ports/stats.port';
import type { Store } from '../../server/ports/store.port';
import { DAY_MS, givenCase, givenChannel } from '../support/factories';

const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const query: StatsQuery = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z'), channelId: null };
// Inside the period, so today's exact look and the age bounds fall on days with cases.
const moments = [new Date('2024-06-20T12:00:00Z'), new Date('2025-02-01T00:00:00Z')];

async function snapshot(store: Store): Promise<string[]> {
  const rows: object[] = [...(await store.stats.counts(query)), ...(await store.stats.answered(query)), ...(await store.stats.durations(query))];
  for (const now of moments) rows.push(...(await store.stats.pending(query, now)), ...(await store.stats.openByAge(query, now)));
  return rows.map((row) => JSON.stringify(row)).sort();
}

describe('sqlite statistics', () => {
  it('backfills the counters from the cases of a store migrated from version 2', async () => {
    const file = path.join(dir, `${randomUUID()}.sqlite`);
    let store = await openSqliteStore(file, silentLogger);
    const channel = await givenChannel(store);
    for (let i = 0; i < 40; i += 1) {
      const created = await givenCase(store, { case: { channelId: channel.id, category: i % 3 ? 'fraud' : 'other', createdAt: new Date(Date.UTC(2024, i % 12, 1 + i)) } });
      if (i % 2) await store.cases.update(created.id, { status: 'acknowledged', acknowledgedAt: new Date(created.createdAt.getTime() + (i % 9) * DAY_MS) }, null, []);
      if (i % 4 === 1) await store.cases.update(created.id, { status: 'closed', outcome: 'inadmissible', closedAt: new Date(created.createdAt.getTime() + 30 * DAY_MS) }, null, []);
    }
    const maintained = await snapshot(store);
    expect(maintained.length).toBeGreaterThan(20);
    await store.close();

    // Back to version 2: everything migration 3 created is dropped.
    const db = new Database(file);
    const created = db.prepare<[], { type: string; name: string }>(
      `SELECT type, name FROM sqlite_master WHERE (type IN ('trigger', 'table') AND name LIKE 'stats_%') OR name IN ('cases_unacknowledged_due', 'cases_no_feedback_due', 'cases_open', 'settings')`,
    ).all();
    // 8 triggers (insert and update for counts, each deadline and open cases), 5 tables, 3 indexes, settings
    expect(created.length).toBe(17);
    for (const { type, name } of created) if (type !== 'table') db.exec(`DROP ${type.toUpperCase()} ${name}`);
    for (const { type, name } of created) if (type === 'table') db.exec(`DROP TABLE ${name}`);
    db.exec('DELETE FROM schema_migrations WHERE version = 3');
    db.close();

    store = await openSqliteStore(file, silentLogger);
    try {
      expect(await snapshot(store)).toEqual(maintained);
    } finally {
      await store.close();
    }
  });

  it.each(Object.keys(statsSql) as (keyof typeof statsSql)[])('answers %s by searching an index, never scanning a table', async (name) => {
    const file = path.join(dir, `${randomUUID()}.sqlite`);
    await (await openSqliteStore(file, silentLogger)).close();
    const db = new Database(file, { readonly: true });
    try {
      const params = { from: 202401, to: 202501, fromMs: 0, toMs: 1, channel: 'a', now: 2, today: 0, dayStart: 0, fromDay: 0, toDay: 1 };
      const plan = JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN ${statsSql[name]}`).all(params));
      expect(plan).toMatch(/SEARCH (stats_\w+ USING PRIMARY KEY|cases USING INDEX cases_(unacknowledged_due|no_feedback_due|open)) \((month|day|ack_due_at|feedback_due_at|created_at)>/);
      expect(plan).not.toMatch(/SCAN/);
    } finally {
      db.close();
    }
  });
});
