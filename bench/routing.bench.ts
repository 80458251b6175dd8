/**
 * Routing: reports committed with their outbox rows, relayed to BullMQ by the API process
 * (`node dist/server/main.js` with REDIS_URL) and routed by a worker process (`node
 * dist/worker/main.js`) until every one has its lead officer; against no-op BullMQ jobs
 * run by a worker process of the same concurrency on the same Redis, in the same run.
 * Both clocks start before the first job is written and stop when the last is done.
 *   node dist/bench/routing.bench.js [--reports=1000]
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { buildConfig, parseEnv } from '../config';
import { readProcessEnv } from '../config/env';
import { openSqliteStore } from '../server/adapters/sqlite/sqlite.store';
import { KEEP_COMPLETED, KEEP_FAILED } from '../server/jobs/job-defaults';
import { QUEUE_NAME } from '../server/jobs/job-names';
import { createLogger } from '../server/logger';
import { seedDefaults } from '../server/services/seed-defaults';
import { BENCH_CHANNEL } from './support/app-protocol';
import { numberArg } from './support/args';
import { startNode } from './support/proc';
import { deleteQueues, emptyDatabase, reachable } from './support/redis';
import { runBench } from './support/report';
import { SERVER_MAIN, supportScript, tempDir, WORKER_MAIN } from './support/paths';
import { addStaff } from './support/staff-builder';
import { storedReport } from './support/stored-reports';
import { msSince, round, sleep } from './support/stats';

const REPORTS = numberArg('reports', 1000);
const CONCURRENCY = 4;
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

async function noopRate(url: string): Promise<number> {
  const queue = `bench-noop-${randomUUID()}`;
  const worker = startNode(supportScript('noop-worker'), { args: [url, queue, String(REPORTS), String(CONCURRENCY)] });
  const producer = new Queue(queue, { connection: { url } });
  try {
    await worker.message('ready');
    const started = process.hrtime.bigint();
    // Batches of 100, as the relay adds them, with the options Amana's jobs carry.
    for (let i = 0; i < REPORTS; i += 100) {
      const ids = Array.from({ length: Math.min(100, REPORTS - i) }, (_, k) => i + k);
      await producer.addBulk(ids.map((n) => ({ name: 'noop', data: { id: `noop:${n}` }, opts: { jobId: `o-noop-${n}`, attempts: 8, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED } })));
    }
    await worker.message('done');
    return REPORTS / (msSince(started) / 1000);
  } finally {
    await producer.close();
    await worker.stop();
    await deleteQueues(url, [queue]);
  }
}

async function amanaRate(url: string): Promise<{ rate: number; seconds: number; insertSeconds: number }> {
  const data = tempDir('routing');
  const logger = createLogger('warn');
  const config = buildConfig(parseEnv({ DATA_DIR: data.dir }));
  const store = await openSqliteStore(config.paths.sqlite, logger);
  const env = { DATA_DIR: data.dir, PORT: '0', HOST: '127.0.0.1', REDIS_URL: url, LOG_LEVEL: 'warn', WORKER_CONCURRENCY: String(CONCURRENCY) };
  const api = startNode(SERVER_MAIN, { env: { ...env, LOG_LEVEL: 'info' } });
  const worker = startNode(WORKER_MAIN, { env: { ...env, LOG_LEVEL: 'info' } });
  const reader = new Database(path.join(data.dir, 'amana.sqlite'), { readonly: true });
  try {
    await seedDefaults({ store, logger });
    const officers: string[] = [];
    for (const supervisor of [true, false]) officers.push((await addStaff(store, { publicKey: new Uint8Array(32).fill(supervisor ? 1 : 2), channelId: BENCH_CHANNEL.id, supervisor })).id);
    await api.waitForLine((l) => l.includes('"msg":"amana ready"'));
    await worker.waitForLine((l) => l.includes('"msg":"worker ready"'));
    const routed = reader.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cases WHERE assignee_id IS NOT NULL OR flagged = 1');
    const inputs = Array.from({ length: REPORTS }, () => storedReport(officers));
    const started = process.hrtime.bigint();
    for (const input of inputs) await store.cases.create(input);
    const insertSeconds = msSince(started) / 1000;
    while ((routed.get()?.n ?? 0) < REPORTS) {
      if (msSince(started) > 300_000) throw new Error(`only ${routed.get()?.n ?? 0} of ${REPORTS} reports routed after 5 minutes`);
      await sleep(20);
    }
    const seconds = msSince(started) / 1000;
    return { rate: REPORTS / seconds, seconds, insertSeconds };
  } finally {
    reader.close();
    await Promise.all([worker.stop(), api.stop()]);
    await store.close();
    data.remove();
  }
}

runBench('routing', async (report) => {
  const base = readProcessEnv().REDIS_URL ?? DEFAULT_REDIS;
  if (!(await reachable(base))) {
    report.skip('reports routed/s', `Redis not reachable at ${base} (set REDIS_URL)`);
    return;
  }
  const url = await emptyDatabase(base);
  if (url === null) {
    report.skip('reports routed/s', 'no empty Redis database from 1 to 15 to run in');
    return;
  }
  report.setting('redis', url);
  report.setting('reports', REPORTS);
  report.setting('workerConcurrency', CONCURRENCY);
  report.setting('store', 'SQLite (WAL) shared by the benchmark (writer), the API process (relay) and the worker process');
  try {
    const peer = await noopRate(url);
    const ours = await amanaRate(url);
    report.add({
      name: 'reports routed/s end to end',
      value: ours.rate,
      unit: 'reports/s',
      peer: { name: 'no-op BullMQ job', value: peer, unit: 'jobs/s' },
      target: { of: 'ratio', op: '>=', value: 0.5 },
      detail: { seconds: round(ours.seconds, 2), insertSeconds: round(ours.insertSeconds, 2) },
      note: `${REPORTS} reports; the clock includes writing them (${round(ours.insertSeconds, 2)} s) and the relay's 250 ms poll`,
    });
  } finally {
    await deleteQueues(url, [QUEUE_NAME]);
  }
});
