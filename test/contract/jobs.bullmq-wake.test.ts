/**
 * The BullMQ relay is woken when a report commits, not by its poll: with a poll interval of
 * ten minutes, a report filed through the API has its routing job in Redis (and its row
 * marked relayed) long before the next poll could have found it. Runs whenever Redis
 * answers; in CI (CI=true) a silent Redis fails it.
 */
import { rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DiskBlobStore } from '../../server/adapters/disk/disk.blob';
import { createApp } from '../../server/app';
import { createJobRunner } from '../../server/jobs/create-runner';
import { bullJobId, jobId, newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES, QUEUE_NAME } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import { buildApi } from '../../server/routes';
import { receiptLookup } from '../../server/services/receipt-lookup';
import { seedDefaults } from '../../server/services/seed-defaults';
import { buildReport, submit } from '../integration/support/reporter-kit';
import { givenKeyedStaff, relaxedLimits, type KeyedStaff } from '../support/test-app';
import { freshStore, inCi, redisAnswers, redisUrlForTests, testConfig, uniqueKey, waitFor } from './jobs.support';

const redisUrl = redisUrlForTests();
const reachable = redisAnswers(redisUrl);
const POLL_MS = 10 * 60 * 1000;

if (!reachable && !inCi()) {
  // eslint-disable-next-line no-console
  console.log(`jobs.bullmq-wake: skipped because Redis did not answer at ${redisUrl} (CI=true makes this a failure)`);
}

(reachable || inCi() ? describe : describe.skip)('BullMQ relay woken on commit', () => {
  it('relays a filed report\'s routing job without waiting for the poll', async () => {
    if (!reachable) throw new Error(`Redis did not answer at ${redisUrl}; CI must run the BullMQ suite`);
    const prefix = `wake-${uniqueKey('p')}`;
    const { store, dataDir } = await freshStore();
    const config = testConfig(dataDir, { REDIS_URL: redisUrl, POW_DIFFICULTY: '4' });
    config.jobs.pollMs = POLL_MS;
    const relay = createJobRunner({ config, store, handlers: new Map(), logger: silentLogger, role: 'api', prefix });
    const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
    const queueConnection = redis.duplicate();
    const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix });
    const inRedis = async (id: string): Promise<boolean> => (await redis.exists(queue.toKey(bullJobId(id)))) === 1;
    try {
      await seedDefaults({ store, logger: silentLogger });
      const officers: KeyedStaff[] = [await givenKeyedStaff(store, { channelId: 'ch-corruption' })];
      // The relay's first poll may run before Redis is connected; a wake once it is lets the
      // setup job through, and from then on the next poll is ten minutes away.
      const setup = newJob(JOB_NAMES.probe, [uniqueKey('setup')], { key: 'setup' });
      await store.outbox.enqueue([setup]);
      await relay.start();
      await waitFor('the relay to reach Redis', () => relay.ping().then(() => true, () => false));
      relay.wake();
      await waitFor('the setup job relayed', async () => (await store.outbox.get(setup.id))?.relayedAt != null);

      const app = createApp({ config, logger: silentLogger, probes: [], api: buildApi({ config, logger: silentLogger, store, blobs: new DiskBlobStore(config.paths.blobs), jobs: relay }, { rateLimits: relaxedLimits }) });
      const { reporter, body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers });
      await submit(app, body, 201);
      const stored = await store.cases.byReceiptLookup(receiptLookup(config.secrets.serverPepper, Buffer.from(reporter.loginSecret).toString('base64')));
      if (!stored) throw new Error('report not stored');
      const route = jobId(JOB_NAMES.routeCase, [stored.id]);
      // The deadline is far below the poll interval: only the wake can have relayed it.
      await waitFor('the routing job in Redis', () => inRedis(route), 30_000);
      expect(await store.outbox.get(route)).toMatchObject({ status: 'pending', relayedAt: expect.any(Date) });
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
