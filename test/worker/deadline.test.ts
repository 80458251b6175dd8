import { jobId } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { CaseRecord } from '../../server/ports/store.port';
import { deadlineAckJob, deadlineFeedbackJob } from '../../worker/handlers/deadline.job';
import { WORDING } from '../../worker/mail/i18n';
import { DAY_MS } from '../support/factories';
import { givenTeam, jobDone, mailsTo, makeWorld, submitCase, textOf, type Team, type World } from './worker-world';

const ctx = (id: string) => ({ jobId: id, attempt: 1, signal: new AbortController().signal });

describe('deadline jobs', () => {
  let world: World;
  let team: Team;
  let lead: Team['officers'][number];
  beforeEach(async () => {
    world = await makeWorld();
    team = await givenTeam(world.store, [{ language: 'en' }]);
    const [first] = team.officers;
    if (!first) throw new Error('team');
    lead = first;
  });
  afterEach(async () => {
    await world.close();
  });

  /** An assigned case whose acknowledgement and feedback deadlines have both passed. */
  async function overdueCase(): Promise<CaseRecord> {
    const createdAt = new Date(Date.now() - 100 * DAY_MS);
    const c = await submitCase(world.store, team.channel.id, [lead.id], {
      createdAt, ackDueAt: new Date(createdAt.getTime() + 7 * DAY_MS), feedbackDueAt: new Date(createdAt.getTime() + 90 * DAY_MS),
    });
    return world.store.cases.update(c.id, { assigneeId: lead.id }, null, []);
  }

  it('tells the lead and escalates to the supervisor when acknowledgement is late, once each', async () => {
    const c = await overdueCase();
    await world.startRunner();
    await jobDone(world.store, jobId(JOB_NAMES.deadlineAck, [c.id]));
    const missed = jobId(JOB_NAMES.notify, [c.id, 'deadline-missed', 'ack', lead.id]);
    const escalation = jobId(JOB_NAMES.notify, [c.id, 'ack-escalation', team.supervisor.id]);
    await jobDone(world.store, missed);
    await jobDone(world.store, escalation);
    await jobDone(world.store, jobId(JOB_NAMES.deadlineFeedback, [c.id]));
    await jobDone(world.store, jobId(JOB_NAMES.notify, [c.id, 'deadline-missed', 'feedback', lead.id]));

    const toLead = mailsTo(world, lead.email);
    expect(toLead).toHaveLength(2);
    expect(toLead.every((m) => textOf(m).includes(WORDING.en.reasons['deadline-missed']))).toBe(true);
    // Only acknowledgement escalates; feedback lateness is the lead's matter.
    const [toSupervisor, ...more] = mailsTo(world, team.supervisor.email);
    expect(more).toHaveLength(0);
    if (!toSupervisor) throw new Error('no escalation mail');
    expect(textOf(toSupervisor)).toContain(WORDING.en.reasons['ack-escalation']);
    expect(world.mails()).toHaveLength(3);

    // Running a deadline job again adds nothing.
    await deadlineAckJob({ ...world, logger: silentLogger }).run({ caseId: c.id }, ctx(jobId(JOB_NAMES.deadlineAck, [c.id])));
    expect((await world.store.outbox.dead(10)).length).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(world.mails()).toHaveLength(3);
  });

  it('does nothing when the case moved past the stage: acknowledged, feedback given, closed', async () => {
    const acknowledged = await overdueCase();
    await world.store.cases.update(acknowledged.id, { status: 'acknowledged', acknowledgedAt: new Date() }, null, []);
    const answered = await overdueCase();
    await world.store.cases.update(answered.id, { status: 'investigating', acknowledgedAt: new Date(), firstFeedbackAt: new Date() }, null, []);
    const closed = await overdueCase();
    await world.store.cases.update(closed.id, { status: 'closed', outcome: 'inadmissible', closedAt: new Date() }, null, []);

    const ack = deadlineAckJob({ ...world, logger: silentLogger });
    const feedback = deadlineFeedbackJob({ ...world, logger: silentLogger });
    for (const c of [acknowledged, answered, closed]) await ack.run({ caseId: c.id }, ctx(jobId(JOB_NAMES.deadlineAck, [c.id])));
    for (const c of [answered, closed]) await feedback.run({ caseId: c.id }, ctx(jobId(JOB_NAMES.deadlineFeedback, [c.id])));
    for (const c of [acknowledged, answered, closed]) {
      expect(await world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'deadline-missed', 'ack', lead.id]))).toBeNull();
      expect(await world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'ack-escalation', team.supervisor.id]))).toBeNull();
    }
    for (const c of [answered, closed]) expect(await world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'deadline-missed', 'feedback', lead.id]))).toBeNull();
    // The acknowledged case still owes feedback: its feedback deadline does notify.
    await feedback.run({ caseId: acknowledged.id }, ctx(jobId(JOB_NAMES.deadlineFeedback, [acknowledged.id])));
    expect(await world.store.outbox.get(jobId(JOB_NAMES.notify, [acknowledged.id, 'deadline-missed', 'feedback', lead.id]))).not.toBeNull();
  });

  it('watches the new date when the due date is later than the job that woke up', async () => {
    const c = await submitCase(world.store, team.channel.id, [lead.id]);
    await deadlineAckJob({ ...world, logger: silentLogger }).run({ caseId: c.id }, ctx(jobId(JOB_NAMES.deadlineAck, [c.id])));
    const moved = await world.store.outbox.get(jobId(JOB_NAMES.deadlineAck, [c.id, String(c.ackDueAt.getTime())]));
    expect(moved).toMatchObject({ status: 'pending', payload: { caseId: c.id } });
    expect(moved?.runAt.getTime()).toBe(c.ackDueAt.getTime());
    expect(await world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'deadline-missed', 'ack', lead.id]))).toBeNull();
  });

  it('a late notification whose stage is over by the time it runs sends nothing', async () => {
    const c = await overdueCase();
    await deadlineAckJob({ ...world, logger: silentLogger }).run({ caseId: c.id }, ctx(jobId(JOB_NAMES.deadlineAck, [c.id])));
    await world.store.cases.update(c.id, { status: 'acknowledged', acknowledgedAt: new Date() }, null, []);
    await world.startRunner();
    await jobDone(world.store, jobId(JOB_NAMES.notify, [c.id, 'deadline-missed', 'ack', lead.id]));
    await jobDone(world.store, jobId(JOB_NAMES.notify, [c.id, 'ack-escalation', team.supervisor.id]));
    // The feedback deadline is still missed and does get its mail: the only one.
    await jobDone(world.store, jobId(JOB_NAMES.notify, [c.id, 'deadline-missed', 'feedback', lead.id]));
    expect(mailsTo(world, team.supervisor.email)).toHaveLength(0);
    expect(world.mails()).toHaveLength(1);
  });
});
