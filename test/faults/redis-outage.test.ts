/**
 * Redis goes away while reports are being filed. The API keeps accepting them: each report
 * and its jobs are one write to the store, and the relay leaves the rows in the outbox. When
 * Redis answers again, the same relay (no restart) drains the outbox and a BullMQ worker
 * routes and notifies every report.
 *
 * Redis is reached through a TCP proxy the test opens and closes: "stopping Redis" is the
 * proxy refusing connections, so the shared Redis server itself is left alone.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { DiskBlobStore } from '../../server/adapters/disk/disk.blob';
import { FileMailer } from '../../server/adapters/mail/file.mail';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { createApp } from '../../server/app';
import { createJobRunner } from '../../server/jobs/create-runner';
import { jobId } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { JobRunner } from '../../server/ports/jobs.port';
import type { CaseRecord, Store } from '../../server/ports/store.port';
import { buildApi } from '../../server/routes';
import { receiptLookup } from '../../server/services/receipt-lookup';
import { seedDefaults } from '../../server/services/seed-defaults';
import { buildHandlers } from '../../worker/handlers';
import { inCi, redisAnswers, redisUrlForTests, testConfig, waitFor } from '../contract/jobs.support';
import { buildReport, submit } from '../integration/support/reporter-kit';
import { givenKeyedStaff, relaxedLimits, type KeyedStaff } from '../support/test-app';
import { deleteQueueKeys, isolatedRedisUrl } from './fault.support';
import { freePort } from '../support/free-port';

const REPORTS = 5;
const redisBase = redisUrlForTests();
const reachable = redisAnswers(redisBase);
if (!reachable && !inCi()) {
  // eslint-disable-next-line no-console
  console.log(`redis-outage: skipped because Redis did not answer at ${redisBase} (CI=true makes this a failure)`);
}

/** A TCP proxy to Redis that can be switched off (refuse and cut every connection) and on again. */
class SwitchableRedis {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

(reachable || inCi() ? describe : describe.skip)('Redis unavailable during submissions', () => {
  let dataDir: string;
  let store: Store | null = null;
  let blobs: DiskBlobStore;
  let mailer: FileMailer | null = null;
  const runners: JobRunner[] = [];
  let proxy: SwitchableRedis | null = null;
  const redisDb = isolatedRedisUrl();

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'amana-outage-'));
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await proxy?.down();
    await mailer?.close();
    await store?.close();
    mailer = null;
    store = null;
    if (reachable) await deleteQueueKeys(redisDb);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('accepts every report, keeps the jobs in the outbox, and drains them when Redis is back', async () => {
    if (!reachable) throw new Error(`Redis did not answer at ${redisBase}; CI must run this fault test`);
    const target = new URL(redisDb);
    proxy = new SwitchableRedis(await freePort(), { host: target.hostname, port: Number(target.port || 6379) });
    const viaProxy = new URL(redisDb);
    viaProxy.port = String(proxy.port);

    // The API process: its relay points at the proxy, which is down.
    const config = testConfig(dataDir, { REDIS_URL: viaProxy.toString(), POW_DIFFICULTY: '4', PUBLIC_URL: 'https://amana.example' });
    const db = await openSqliteStore(config.paths.sqlite, silentLogger);
    store = db;
    blobs = new DiskBlobStore(config.paths.blobs);
    const files = new FileMailer(config.paths.mailOutbox, config.env.MAIL_FROM);
    mailer = files;
    await seedDefaults({ store: db, logger: silentLogger });
    const officers: KeyedStaff[] = [];
    for (let i = 0; i < 2; i += 1) officers.push(await givenKeyedStaff(db, { channelId: 'ch-corruption' }));
    const handlers = buildHandlers({ config, store: db, blobs, mailer: files, logger: silentLogger });
    const relay = createJobRunner({ config, store: db, handlers, logger: silentLogger, role: 'api' });
    runners.push(relay);
    await relay.start();
    await expect(relay.ping()).rejects.toThrow();
    const app: Express = createApp({ config, logger: silentLogger, probes: [], api: buildApi({ config, logger: silentLogger, store: db, blobs, jobs: relay }, { rateLimits: relaxedLimits }) });

    const cases: CaseRecord[] = [];
    for (let i = 0; i < REPORTS; i += 1) {
      const { reporter, body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers });
      await submit(app, body, 201);
      const stored = await db.cases.byReceiptLookup(receiptLookup(config.secrets.serverPepper, Buffer.from(reporter.loginSecret).toString('base64')));
      if (!stored) throw new Error('report not stored');
      cases.push(stored);
    }
    // Several relay polls later, nothing has left the outbox and nothing is lost.
    await new Promise((r) => setTimeout(r, 500));
    const unrelayed = new Set((await db.outbox.unrelayed(1000)).map((j) => j.id));
    for (const c of cases) {
      expect(c.assigneeId).toBeNull();
      for (const name of [JOB_NAMES.routeCase, JOB_NAMES.deadlineAck, JOB_NAMES.deadlineFeedback]) expect(unrelayed.has(jobId(name, [c.id]))).toBe(true);
    }

    // Redis is back. A worker (at scale: `npm run worker`) connects straight to it.
    await proxy.up();
    const worker = createJobRunner({ config: testConfig(dataDir, { REDIS_URL: redisDb }), store: db, handlers, logger: silentLogger, role: 'worker' });
    runners.push(worker);
    await worker.start();

    await waitFor('the outbox to drain into Redis', async () => (await db.outbox.unrelayed(1000)).length === 0, 45_000);
    await waitFor('every report routed', async () => (await Promise.all(cases.map((c) => db.cases.get(c.id)))).every((c) => c?.assigneeId !== null), 30_000);
    const routed = await Promise.all(cases.map((c) => db.cases.get(c.id)));
    const mailIds = routed.map((c) => jobId(JOB_NAMES.notify, [c?.id ?? 'x', 'new-case', c?.assigneeId ?? 'none']));
    await waitFor('every lead notified', async () => (await Promise.all(mailIds.map((id) => db.outbox.get(id)))).every((j) => j?.status === 'done'), 30_000);
    await relay.ping();

    expect(readdirSync(config.paths.mailOutbox).filter((f) => f.endsWith('.eml'))).toHaveLength(REPORTS);
    for (const c of routed) expect((await db.cases.events(c?.id ?? '')).filter((e) => e.kind === 'assigned')).toHaveLength(1);
    expect(await db.outbox.dead(10)).toEqual([]);
  }, 120_000);
});
