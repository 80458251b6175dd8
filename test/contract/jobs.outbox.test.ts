/** The job runner contract for the embedded, in-process outbox runner (always runs). */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import { OutboxRunner } from '../../server/adapters/outbox/outbox.runner';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import { createJobRunner } from '../../server/jobs/create-runner';
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES, type JobName } from '../../server/jobs/job-names';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { Store } from '../../server/ports/store.port';
import { describeJobRunnerContract } from './jobs.contract';
import { abortableSleep, freshStore, scriptedHandler, testConfig, uniqueKey, waitFor } from './jobs.support';

describeJobRunnerContract('outbox (in-process)', async (config, store, handlers) => {
  const runner = createJobRunner({ config, store, handlers, logger: silentLogger, role: 'api' });
  expect(runner.kind).toBe('outbox');
  await runner.start();
  return { wake: () => runner.wake(), stop: () => runner.stop() };
});

describe('outbox runner: lease renewal', () => {
  const LOCK_MS = 600;
  let store: Store;
  let other: Store;
  let dataDir: string;
  let config: Config;
  const runners: OutboxRunner[] = [];

  const startRunner = async (on: Store, handler: JobHandler): Promise<OutboxRunner> => {
    const runner = new OutboxRunner({ config, store: on, handlers: new Map<JobName, JobHandler>([[handler.name, handler]]), logger: silentLogger, stopGraceMs: 2000 });
    runners.push(runner);
    await runner.start();
    return runner;
  };

  beforeEach(async () => {
    ({ store, dataDir } = await freshStore());
    other = await openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger);
    config = testConfig(dataDir);
    config.jobs.lockMs = LOCK_MS;
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await other.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a handler that runs for three leases: it completes once and no second runner starts it', async () => {
    // Timers may fire a millisecond early by Date.now(): sleep until three leases have
    // truly passed on the clock the assertion reads.
    const slow = scriptedHandler(JOB_NAMES.retentionSweep, async (call, signal) => {
      while (Date.now() - call.startedAt < 3 * LOCK_MS) await abortableSleep(3 * LOCK_MS - (Date.now() - call.startedAt) + 1, signal);
    });
    await startRunner(store, slow);
    // A second runner on its own connection, as another process would be, polling every 20 ms.
    await startRunner(other, slow);
    const queued = newJob(JOB_NAMES.retentionSweep, [uniqueKey('long')], {});
    await store.outbox.enqueue([queued]);
    await waitFor('the job to be done', async () => (await store.outbox.get(queued.id))?.status === 'done');
    expect(slow.calls).toHaveLength(1);
    expect(slow.calls[0]?.outcome).toBe('ok');
    expect((slow.calls[0]?.endedAt ?? 0) - (slow.calls[0]?.startedAt ?? 0)).toBeGreaterThanOrEqual(3 * LOCK_MS);
    expect(await store.outbox.get(queued.id)).toMatchObject({ status: 'done', attempts: 1, lastError: null });
    // Past another lease: nothing starts it again.
    await new Promise((r) => setTimeout(r, LOCK_MS + 200));
    expect(slow.calls).toHaveLength(1);
  });

  it('aborts the handler once a renewal says the job is no longer its own, and leaves the new state alone', async () => {
    let abortedAt = 0;
    const long = scriptedHandler(JOB_NAMES.retentionSweep, async (_call, signal) => {
      signal.addEventListener('abort', () => (abortedAt = Date.now()));
      await abortableSleep(20_000, signal);
    });
    await startRunner(store, long);
    const queued = newJob(JOB_NAMES.retentionSweep, [uniqueKey('lost')], {});
    await store.outbox.enqueue([queued]);
    await waitFor('the job to start', () => long.calls.length === 1);
    // An operator settles the job while it runs: the next renewal finds it no longer running.
    const settledAt = Date.now();
    await store.outbox.setStatus(queued.id, 'dead', 'settled by an operator', new Date());
    await waitFor('the handler to stop', () => long.calls[0]?.outcome === 'threw', 5_000);
    expect(abortedAt - settledAt).toBeLessThan(LOCK_MS);
    // The runner recorded no failure over it.
    expect(await store.outbox.get(queued.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'settled by an operator' });
  });

  it('abandons the attempt without recording a failure when another runner has re-claimed the job', async () => {
    const long = scriptedHandler(JOB_NAMES.retentionSweep, (_call, signal) => abortableSleep(20_000, signal));
    await startRunner(store, long);
    const queued = newJob(JOB_NAMES.retentionSweep, [uniqueKey('stolen')], {});
    await store.outbox.enqueue([queued]);
    await waitFor('the job to start', () => long.calls.length === 1);
    // Another runner whose clock is past the lease (as after a stalled renewal) claims the job.
    const [stolen] = await other.outbox.claim(new Date(Date.now() + 10 * LOCK_MS), 1, 60_000);
    expect(stolen).toMatchObject({ id: queued.id, attempts: 2 });
    await waitFor('the handler to stop', () => long.calls[0]?.outcome === 'threw', 5_000);
    await new Promise((r) => setTimeout(r, 100));
    // Still the other runner's: a recorded failure would have made it pending again.
    const after = await store.outbox.get(queued.id);
    expect(after).toMatchObject({ status: 'running', attempts: 2, lastError: null });
    expect(after?.lockedUntil?.getTime()).toBe(stolen?.lockedUntil?.getTime());
  });
});
