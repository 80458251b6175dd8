/**
 * Two `npm run worker` processes on one Redis and one store route 20 new reports. Each
 * report also gets a second, differently named route job (as a duplicated delivery would
 * give), so the two processes really do race on the same case. Every case must end with
 * one assignment and its lead with one mail.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import { createJobRunner } from '../../server/jobs/create-runner';
import { jobId, newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import type { JobRunner } from '../../server/ports/jobs.port';
import type { CaseRecord, Store } from '../../server/ports/store.port';
import { ensureBuilt, workerEntry } from '../support/built';
import { startProcess, type RunningProcess } from '../support/spawn-process';
import { inCi, redisAnswers, redisUrlForTests, testConfig, waitFor } from '../contract/jobs.support';
import { parseEml } from '../contract/mail.eml';
import { givenTeam, submitCase } from '../worker/worker-world';
import { deleteQueueKeys, isolatedRedisUrl, isWorkerReadyLine } from './fault.support';

const CASES = 20;
const redisBase = redisUrlForTests();
const reachable = redisAnswers(redisBase);
if (!reachable && !inCi()) {
  // eslint-disable-next-line no-console
  console.log(`two-workers-route: skipped because Redis did not answer at ${redisBase} (CI=true makes this a failure)`);
}

(reachable || inCi() ? describe : describe.skip)('two BullMQ worker processes routing the same reports', () => {
  let dataDir: string;
  let store: Store;
  let relay: JobRunner | null = null;
  const workers: RunningProcess[] = [];
  const redisUrl = isolatedRedisUrl();

  beforeAll(() => ensureBuilt(), 300_000);
  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'amana-two-workers-'));
    store = await openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger);
  });
  afterEach(async () => {
    await relay?.stop();
    for (const proc of workers.splice(0)) {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
      await proc.exited;
    }
    await store.close();
    if (reachable) await deleteQueueKeys(redisUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  function mails(): { to: string; subject: string }[] {
    const outbox = path.join(dataDir, 'outbox');
    if (!existsSync(outbox)) return [];
    return readdirSync(outbox)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => parseEml(readFileSync(path.join(outbox, f), 'utf8')))
      .map((m) => ({ to: m.headers.get('to') ?? '', subject: m.headers.get('subject') ?? '' }));
  }

  it('assigns each case once and mails each lead once', async () => {
    if (!reachable) throw new Error(`Redis did not answer at ${redisBase}; CI must run this fault test`);
    const { channel, officers } = await givenTeam(store, [{}, {}, {}, {}]);
    const env = { DATA_DIR: dataDir, REDIS_URL: redisUrl, JOB_LOCK_MS: '5000', WORKER_CONCURRENCY: '4', LOG_LEVEL: 'info', PUBLIC_URL: 'https://amana.example' };
    // One after the other: the first start writes the installation secrets.
    for (let i = 0; i < 2; i += 1) {
      const proc = startProcess(workerEntry, env);
      workers.push(proc);
      await proc.waitForLine(isWorkerReadyLine, 30_000);
    }

    const cases: CaseRecord[] = [];
    for (let i = 0; i < CASES; i += 1) {
      const c = await submitCase(store, channel.id, officers.map((o) => o.id));
      await store.outbox.enqueue([newJob(JOB_NAMES.routeCase, [c.id, 'again'], { caseId: c.id })]);
      cases.push(c);
    }
    relay = createJobRunner({ config: testConfig(dataDir, { REDIS_URL: redisUrl }), store, handlers: new Map(), logger: silentLogger, role: 'api' });
    await relay.start();

    const routeIds = cases.flatMap((c) => [jobId(JOB_NAMES.routeCase, [c.id]), jobId(JOB_NAMES.routeCase, [c.id, 'again'])]);
    await waitFor('every route job done', async () => (await Promise.all(routeIds.map((id) => store.outbox.get(id)))).every((j) => j?.status === 'done'), 60_000);
    const mailJobIds = (await Promise.all(cases.map((c) => store.cases.get(c.id)))).map((c) => jobId(JOB_NAMES.notify, [c?.id ?? 'x', 'new-case', c?.assigneeId ?? 'none']));
    await waitFor('every new-case mail job done', async () => (await Promise.all(mailJobIds.map((id) => store.outbox.get(id)))).every((j) => j?.status === 'done'), 60_000);
    // Anything still in flight would show up now.
    await new Promise((r) => setTimeout(r, 500));

    const emailOf = new Map(officers.map((o) => [o.id, o.email]));
    const sent = mails();
    expect(sent).toHaveLength(CASES);
    const expectedRecipients: string[] = [];
    for (const c of cases) {
      const routed = await store.cases.get(c.id);
      expect(routed?.assigneeId).not.toBeNull();
      expect(routed?.flagged).toBe(false);
      expect((await store.cases.events(c.id)).filter((e) => e.kind === 'assigned')).toHaveLength(1);
      // Exactly one new-case mail job exists for the case, to its lead.
      const mailJobs = await Promise.all(officers.map((o) => store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'new-case', o.id]))));
      expect(mailJobs.filter((j) => j !== null).map((j) => j?.id)).toEqual([jobId(JOB_NAMES.notify, [c.id, 'new-case', routed?.assigneeId ?? ''])]);
      expectedRecipients.push(emailOf.get(routed?.assigneeId ?? '') ?? 'unknown');
    }
    expect(sent.map((m) => m.to).sort()).toEqual(expectedRecipients.sort());
    expect(await store.outbox.dead(10)).toEqual([]);

    // Both processes took part.
    const routedBy = workers.map((w) => w.lines.filter((l) => l.includes('"msg":"case routed"')).length);
    expect(routedBy.every((n) => n > 0)).toBe(true);
    expect(routedBy.reduce((a, b) => a + b, 0)).toBe(CASES);
  }, 120_000);
});
