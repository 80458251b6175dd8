/**
 * One contract for every way jobs get from the outbox to a handler: the in-process outbox
 * runner, and BullMQ (relay + worker), over each store it is given (SQLite; MongoDB when
 * MONGODB_URI is set). Each test gets a fresh store and launches delivery with scripted
 * handlers under real job names.
 */
import { rmSync } from 'node:fs';
import type { Config } from '../../config';
import type { HandlerMap, JobHandler } from '../../server/ports/jobs.port';
import type { NewJob, Store } from '../../server/ports/store.port';
import { JOB_NAMES, type JobName } from '../../server/jobs/job-names';
import { newJob } from '../../server/jobs/job-defaults';
import { probeJob } from '../../worker/handlers/probe.job';
import { abortableSleep, freshStore, probeEffects, scriptedHandler, storeKinds, testConfig, uniqueKey, waitFor, type StoreKind } from './jobs.support';

export interface Launched {
  wake(): void;
  /** stops whatever runs handlers, waiting for running ones, then the rest */
  stop(): Promise<void>;
}

export type Launch = (config: Config, store: Store, handlers: HandlerMap) => Promise<Launched>;

const mapOf = (...handlers: JobHandler[]): HandlerMap => new Map<JobName, JobHandler>(handlers.map((h) => [h.name, h]));
const job = (name: JobName, key: string, payload = {}, maxAttempts = 5): NewJob => ({ ...newJob(name, [key], { key, ...payload }), maxAttempts });

/** declares the contract once per store that is reachable (storeKinds) */
export function describeJobRunnerContract(name: string, launch: Launch): void {
  for (const kind of storeKinds(`JobRunner contract: ${name}`)) describeOnStore(name, launch, kind);
}

function describeOnStore(name: string, launch: Launch, kind: StoreKind): void {
  describe(`JobRunner contract: ${name} on ${kind}`, () => {
    let store: Store;
    let dataDir: string;
    let config: Config;
    const running: Launched[] = [];

    const start = async (handlers: HandlerMap): Promise<Launched> => {
      const launched = await launch(config, store, handlers);
      running.push(launched);
      return launched;
    };
    const enqueue = async (launched: Launched, ...jobs: NewJob[]): Promise<void> => {
      await store.outbox.enqueue(jobs);
      launched.wake();
    };
    const statusOf = async (id: string) => (await store.outbox.get(id))?.status;
    const until = (id: string, status: string) => waitFor(`${id} to be ${status}`, async () => (await statusOf(id)) === status);

    beforeEach(async () => {
      ({ store, dataDir } = await freshStore(kind));
      config = testConfig(dataDir);
    });
    afterEach(async () => {
      for (const launched of running.splice(0)) await launched.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('runs a job once and records it done', async () => {
      const probe = probeJob({ config, store });
      const counted = scriptedHandler(JOB_NAMES.probe, (call, signal) => probe.run(call.payload, { jobId: call.jobId, attempt: call.attempt, signal }));
      const launched = await start(mapOf(counted));
      const key = uniqueKey('once');
      const queued = job(JOB_NAMES.probe, key);
      await enqueue(launched, queued);
      await until(queued.id, 'done');
      expect(counted.calls).toHaveLength(1);
      expect(counted.calls[0]?.attempt).toBe(1);
      expect(probeEffects(dataDir)).toEqual([key]);
    });

    it('retries with exponential backoff after throws, recording errors without content', async () => {
      const flaky = scriptedHandler(JOB_NAMES.retentionSweep, async (call) => {
        if (call.attempt < 3) throw new Error('delivery to alice@example.org refused');
      });
      const launched = await start(mapOf(flaky));
      const queued = job(JOB_NAMES.retentionSweep, uniqueKey('flaky'));
      await enqueue(launched, queued);
      await waitFor('a second attempt', () => flaky.calls.length >= 2);
      const afterFirst = await store.outbox.get(queued.id);
      expect(afterFirst?.lastError).toContain('<address>');
      expect(afterFirst?.lastError).not.toContain('alice');
      await until(queued.id, 'done');
      expect(flaky.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
      const [first, second, third] = flaky.calls;
      // backoffMs is 100: waits of at least 100 then 200 ms (a little slack for clock rounding).
      expect((second?.startedAt ?? 0) - (first?.endedAt ?? 0)).toBeGreaterThanOrEqual(95);
      expect((third?.startedAt ?? 0) - (second?.endedAt ?? 0)).toBeGreaterThanOrEqual(195);
    });

    it('puts a job that keeps failing in the dead-letter list, and an admin retry brings it back', async () => {
      let failing = true;
      const broken = scriptedHandler(JOB_NAMES.deadlineAck, async () => {
        if (failing) throw new Error('still broken');
      });
      const launched = await start(mapOf(broken));
      const queued = job(JOB_NAMES.deadlineAck, uniqueKey('dead'), {}, 3);
      await enqueue(launched, queued);
      await until(queued.id, 'dead');
      expect(broken.calls).toHaveLength(3);
      expect((await store.outbox.dead(10)).map((j) => j.id)).toEqual([queued.id]);
      expect((await store.outbox.get(queued.id))?.lastError).toContain('still broken');

      failing = false;
      expect(await store.outbox.retry(queued.id, new Date())).toBe(true);
      launched.wake();
      await until(queued.id, 'done');
      expect(broken.calls).toHaveLength(4);
      expect(await store.outbox.dead(10)).toEqual([]);
    });

    it('runs a deterministic job id once however often it is enqueued', async () => {
      const probe = probeJob({ config, store });
      const counted = scriptedHandler(JOB_NAMES.probe, (call, signal) => probe.run(call.payload, { jobId: call.jobId, attempt: call.attempt, signal }));
      const launched = await start(mapOf(counted));
      const key = uniqueKey('twice');
      await enqueue(launched, job(JOB_NAMES.probe, key), job(JOB_NAMES.probe, key));
      await enqueue(launched, job(JOB_NAMES.probe, key));
      await until(job(JOB_NAMES.probe, key).id, 'done');
      await enqueue(launched, job(JOB_NAMES.probe, key));
      // A later job finishing shows the runner had every chance to run the duplicate.
      const sentinel = job(JOB_NAMES.probe, uniqueKey('sentinel'));
      await enqueue(launched, sentinel);
      await until(sentinel.id, 'done');
      expect(counted.calls.filter((c) => c.jobId === job(JOB_NAMES.probe, key).id)).toHaveLength(1);
      expect(probeEffects(dataDir).filter((k) => k === key)).toHaveLength(1);
    });

    it('runs no more handlers at once than the configured concurrency', async () => {
      config.jobs.concurrency = 2;
      let active = 0;
      let peak = 0;
      const slow = scriptedHandler(JOB_NAMES.retentionSweep, async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 150));
        active -= 1;
      });
      const launched = await start(mapOf(slow));
      const jobs = [1, 2, 3, 4, 5].map((n) => job(JOB_NAMES.retentionSweep, uniqueKey(`c${n}`)));
      await enqueue(launched, ...jobs);
      for (const queued of jobs) await until(queued.id, 'done');
      expect(slow.calls).toHaveLength(5);
      expect(peak).toBe(2);
    });

    it('ends a job whose name has no handler in the dead-letter list without running anything', async () => {
      const other = scriptedHandler(JOB_NAMES.retentionSweep, async () => undefined);
      const launched = await start(mapOf(other));
      const orphan = job(JOB_NAMES.purgeCase, uniqueKey('orphan'));
      await enqueue(launched, orphan);
      await until(orphan.id, 'dead');
      expect((await store.outbox.get(orphan.id))?.lastError).toContain('no handler');
      expect(other.calls).toHaveLength(0);
    });

    it('records an invalid payload by field, never by value', async () => {
      const launched = await start(mapOf(probeJob({ config, store })));
      const bad = { ...newJob(JOB_NAMES.probe, [uniqueKey('bad')], { key: 'mail alice@example.org' }), maxAttempts: 1 };
      await enqueue(launched, bad);
      await until(bad.id, 'dead');
      const lastError = (await store.outbox.get(bad.id))?.lastError ?? '';
      expect(lastError).toMatch(/^invalid payload \(key: /);
      expect(lastError).not.toContain('alice');
      expect(probeEffects(dataDir)).toEqual([]);
    });

    it('stop() waits for an in-flight job that does not stop early', async () => {
      const stubborn = scriptedHandler(JOB_NAMES.retentionSweep, () => new Promise((r) => setTimeout(r, 800)));
      const launched = await start(mapOf(stubborn));
      const queued = job(JOB_NAMES.retentionSweep, uniqueKey('inflight'));
      await enqueue(launched, queued);
      await waitFor('the job to start', () => stubborn.calls.length === 1);
      await launched.stop();
      expect(stubborn.calls[0]?.outcome).toBe('ok');
      expect(await statusOf(queued.id)).toBe('done');
    });

    it('stop() aborts the signal of a long job, which runs again after a restart', async () => {
      const long = scriptedHandler(JOB_NAMES.retentionSweep, async (_call, signal) => {
        if (long.calls.length === 1) await abortableSleep(20_000, signal);
      });
      const first = await start(mapOf(long));
      const queued = job(JOB_NAMES.retentionSweep, uniqueKey('abort'));
      await enqueue(first, queued);
      await waitFor('the job to start', () => long.calls.length === 1);
      const stopAt = Date.now();
      await first.stop();
      expect(Date.now() - stopAt).toBeLessThan(5_000);
      expect(long.calls[0]?.outcome).toBe('threw');
      expect(await statusOf(queued.id)).toBe('pending');

      await start(mapOf(long));
      await until(queued.id, 'done');
      expect(long.calls).toHaveLength(2);
    });
  });
}
