/**
 * The job runner contract for BullMQ (relay and worker in this process, as the API and
 * `npm run worker` would run them), plus what only the relay does: riding out a Redis
 * outage. Runs whenever Redis answers; in CI (CI=true) a silent Redis fails the suite.
 * Every run uses its own BullMQ key prefix and deletes it afterwards.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import IORedis from 'ioredis';
import { Queue } from 'bullmq';
import { silentLogger } from '../../server/logger';
import { createJobRunner } from '../../server/jobs/create-runner';
import { bullJobId, newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES, QUEUE_NAME, type JobName } from '../../server/jobs/job-names';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { JobRunner } from '../../server/ports/jobs.port';
import { buildHandlers } from '../../worker/handlers';
import type { Mailer } from '../../server/ports/mail.port';
import type { BlobStore } from '../../server/ports/blob.port';
import { describeJobRunnerContract } from './jobs.contract';
import type { Store } from '../../server/ports/store.port';
import { freshStore, inCi, probeEffects, redisAnswers, redisUrlForTests, scriptedHandler, testConfig, uniqueKey, waitFor } from './jobs.support';
import { freePort as closedPort } from '../support/free-port';

const redisUrl = redisUrlForTests();
const prefix = `amana-test-${randomUUID().slice(0, 8)}`;
const reachable = redisAnswers(redisUrl);

async function deletePrefix(): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

if (!reachable && inCi()) {
  describe('JobRunner contract: bullmq', () => {
    it('needs Redis in CI', () => {
      throw new Error(`Redis did not answer at ${redisUrl}; CI must run the BullMQ suite (start redis-server)`);
    });
  });
} else if (!reachable) {
  // eslint-disable-next-line no-console
  console.log(`jobs.bullmq: skipped because Redis did not answer at ${redisUrl} (CI=true makes this a failure)`);
  describe('JobRunner contract: bullmq', () => {
    it.skip(`skipped: Redis did not answer at ${redisUrl}`, () => undefined);
  });
} else {
  afterAll(deletePrefix);

  describeJobRunnerContract('bullmq (relay + worker)', async (baseConfig, store, handlers) => {
    const config = { ...baseConfig, env: { ...baseConfig.env, REDIS_URL: redisUrl } };
    const relay = createJobRunner({ config, store, handlers, logger: silentLogger, role: 'api', prefix });
    const worker = createJobRunner({ config, store, handlers, logger: silentLogger, role: 'worker', prefix });
    expect([relay.kind, worker.kind]).toEqual(['bullmq', 'bullmq']);
    await worker.start();
    await relay.start();
    return {
      wake: () => relay.wake(),
      stop: async () => {
        await worker.stop();
        await relay.stop();
      },
    };
  });

  describe('BullMQ relay', () => {
    const runners: JobRunner[] = [];
    afterEach(async () => {
      for (const runner of runners.splice(0)) await runner.stop();
    });

    it('keeps rows pending while Redis is unreachable and relays them once it answers', async () => {
      const { store, dataDir } = await freshStore();
      const deps = { store, blobs: {} as BlobStore, mailer: {} as Mailer, logger: silentLogger };
      const down = testConfig(dataDir, { REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
      const handlers = buildHandlers({ ...deps, config: down });
      const key = uniqueKey('outage');
      const queued = newJob(JOB_NAMES.probe, [key], { key });
      await store.outbox.enqueue([queued]);

      const blind = createJobRunner({ config: down, store, handlers, logger: silentLogger, role: 'api', prefix });
      runners.push(blind);
      await blind.start();
      await expect(blind.ping()).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 600));
      const waiting = await store.outbox.get(queued.id);
      expect(waiting?.status).toBe('pending');
      expect(waiting?.relayedAt).toBeNull();
      const stopAt = Date.now();
      await blind.stop();
      expect(Date.now() - stopAt).toBeLessThan(2_000);

      const up = testConfig(dataDir, { REDIS_URL: redisUrl });
      const relay = createJobRunner({ config: up, store, handlers, logger: silentLogger, role: 'api', prefix });
      const worker = createJobRunner({ config: up, store, handlers: buildHandlers({ ...deps, config: up }), logger: silentLogger, role: 'worker', prefix });
      runners.push(worker, relay);
      await worker.start();
      await relay.start();
      await waitFor('the relay to reach Redis', () => relay.ping().then(() => true, () => false));
      await waitFor('the job to be done', async () => (await store.outbox.get(queued.id))?.status === 'done');
      expect((await store.outbox.get(queued.id))?.relayedAt).not.toBeNull();
      expect(probeEffects(dataDir)).toEqual([key]);
      for (const runner of runners.splice(0)) await runner.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('runs a job an administrator retried while BullMQ still held its last failed attempt as active', async () => {
      const { store, dataDir } = await freshStore();
      const config = testConfig(dataDir, { REDIS_URL: redisUrl });
      let failing = true;
      const broken = scriptedHandler(JOB_NAMES.deadlineAck, async () => {
        if (failing) throw new Error('still broken');
      });
      // The retry lands inside the window: the worker has written "dead" but has not yet
      // thrown, so BullMQ still lists the job as active while the relay polls several times.
      const retriedInWindow = new Proxy(store.outbox, {
        get(target, prop, receiver) {
          if (prop !== 'setStatus') return Reflect.get(target, prop, receiver) as unknown;
          return async (...args: Parameters<Store['outbox']['setStatus']>) => {
            await target.setStatus(...args);
            if (args[1] !== 'dead') return;
            failing = false;
            expect(await target.retry(args[0], new Date())).toBe(true);
            await new Promise((r) => setTimeout(r, 10 * config.jobs.pollMs));
          };
        },
      });
      const racing: Store = { ...store, outbox: retriedInWindow };
      const handlers = new Map<JobName, JobHandler>([[broken.name, broken]]);
      const relay = createJobRunner({ config, store: racing, handlers, logger: silentLogger, role: 'api', prefix });
      const worker = createJobRunner({ config, store: racing, handlers, logger: silentLogger, role: 'worker', prefix });
      runners.push(worker, relay);
      await worker.start();
      await relay.start();
      const queued = { ...newJob(JOB_NAMES.deadlineAck, [uniqueKey('retried-active')], {}), maxAttempts: 2 };
      await store.outbox.enqueue([queued]);
      relay.wake();
      await waitFor('the retried job to be done', async () => (await store.outbox.get(queued.id))?.status === 'done');
      expect(broken.calls.map((c) => [c.attempt, c.outcome])).toEqual([
        [1, 'threw'],
        [2, 'threw'],
        [1, 'ok'],
      ]);
      for (const runner of runners.splice(0)) await runner.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('queues the outbox id alone, under a BullMQ-safe id, with the row attempts', async () => {
      const { store, dataDir } = await freshStore();
      const config = testConfig(dataDir, { REDIS_URL: redisUrl });
      const idle: JobHandler = { name: JOB_NAMES.probe, run: async () => undefined };
      const relay = createJobRunner({ config, store, handlers: new Map<JobName, JobHandler>([[idle.name, idle]]), logger: silentLogger, role: 'api', prefix });
      runners.push(relay);
      // Far in the future, so no worker would take it even if one ran.
      const later = newJob(JOB_NAMES.deadlineAck, [uniqueKey('case'), 'ack'], { caseId: 'c1' }, new Date(Date.now() + 3_600_000));
      await store.outbox.enqueue([later]);
      await relay.start();
      await waitFor('the row to be relayed', async () => (await store.outbox.get(later.id))?.relayedAt !== null);
      const queue = new Queue(QUEUE_NAME, { connection: new IORedis(redisUrl, { maxRetriesPerRequest: null }), prefix });
      const queued = await queue.getJob(bullJobId(later.id));
      expect(queued?.data).toEqual({ id: later.id });
      expect(queued?.opts.attempts).toBe(later.maxAttempts);
      expect(await queue.getJobState(bullJobId(later.id))).toBe('delayed');
      await queue.close();
      await (await queue.client).quit();
      await relay.stop();
      runners.splice(0);
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
  });
}
