/**
 * How many reports per second the SQLite store alone can write (store.cases.create with the
 * rows a submission writes: case, keys, event, three outbox rows), in this process with no
 * HTTP, validation or proof of work: the ceiling the intake figure is read against.
 */
import { buildConfig, parseEnv } from '../../config';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { createLogger } from '../../server/logger';
import { seedDefaults } from '../../server/services/seed-defaults';
import { BENCH_CHANNEL } from './app-protocol';
import { tempDir } from './paths';
import { addStaff } from './staff-builder';
import { msSince } from './stats';
import { storedReport } from './stored-reports';

export async function storeWritesPerSecond(durationMs: number): Promise<number> {
  const data = tempDir('store');
  const logger = createLogger('warn');
  const store = await openSqliteStore(buildConfig(parseEnv({ DATA_DIR: data.dir })).paths.sqlite, logger);
  try {
    await seedDefaults({ store, logger });
    const officers: string[] = [];
    for (const supervisor of [true, false]) officers.push((await addStaff(store, { publicKey: new Uint8Array(32), channelId: BENCH_CHANNEL.id, supervisor })).id);
    const started = process.hrtime.bigint();
    let written = 0;
    while (msSince(started) < durationMs) {
      await store.cases.create(storedReport(officers));
      written += 1;
    }
    return written / (msSince(started) / 1000);
  } finally {
    await store.close();
    data.remove();
  }
}
