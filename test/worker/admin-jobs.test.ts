import request from 'supertest';
import type { NextFunction, Request, Response } from 'express';
import { createApp } from '../../server/app';
import { OutboxRunner } from '../../server/adapters/outbox/outbox.runner';
import { Forbidden } from '../../server/errors';
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES, type JobName } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { Mailer } from '../../server/ports/mail.port';
import { adminJobsRoutes, RETRY_AUDIT_ACTION } from '../../server/routes/admin-jobs/admin-jobs.routes';
import { notifyJob } from '../../worker/handlers/notify.job';
import { givenTeam, jobDone, mailsTo, makeWorld, submitCase, waitFor, type World } from './worker-world';

const ADMIN_ID = 'admin-0001';

/** Stands in for the staff sign-in middleware: an admin only with the test header. */
function fakeRequireAdmin(req: Request, res: Response, next: NextFunction): void {
  if (req.header('x-test-admin') !== 'yes') return next(Forbidden());
  res.locals.adminId = ADMIN_ID;
  next();
}

/** An SMTP server that refuses until told otherwise, quoting the recipient as real ones do. */
function switchableMailer(inner: Mailer): Mailer & { up: boolean } {
  const mailer = {
    kind: inner.kind,
    up: false,
    async send(message: Parameters<Mailer['send']>[0]) {
      if (!mailer.up) throw new Error(`550 5.1.1 <${message.to}> mailbox unavailable at 192.0.2.7`);
      await inner.send(message);
    },
    ping: () => inner.ping(),
    close: async () => undefined,
  };
  return mailer;
}

describe('admin dead-letter list', () => {
  let world: World;
  let runner: OutboxRunner;
  let mailer: ReturnType<typeof switchableMailer>;

  beforeEach(async () => {
    world = await makeWorld();
    mailer = switchableMailer(world.mailer);
    const handler: JobHandler = notifyJob({ config: world.config, store: world.store, mailer, logger: silentLogger });
    // Every real handler, with the notification one sending through the switchable server.
    const handlers = new Map<JobName, JobHandler>([...world.handlers, [JOB_NAMES.notify, handler]]);
    runner = new OutboxRunner({ config: world.config, store: world.store, handlers, logger: silentLogger });
  });
  afterEach(async () => {
    await runner.stop();
    await world.close();
  });

  function app() {
    const router = adminJobsRoutes({ store: world.store, jobs: runner, actorOf: (res) => String(res.locals.adminId) }, fakeRequireAdmin);
    return createApp({ config: world.config, logger: silentLogger, probes: [], api: [router] });
  }

  async function deadNotification() {
    const { channel, officers } = await givenTeam(world.store, [{}]);
    const officer = officers[0];
    if (!officer) throw new Error('team');
    const c = await submitCase(world.store, channel.id, [officer.id]);
    await world.store.cases.update(c.id, { assigneeId: officer.id }, null, []);
    const job = { ...newJob(JOB_NAMES.notify, [c.id, 'new-case', officer.id], { caseId: c.id, event: 'new-case', staffId: officer.id }), maxAttempts: 1 };
    await world.store.outbox.enqueue([job]);
    // Started only now, so the route job finds the case already assigned and adds no mail job of its own.
    await runner.start();
    await waitFor('dead job', async () => (await world.store.outbox.get(job.id))?.status === 'dead');
    return { c, officer, job };
  }

  it('lists dead jobs with ids, names, attempts and a scrubbed error, to administrators only', async () => {
    const { job, officer } = await deadNotification();
    await request(app()).get('/api/v1/admin/jobs/dead').expect(403);

    const res = await request(app()).get('/api/v1/admin/jobs/dead').set('x-test-admin', 'yes').expect(200);
    const body = res.body as { jobs: { id: string; name: string; attempts: number; lastError: string | null; createdAt: string; finishedAt: string | null }[] };
    expect(body.jobs).toHaveLength(1);
    const [dead] = body.jobs;
    expect(dead).toMatchObject({ id: job.id, name: JOB_NAMES.notify, attempts: 1, maxAttempts: 1 });
    expect(dead?.lastError).toContain('mailbox unavailable');
    expect(dead?.lastError).not.toContain(officer.email);
    expect(dead?.lastError).not.toContain('@');
    expect(dead?.lastError).not.toContain('192.0.2.7');
    expect(JSON.stringify(res.body)).not.toContain('payload');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('retries a dead job: it runs again, the mail goes out once, and the retry is audited', async () => {
    const { c, officer, job } = await deadNotification();
    expect(mailsTo(world, officer.email)).toHaveLength(0);
    mailer.up = true;
    await request(app()).post(`/api/v1/admin/jobs/${encodeURIComponent(job.id)}/retry`).set('x-test-admin', 'yes').expect(200, { id: job.id, status: 'pending' });
    await jobDone(world.store, job.id);
    expect(mailsTo(world, officer.email)).toHaveLength(1);

    const audit = await world.store.audit.list({ action: RETRY_AUDIT_ACTION, limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: ADMIN_ID, caseId: c.id, detail: { jobId: job.id, jobName: JOB_NAMES.notify } });

    // Not dead any more: a second retry is refused and changes nothing.
    await request(app()).post(`/api/v1/admin/jobs/${encodeURIComponent(job.id)}/retry`).set('x-test-admin', 'yes').expect(409);
    const listed = await request(app()).get('/api/v1/admin/jobs/dead').set('x-test-admin', 'yes').expect(200);
    expect((listed.body as { jobs: unknown[] }).jobs).toHaveLength(0);
    expect(mailsTo(world, officer.email)).toHaveLength(1);
  });

  it('answers 404 for an unknown job, 400 for a malformed id, 403 without an admin', async () => {
    await request(app()).post('/api/v1/admin/jobs/mail.notify%3Anope/retry').set('x-test-admin', 'yes').expect(404);
    await request(app()).post('/api/v1/admin/jobs/not%20an%20id/retry').set('x-test-admin', 'yes').expect(400);
    await request(app()).get('/api/v1/admin/jobs/dead?limit=0').set('x-test-admin', 'yes').expect(400);
    await request(app()).post('/api/v1/admin/jobs/mail.notify%3Anope/retry').expect(403);
    expect(await world.store.audit.list({ action: RETRY_AUDIT_ACTION, limit: 10 })).toHaveLength(0);
  });
});
