/**
 * Redis forgets everything in the middle of a run (a restart without persistence, FLUSHDB,
 * a failover to an empty replica): the 7-day and 3-month deadline jobs of the reports filed
 * before it were delayed jobs in Redis, and their outbox rows say "pending, relayed". The
 * relay's reconciliation finds them missing and adds them again under the same ids; then the
 * clock moves past every deadline and each deadline job, and each mail it asks for, runs
 * exactly once.
 *
 * "Time passes" on both sides: the handlers read an injected clock moved 91 days ahead, and
 * the delayed jobs still in Redis are promoted (what BullMQ does itself when their delay is
 * over). A deadline job missing from Redis is not promoted by anything: only reconciliation
 * brings it back. Redis is emptied on this test's own database (1-15) only; should another
 * run share that database number at this moment, only this queue's keys are deleted, which
 * is the same loss for this queue.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DiskBlobStore } from '../../server/adapters/disk/disk.blob';
import { FileMailer } from '../../server/adapters/mail/file.mail';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { createApp } from '../../server/app';
import { createJobRunner } from '../../server/jobs/create-runner';
import { bullJobId, jobId } from '../../server/jobs/job-defaults';
import { JOB_NAMES, QUEUE_NAME, type JobName } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { HandlerMap, JobHandler, JobRunner } from '../../server/ports/jobs.port';
import type { Store } from '../../server/ports/store.port';
import { buildApi } from '../../server/routes';
import { receiptLookup } from '../../server/services/receipt-lookup';
import { seedDefaults } from '../../server/services/seed-defaults';
import { buildHandlers } from '../../worker/handlers';
import { inCi, redisAnswers, redisUrlForTests, testConfig, waitFor } from '../contract/jobs.support';
import { buildReport, submit } from '../integration/support/reporter-kit';
import { DAY_MS } from '../support/factories';
import { givenKeyedStaff, relaxedLimits, type KeyedStaff } from '../support/test-app';
import { isolatedRedisUrl } from './fault.support';

const BEFORE_FLUSH = 4;
const AFTER_FLUSH = 2;
const redisBase = redisUrlForTests();
const reachable = redisAnswers(redisBase);
if (!reachable && !inCi()) {
  // eslint-disable-next-line no-console
  console.log(`redis-flush-deadlines: skipped because Redis did not answer at ${redisBase} (CI=true makes this a failure)`);
}

/** Counts every handler run by job id, so a job that ran twice shows. */
function counting(handlers: HandlerMap, runs: Map<string, number>): HandlerMap {
  const wrapped = new Map<JobName, JobHandler>();
  for (const [name, handler] of handlers) {
    wrapped.set(name, {
      name,
      run: async (payload, ctx) => {
        runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
        return handler.run(payload, ctx);
      },
    });
  }
  return wrapped;
}

/** Empties the test's Redis database: FLUSHDB when it holds this run's keys only. */
async function emptyRedis(redis: IORedis, prefix: string): Promise<'flushdb' | 'own keys'> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  if (keys.every((k) => k.startsWith(`${prefix}:`))) {
    await redis.flushdb();
    return 'flushdb';
  }
  const own = keys.filter((k) => k.startsWith(`${prefix}:`));
  if (own.length > 0) await redis.del(...own);
  return 'own keys';
}

(reachable || inCi() ? describe : describe.skip)('Redis emptied while deadline jobs wait in it', () => {
  const runners: JobRunner[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let dataDir = '';
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('re-adds the lost jobs from the outbox; every deadline and its mails run exactly once', async () => {
    if (!reachable) throw new Error(`Redis did not answer at ${redisBase}; CI must run this fault test`);
    dataDir = mkdtempSync(path.join(tmpdir(), 'amana-flush-'));
    const redisDb = isolatedRedisUrl();
    const prefix = `flush-${randomUUID().slice(0, 8)}`;
    const redis = new IORedis(redisDb, { maxRetriesPerRequest: 1 });
    closers.push(async () => {
      await emptyRedis(redis, prefix).catch(() => undefined);
      await redis.quit();
    });
    const queueConnection = redis.duplicate();
    const queue = new Queue(QUEUE_NAME, { connection: queueConnection, prefix });
    closers.push(async () => {
      await queue.close();
      await queueConnection.quit();
    });

    const config = testConfig(dataDir, { REDIS_URL: redisDb, POW_DIFFICULTY: '4', PUBLIC_URL: 'https://amana.example' });
    config.jobs.reconcileMs = 200;
    const store: Store = await openSqliteStore(config.paths.sqlite, silentLogger);
    closers.push(() => store.close());
    const blobs = new DiskBlobStore(config.paths.blobs);
    const mailer = new FileMailer(config.paths.mailOutbox, config.env.MAIL_FROM);
    closers.push(() => mailer.close());
    await seedDefaults({ store, logger: silentLogger });
    const officers: KeyedStaff[] = [];
    for (let i = 0; i < 2; i += 1) officers.push(await givenKeyedStaff(store, { channelId: 'ch-corruption' }));
    const supervisor = await givenKeyedStaff(store, { channelId: 'ch-corruption', supervisor: true });

    let offsetMs = 0;
    const now = (): Date => new Date(Date.now() + offsetMs);
    const runs = new Map<string, number>();
    const handlers = counting(buildHandlers({ config, store, blobs, mailer, logger: silentLogger, now }), runs);
    const relay = createJobRunner({ config, store, handlers, logger: silentLogger, role: 'api', prefix });
    const worker = createJobRunner({ config, store, handlers, logger: silentLogger, role: 'worker', prefix });
    runners.push(relay, worker);
    await relay.start();
    await worker.start();
    const app = createApp({ config, logger: silentLogger, probes: [], api: buildApi({ config, logger: silentLogger, store, blobs, jobs: relay }, { rateLimits: relaxedLimits }) });

    const caseIds: string[] = [];
    async function file(count: number): Promise<void> {
      for (let i = 0; i < count; i += 1) {
        const { reporter, body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers });
        await submit(app, body, 201);
        const stored = await store.cases.byReceiptLookup(receiptLookup(config.secrets.serverPepper, Buffer.from(reporter.loginSecret).toString('base64')));
        if (!stored) throw new Error('report not stored');
        caseIds.push(stored.id);
      }
    }
    const deadlineIds = (): string[] => caseIds.flatMap((id) => [jobId(JOB_NAMES.deadlineAck, [id]), jobId(JOB_NAMES.deadlineFeedback, [id])]);
    const inRedis = async (ids: string[]): Promise<boolean[]> =>
      Promise.all(ids.map(async (id) => (await redis.exists(queue.toKey(bullJobId(id)))) === 1));
    const routed = async (): Promise<boolean> => (await Promise.all(caseIds.map((id) => store.cases.get(id)))).every((c) => c?.assigneeId !== null);

    await file(BEFORE_FLUSH);
    await waitFor('the first reports routed and their deadlines delayed in Redis', async () => (await routed()) && (await inRedis(deadlineIds())).every(Boolean), 60_000);
    const beforeFlush = deadlineIds();
    for (const id of beforeFlush) expect(await store.outbox.get(id)).toMatchObject({ status: 'pending', relayedAt: expect.any(Date) });

    // Redis forgets everything; reports keep coming.
    await emptyRedis(redis, prefix);
    expect(await inRedis(beforeFlush)).toEqual(beforeFlush.map(() => false));
    await file(AFTER_FLUSH);
    await waitFor('every report routed', routed, 60_000);
    await waitFor('every deadline job back in Redis', async () => (await inRedis(deadlineIds())).every(Boolean), 60_000);

    // 91 days pass: past the acknowledgement (7) and feedback (90) deadlines.
    offsetMs = 91 * DAY_MS;
    for (const job of await queue.getDelayed()) await job.promote();
    const mailJobIds = caseIds.flatMap((id) => [
      jobId(JOB_NAMES.notify, [id, 'deadline-missed', 'ack', 'LEAD']),
      jobId(JOB_NAMES.notify, [id, 'ack-escalation', supervisor.staff.id]),
      jobId(JOB_NAMES.notify, [id, 'deadline-missed', 'feedback', 'LEAD']),
    ]);
    const leadOf = new Map<string, string>();
    for (const id of caseIds) leadOf.set(id, (await store.cases.get(id))?.assigneeId ?? 'none');
    const expectedMails = mailJobIds.map((m) => {
      const caseId = m.split(':')[1] ?? '';
      return m.replace('LEAD', leadOf.get(caseId) ?? 'none');
    });
    const done = async (ids: string[]): Promise<boolean> => (await Promise.all(ids.map((id) => store.outbox.get(id)))).every((j) => j?.status === 'done');
    await waitFor('every deadline job done', () => done(deadlineIds()), 60_000);
    await waitFor('every deadline mail sent', () => done(expectedMails), 60_000);
    // More sweeps and polls go by: nothing is added or run again.
    const sweeps = Date.now() + 5 * config.jobs.reconcileMs;
    await waitFor('a few more reconciliation sweeps', () => Date.now() > sweeps, 10_000);

    for (const id of [...deadlineIds(), ...expectedMails]) expect([id, runs.get(id)]).toEqual([id, 1]);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    // One "new case" mail per report and the three deadline mails of each.
    const emls = readdirSync(config.paths.mailOutbox).filter((f) => f.endsWith('.eml'));
    expect(emls).toHaveLength(caseIds.length * 4);
    expect(await store.outbox.dead(10)).toEqual([]);
  }, 180_000);
});
