/**
 * SIGKILL in the middle of a job, with real processes: the job must still end done, and its
 * effect must have happened exactly once. The probe job sleeps 3 s and then appends its key
 * to DATA_DIR/probe-effects.log once (guarded by a marker), so the log counts the effects.
 * - embedded: the API process runs the outbox in-process; after a restart it leases the job
 *   again once the killed process's lease (JOB_LOCK_MS) has run out;
 * - BullMQ: a worker process is killed; the restarted worker's stalled check takes the job
 *   over after its lock (JOB_LOCK_MS = 2 s) expires. The relay runs in this test process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import { createJobRunner } from '../../server/jobs/create-runner';
import { bullJobId, newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES, QUEUE_NAME, type JobName } from '../../server/jobs/job-names';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { NewJob, Store } from '../../server/ports/store.port';
import { ensureBuilt, serverEntry, workerEntry } from '../support/built';
import { isReadyLine, startProcess, type RunningProcess } from '../support/spawn-process';
import { inCi, probeEffects, redisAnswers, redisUrlForTests, testConfig, uniqueKey, waitFor } from '../contract/jobs.support';
import { deleteQueueKeys, isolatedRedisUrl, isWorkerReadyLine } from './fault.support';

const SLEEP_MS = 3000;

beforeAll(() => ensureBuilt(), 300_000);

let dataDir: string;
let store: Store;
const processes: RunningProcess[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'amana-kill-'));
  store = await openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger);
});
afterEach(async () => {
  for (const proc of processes.splice(0)) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    await proc.exited;
  }
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function launch(entry: string, env: Record<string, string>, ready: (line: string) => boolean): Promise<RunningProcess> {
  const proc = startProcess(entry, { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
  processes.push(proc);
  await proc.waitForLine(ready, 30_000);
  return proc;
}

const statusOf = async (id: string) => (await store.outbox.get(id))?.status;

interface Runs {
  /** whether the killed process holds the job now */
  running(): Promise<boolean>;
  /** the outbox status the job keeps after the kill */
  leftAs: 'running' | 'pending';
  afterEnqueue?: () => void;
}

/** Enqueue, wait until the process runs it, SIGKILL it; the effect must not have happened. */
async function killDuringJob(proc: RunningProcess, job: NewJob, runs: Runs): Promise<void> {
  await store.outbox.enqueue([job]);
  runs.afterEnqueue?.();
  await waitFor('the probe job to be running', () => runs.running(), 15_000);
  // Well inside the probe's sleep: the effect is still ahead.
  await new Promise((r) => setTimeout(r, 500));
  proc.child.kill('SIGKILL');
  expect((await proc.exited).signal).toBe('SIGKILL');
  expect(await statusOf(job.id)).toBe(runs.leftAs);
  expect(probeEffects(dataDir)).toEqual([]);
}

async function stopCleanly(proc: RunningProcess): Promise<void> {
  proc.child.kill('SIGTERM');
  expect((await proc.exited).code).toBe(0);
}

describe('SIGKILL mid-job: embedded (API process, in-process outbox)', () => {
  it('restarts, takes the job over after its lease and does the effect exactly once', async () => {
    // A lease shorter than the 3 s job: the runner renews it while the job runs, and after
    // the kill the renewals stop, so the restarted process takes the job over once it expires.
    const env = { PORT: '0', JOB_LOCK_MS: '2000' };
    const key = uniqueKey('kill-embedded');
    const job = newJob(JOB_NAMES.probe, [key], { key, sleepMs: SLEEP_MS });
    await killDuringJob(await launch(serverEntry, env, isReadyLine), job, { running: async () => (await statusOf(job.id)) === 'running', leftAs: 'running' });

    const restarted = await launch(serverEntry, env, isReadyLine);
    await waitFor('the job to be done after the restart', async () => (await statusOf(job.id)) === 'done', 30_000);
    expect(probeEffects(dataDir)).toEqual([key]);
    expect((await store.outbox.get(job.id))?.attempts).toBe(2);
    await stopCleanly(restarted);
  }, 90_000);
});

const redisBase = redisUrlForTests();
const reachable = redisAnswers(redisBase);

if (!reachable && !inCi()) {
  // eslint-disable-next-line no-console
  console.log(`kill-mid-job (BullMQ): skipped because Redis did not answer at ${redisBase} (CI=true makes this a failure)`);
}

(reachable || inCi() ? describe : describe.skip)('SIGKILL mid-job: BullMQ worker process', () => {
  it('a restarted worker takes the stalled job over and does the effect exactly once', async () => {
    if (!reachable) throw new Error(`Redis did not answer at ${redisBase}; CI must run the BullMQ fault test`);
    const redisUrl = isolatedRedisUrl();
    const env = { REDIS_URL: redisUrl, JOB_LOCK_MS: '2000' };
    const idle: JobHandler = { name: JOB_NAMES.probe, run: async () => undefined };
    const relay = createJobRunner({
      config: testConfig(dataDir, { REDIS_URL: redisUrl }),
      store,
      handlers: new Map<JobName, JobHandler>([[idle.name, idle]]),
      logger: silentLogger,
      role: 'api',
    });
    const queue = new Queue(QUEUE_NAME, { connection: { url: redisUrl } });
    try {
      await relay.start();
      const key = uniqueKey('kill-worker');
      const job = newJob(JOB_NAMES.probe, [key], { key, sleepMs: SLEEP_MS });
      // The BullMQ worker writes no "running" row: the job is held when BullMQ lists it as
      // active, and its row stays pending until an outcome is recorded.
      await killDuringJob(await launch(workerEntry, env, isWorkerReadyLine), job, {
        running: async () => (await queue.getJobState(bullJobId(job.id))) === 'active',
        leftAs: 'pending',
        afterEnqueue: () => relay.wake(),
      });

      const restarted = await launch(workerEntry, env, isWorkerReadyLine);
      await waitFor('the job to be done after the restart', async () => (await statusOf(job.id)) === 'done', 30_000);
      expect(probeEffects(dataDir)).toEqual([key]);
      await stopCleanly(restarted);
    } finally {
      await queue.close();
      await relay.stop();
      await deleteQueueKeys(redisUrl);
    }
  }, 90_000);
});
