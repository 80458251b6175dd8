/**
 * Intake: complete report submissions per second (shape validation, proof-of-work check,
 * rate limit, store write with its outbox rows) against Express's hello world, both in
 * their own process and loaded by the same generator (support/load.ts) in the same run.
 * SQLite always; MongoDB when MONGODB_URI is set.
 *   node dist/bench/intake.bench.js [--duration=10] [--connections=16] [--cpu-prof-dir=DIR]
 * --cpu-prof-dir runs the server under `node --cpu-prof` and leaves its profile in DIR.
 */
import { readProcessEnv } from '../config/env';
import { loadAmanaCrypto } from '../shared/crypto';
import type { ReadyMessage, StatsMessage } from './support/app-protocol';
import { numberArg, stringArg } from './support/args';
import { portOf } from './support/http';
import { runLoad, type LoadRequest, type LoadResult } from './support/load';
import { startNode } from './support/proc';
import { presolvedReports } from './support/reports';
import { supportScript, tempDir } from './support/paths';
import { storeWritesPerSecond } from './support/store-ceiling';
import { scratchMongoUri } from './support/mongo-scratch';
import { runBench, type BenchReport } from './support/report';
import { MiB, round } from './support/stats';

const POW_DIFFICULTY = 8;
const DURATION_MS = numberArg('duration', 10) * 1000;
const WARMUP_MS = 2000;
const CONNECTIONS = numberArg('connections', 16);
/** pre-solved submissions for the warm-up; the timed phase gets its own, sized from the warm-up's rate */
const WARMUP_POOL = 3000;
/** margin over the warm-up's rate, so the supply outlasts the timed phase */
const POOL_MARGIN = 1.5;
const PROFILE_DIR = stringArg('cpu-prof-dir');

function latencyDetail(r: LoadResult): Record<string, number | string> {
  return { p50Ms: round(r.p50Ms, 2), p99Ms: round(r.p99Ms, 2), maxMs: round(r.maxMs, 1), requests: r.requests, errors: r.errors, seconds: round(r.durationMs / 1000, 2) };
}

async function helloWorld(): Promise<LoadResult> {
  const child = startNode(supportScript('hello-server'));
  try {
    const port = portOf(await child.waitForLine((l) => l.includes('hello ready')));
    const get = () => ({ method: 'GET', path: '/' });
    await runLoad({ port, connections: CONNECTIONS, durationMs: WARMUP_MS, next: get, okStatus: 200 });
    return await runLoad({ port, connections: CONNECTIONS, durationMs: DURATION_MS, next: get, okStatus: 200 });
  } finally {
    await child.stop();
  }
}

async function amana(store: 'sqlite' | 'mongo', mongoUri?: string): Promise<{ load: LoadResult; stats: StatsMessage }> {
  const data = tempDir('intake');
  const args = [`--data=${data.dir}`, `--pow=${POW_DIFFICULTY}`];
  const env: Record<string, string> = mongoUri ? { MONGODB_URI: scratchMongoUri(mongoUri) } : {};
  const execArgv = PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`];
  const child = startNode(supportScript('bench-app'), { args, env, execArgv, keepLines: false });
  try {
    const ready = await child.message<ReadyMessage>('ready');
    const crypto = await loadAmanaCrypto();
    const supply = async (count: number): Promise<() => LoadRequest | null> => {
      const t0 = Date.now();
      const bodies = await presolvedReports(ready.port, crypto, ready.officers, count);
      process.stdout.write(`   ${store}: ${count} submissions built, proofs of work solved in ${round((Date.now() - t0) / 1000)} s (untimed)\n`);
      let taken = 0;
      return () => {
        const body = bodies[taken++];
        return body ? { method: 'POST', path: '/api/v1/reports', headers: { 'content-type': 'application/json' }, body } : null;
      };
    };
    const warm = await runLoad({ port: ready.port, connections: CONNECTIONS, durationMs: WARMUP_MS, next: await supply(WARMUP_POOL), okStatus: 201 });
    const pool = Math.ceil(Math.max(warm.rps, 100) * (DURATION_MS / 1000) * POOL_MARGIN);
    const next = await supply(pool);
    child.send({ type: 'reset' });
    const load = await runLoad({ port: ready.port, connections: CONNECTIONS, durationMs: DURATION_MS, next, okStatus: 201 });
    child.send({ type: 'stats' });
    const stats = await child.message<StatsMessage>('stats');
    if (load.firstError) process.stdout.write(`   first refused submission: ${load.firstError}\n`);
    if (load.exhausted) process.stdout.write(`   the pre-solved submissions ran out after ${round(load.durationMs / 1000, 1)} s; the rate is over that time\n`);
    return { load, stats };
  } finally {
    await child.stop();
    data.remove();
  }
}

function addAmana(report: BenchReport, store: string, run: { load: LoadResult; stats: StatsMessage }, peer: LoadResult): void {
  const { load, stats } = run;
  report.add({
    name: `submissions/s (${store})`,
    value: load.rps,
    unit: 'req/s',
    peer: { name: 'express hello-world', value: peer.rps, unit: 'req/s' },
    target: { of: 'ratio', op: '>=', value: 0.4 },
    detail: { ...latencyDetail(load), serverRssMiB: round(stats.rss / MiB), loopP99Ms: round(stats.loopP99Ms, 1) },
  });
  report.add({ name: `submission latency p50 (${store})`, value: load.p50Ms, unit: 'ms', peer: { name: 'hello-world p50', value: peer.p50Ms, unit: 'ms' } });
  report.add({ name: `submission latency p99 (${store})`, value: load.p99Ms, unit: 'ms', peer: { name: 'hello-world p99', value: peer.p99Ms, unit: 'ms' } });
}

runBench('intake', async (report) => {
  report.setting('connections', CONNECTIONS);
  report.setting('durationSeconds', DURATION_MS / 1000);
  report.setting('POW_DIFFICULTY', POW_DIFFICULTY);
  report.setting('rateLimits', 'lifted for this run only: buildApi({ rateLimits }) with every group at 1e9 per minute');
  report.setting('jobs', 'written to the outbox in the report transaction, not run (routing has its own benchmark)');
  report.setting('loadGenerator', 'bench/support/load.ts (node:http keep-alive), in place of autocannon');

  const before = await helloWorld();
  const sqlite = await amana('sqlite');
  const after = await helloWorld();
  // The peer is measured before and after Amana and averaged, so a change of machine load
  // during the run moves both sides of the ratio.
  const peer: LoadResult = { ...before, rps: (before.rps + after.rps) / 2, p50Ms: (before.p50Ms + after.p50Ms) / 2, p99Ms: (before.p99Ms + after.p99Ms) / 2 };
  report.add({ name: 'express hello-world (peer)', value: peer.rps, unit: 'req/s', detail: { beforeRps: round(before.rps), afterRps: round(after.rps), ...latencyDetail(before) } });
  addAmana(report, 'sqlite', sqlite, peer);
  const ceiling = await storeWritesPerSecond(3000);
  report.add({
    name: 'SQLite store write alone (same rows)',
    value: ceiling,
    unit: 'writes/s',
    peer: { name: 'express hello-world', value: peer.rps, unit: 'req/s' },
    note: 'store.cases.create in one process, no HTTP, validation or proof of work: the ceiling of the figure above',
  });
  report.add({
    name: 'submissions/s against the store ceiling (sqlite)',
    value: sqlite.load.rps,
    unit: 'req/s',
    peer: { name: 'SQLite store write alone', value: ceiling, unit: 'writes/s' },
    target: { of: 'ratio', op: '>=', value: 0.8 },
  });

  const mongoUri = readProcessEnv().MONGODB_URI;
  if (mongoUri === undefined) {
    report.skip('submissions/s (mongodb)', 'MONGODB_URI not set');
    return;
  }
  addAmana(report, 'mongodb', await amana('mongo', mongoUri), peer);
});
