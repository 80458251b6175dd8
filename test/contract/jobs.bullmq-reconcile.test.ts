/**
 * Reconciliation when the BullMQ worker writes no "running" row: a relayed, unfinished job
 * missing from Redis may be one a live worker is finishing, so the reconciler adds it again
 * only once it has been missing for longer than a job lock, never on the sweep that first
 * finds it missing. Runs whenever Redis answers; in CI (CI=true) a silent Redis fails it.
 */
import { rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { BullMqRelay } from '../../server/adapters/bullmq/bullmq.relay';
import { bullJobId, newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES, QUEUE_NAME } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import { freshStore, inCi, redisAnswers, redisUrlForTests, testConfig, uniqueKey, waitFor } from './jobs.support';

const redisUrl = redisUrlForTests();
const reachable = redisAnswers(redisUrl);
const LOCK_MS = 400;

if (!reachable && !inCi()) {
  // eslint-disable-next-line no-console
  console.log(`jobs.bullmq-reconcile: skipped because Redis did not answer at ${redisUrl} (CI=true makes this a failure)`);
}

(reachable || inCi() ? describe : describe.skip)('BullMQ reconciliation of a lost job', () => {
  it('re-adds a relayed pending job missing from Redis only after a lock has passed', async () => {
    if (!reachable) throw new Error(`Redis did not answer at ${redisUrl}; CI must run the BullMQ suite`);
    const prefix = `reconcile-${uniqueKey('p')}`;
    const { store, dataDir } = await freshStore();
    const config = testConfig(dataDir, { REDIS_URL: redisUrl });
    config.jobs.lockMs = LOCK_MS;
    // Not started: no poll and no sweep of its own, only the sweeps this test asks for.
    const relay = new BullMqRelay({ config, redisUrl, store, logger: silentLogger, prefix });
    const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
    const queueConnection = redis.duplicate();
    const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix });
    const inRedis = async (id: string): Promise<boolean> => (await redis.exists(queue.toKey(bullJobId(id)))) === 1;
    try {
      // A row the outbox says was relayed and is unfinished, whose BullMQ job Redis lost.
      const lost = newJob(JOB_NAMES.probe, [uniqueKey('lost')], { key: 'lost' });
      await store.outbox.enqueue([lost]);
      await store.outbox.markRelayed([lost.id], new Date());
      await waitFor('the relay to reach Redis', () => relay.ping().then(() => true, () => false));

      const firstSeen = Date.now();
      expect(await relay.reconcile()).toEqual({ checked: 1, readded: 0 });
      expect(await inRedis(lost.id)).toBe(false);
      expect(await store.outbox.get(lost.id)).toMatchObject({ status: 'pending' });

      await waitFor('a job lock to pass', async () => Date.now() - firstSeen > 2 * LOCK_MS);
      expect(await relay.reconcile()).toEqual({ checked: 1, readded: 1 });
      expect(await inRedis(lost.id)).toBe(true);
    } finally {
      await relay.stop();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await queueConnection.quit();
      await redis.quit();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
