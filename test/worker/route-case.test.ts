import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { jobId } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { JobHandler } from '../../server/ports/jobs.port';
import { REMINDER_LEAD_MS } from '../../worker/deadlines/deadline-stage';
import { routeMarker } from '../../worker/handlers/route-case.job';
import { DAY_MS } from '../support/factories';
import { givenTeam, htmlOf, jobDone, mailsTo, makeWorld, PUBLIC_URL, submitCase, textOf, waitFor, type World } from './worker-world';

const ctx = (id: string) => ({ jobId: id, attempt: 1, signal: new AbortController().signal });

describe('routing a new case (embedded runner, SQLite, .eml mailer)', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  const route = (): JobHandler => {
    const handler = world.handlers.get(JOB_NAMES.routeCase);
    if (!handler) throw new Error('no route handler registered');
    return handler;
  };

  it('assigns the officer of the rule department and mails them exactly once, with no content', async () => {
    const { channel, officers } = await givenTeam(
      world.store,
      [{ department: 'finance' }, { department: 'procurement', language: 'ar' }],
      [{ category: 'bribery', department: 'procurement' }],
    );
    const [finance, procurement] = officers;
    if (!finance || !procurement) throw new Error('team');
    const c = await submitCase(world.store, channel.id, [finance.id, procurement.id]);
    await world.startRunner();

    const mailJob = jobId(JOB_NAMES.notify, [c.id, 'new-case', procurement.id]);
    await jobDone(world.store, jobId(JOB_NAMES.routeCase, [c.id]));
    await jobDone(world.store, mailJob);

    const routed = await world.store.cases.get(c.id);
    expect(routed).toMatchObject({ assigneeId: procurement.id, flagged: false });
    const assigned = (await world.store.cases.events(c.id)).filter((e) => e.kind === 'assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ actorId: null, visibleToReporter: false, detail: { assigneeId: procurement.id, flagged: false } });

    expect(world.mails()).toHaveLength(1);
    const [mail] = mailsTo(world, procurement.email);
    if (!mail) throw new Error('no mail to the assignee');
    expect(mail.headers.get('content-language')).toBe('ar');
    expect(htmlOf(mail)).toMatch(/dir="rtl"/);
    expect(textOf(mail)).toContain(`${PUBLIC_URL}/staff/cases/${c.id}`);
    const raw = `${mail.body}${textOf(mail)}${htmlOf(mail)}`;
    expect(raw).not.toContain('bribery');
    expect(raw).not.toMatch(/<img/i);
    expect(raw).not.toContain(c.receiptLookup);

    // Reminders before each deadline, written with the assignment.
    const ackReminder = await world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'deadline-approaching', 'ack', String(c.ackDueAt.getTime())]));
    expect(ackReminder?.runAt.getTime()).toBe(c.ackDueAt.getTime() - REMINDER_LEAD_MS.ack);
    const feedbackReminder = await world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'deadline-approaching', 'feedback', String(c.feedbackDueAt.getTime())]));
    expect(feedbackReminder?.runAt.getTime()).toBe(c.feedbackDueAt.getTime() - REMINDER_LEAD_MS.feedback);
  });

  it('routes once and mails once when the route job runs again', async () => {
    const { channel, officers } = await givenTeam(world.store, [{}, {}]);
    const c = await submitCase(world.store, channel.id, officers.map((o) => o.id));
    const id = jobId(JOB_NAMES.routeCase, [c.id]);
    await route().run({ caseId: c.id }, ctx(id));
    const first = await world.store.cases.get(c.id);
    await route().run({ caseId: c.id }, ctx(id));
    await world.startRunner();
    await jobDone(world.store, id);
    await jobDone(world.store, jobId(JOB_NAMES.notify, [c.id, 'new-case', first?.assigneeId ?? 'none']));

    expect((await world.store.cases.get(c.id))?.assigneeId).toBe(first?.assigneeId);
    expect((await world.store.cases.events(c.id)).filter((e) => e.kind === 'assigned')).toHaveLength(1);
    expect(world.mails()).toHaveLength(1);
  });

  it('finishes an assignment whose run died after claiming the route marker', async () => {
    const { channel, officers } = await givenTeam(world.store, [{}]);
    const c = await submitCase(world.store, channel.id, officers.map((o) => o.id));
    expect(await world.store.markers.claim(routeMarker(c.id), new Date())).toBe(true);
    await route().run({ caseId: c.id }, ctx(jobId(JOB_NAMES.routeCase, [c.id])));
    expect((await world.store.cases.get(c.id))?.assigneeId).toBe(officers[0]?.id);
  });

  it('never assigns twice when two runs race on the same case: the second update writes nothing', async () => {
    const { channel, officers } = await givenTeam(world.store, [{}, {}, {}]);
    const c = await submitCase(world.store, channel.id, officers.map((o) => o.id));
    const id = jobId(JOB_NAMES.routeCase, [c.id]);
    const results = await Promise.allSettled([route().run({ caseId: c.id }, ctx(id)), route().run({ caseId: c.id }, ctx(id))]);
    // The run that lost the race finds the case routed and ends quietly instead of failing.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect((await world.store.cases.events(c.id)).filter((e) => e.kind === 'assigned')).toHaveLength(1);
    const mailJobs = await Promise.all(officers.map((o) => world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'new-case', o.id]))));
    expect(mailJobs.filter((j) => j !== null)).toHaveLength(1);
  });

  it('two runners on two connections to one SQLite file route 12 cases once each and mail once each', async () => {
    const { channel, officers } = await givenTeam(world.store, [{}, {}, {}]);
    const cases = [];
    for (let i = 0; i < 12; i += 1) cases.push(await submitCase(world.store, channel.id, officers.map((o) => o.id)));
    const second = await openSqliteStore(world.config.paths.sqlite, silentLogger);
    await Promise.all([world.startRunner(), world.startRunner(second)]);
    for (const c of cases) await jobDone(world.store, jobId(JOB_NAMES.routeCase, [c.id]));
    await waitFor('12 mails', () => world.mails().length >= 12);
    await new Promise((r) => setTimeout(r, 200));

    expect(world.mails()).toHaveLength(12);
    const load = new Map<string, number>();
    for (const c of cases) {
      const routed = await world.store.cases.get(c.id);
      expect((await world.store.cases.events(c.id)).filter((e) => e.kind === 'assigned')).toHaveLength(1);
      const assignee = routed?.assigneeId ?? 'none';
      load.set(assignee, (load.get(assignee) ?? 0) + 1);
      expect(mailsTo(world, officers.find((o) => o.id === assignee)?.email ?? 'none').length).toBeGreaterThan(0);
    }
    // Workload balancing spreads 12 cases over three officers (one runner could race ahead a little).
    expect(load.size).toBe(3);
  });

  it('keeps to the officers the report was sealed to, skipping the excluded and the absent', async () => {
    const now = Date.now();
    const { channel, officers } = await givenTeam(world.store, [{ department: 'x' }, { awayFrom: new Date(now - DAY_MS), awayUntil: new Date(now + DAY_MS) }, {}]);
    const [excluded, away, chosen] = officers;
    if (!excluded || !away || !chosen) throw new Error('team');
    const c = await submitCase(world.store, channel.id, [away.id, chosen.id]);
    await route().run({ caseId: c.id }, ctx(jobId(JOB_NAMES.routeCase, [c.id])));
    expect((await world.store.cases.get(c.id))?.assigneeId).toBe(chosen.id);
  });

  it('assigns the supervisor and flags the case when nobody sealed to is available, and mails the supervisor', async () => {
    const { channel, officers, supervisor } = await givenTeam(world.store, [{ status: 'deactivated' }, {}]);
    const [gone] = officers;
    if (!gone) throw new Error('team');
    const c = await submitCase(world.store, channel.id, [gone.id]);
    await world.startRunner();
    await jobDone(world.store, jobId(JOB_NAMES.routeCase, [c.id]));
    await jobDone(world.store, jobId(JOB_NAMES.notify, [c.id, 'new-case', supervisor.id]));
    expect(await world.store.cases.get(c.id)).toMatchObject({ assigneeId: supervisor.id, flagged: true });
    expect(mailsTo(world, supervisor.email)).toHaveLength(1);
    expect(world.mails()).toHaveLength(1);
  });

  it('rejects a payload that is not ids only', async () => {
    await expect(route().run({ caseId: 'x', note: 'hello' }, ctx('case.route:x'))).rejects.toThrow();
    await expect(route().run({ caseId: 42 }, ctx('case.route:x'))).rejects.toThrow();
  });
});
