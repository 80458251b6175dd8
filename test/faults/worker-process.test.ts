/**
 * The real `npm run worker` process: it refuses to start without Redis, serves its
 * internal metrics and readiness on 127.0.0.1 only, and closes cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, workerEntry } from '../support/built';
import { startProcess } from '../support/spawn-process';
import { inCi, redisAnswers, redisUrlForTests } from '../contract/jobs.support';
import { deleteQueueKeys, isolatedRedisUrl, isWorkerReadyLine } from './fault.support';
import { freePort } from '../support/free-port';

beforeAll(() => ensureBuilt(), 300_000);

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'amana-worker-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** A non-loopback IPv4 address of this machine, if it has one. */
function outsideAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}

it('stops with a one-line configuration message when REDIS_URL is missing', async () => {
  const proc = startProcess(workerEntry, { DATA_DIR: dataDir });
  const { code } = await proc.exited;
  expect(code).toBe(78);
  const lines = proc.stderr.join('').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Invalid configuration: REDIS_URL is required by `npm run worker`/);
});

const redisBase = redisUrlForTests();
const reachable = redisAnswers(redisBase);

(reachable || inCi() ? it : it.skip)('serves /readyz and /metrics on 127.0.0.1 only and exits 0 on SIGTERM', async () => {
  if (!reachable) throw new Error(`Redis did not answer at ${redisBase}; CI must run the worker process test`);
  const redisUrl = isolatedRedisUrl();
  const port = await freePort();
  const proc = startProcess(workerEntry, { DATA_DIR: dataDir, REDIS_URL: redisUrl, METRICS_PORT: String(port), LOG_LEVEL: 'info' });
  try {
    await proc.waitForLine(isWorkerReadyLine, 30_000);
    let readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    // The worker's Redis connection may still be completing its handshake.
    for (let i = 0; i < 50 && readyz.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    }
    expect(readyz.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('amana_job_queue_depth 0');
    expect(metrics).toContain('# TYPE amana_job_failures_total counter');
    expect(metrics).toContain('# TYPE amana_job_duration_seconds histogram');
    const outside = outsideAddress();
    if (outside !== null) await expect(fetch(`http://${outside}:${port}/metrics`)).rejects.toThrow();
  } finally {
    proc.child.kill('SIGTERM');
  }
  expect((await proc.exited).code).toBe(0);
  expect(proc.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  await deleteQueueKeys(redisUrl);
}, 60_000);
