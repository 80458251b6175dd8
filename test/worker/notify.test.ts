import { randomUUID } from 'node:crypto';
import { jobId, newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { MailMessage, Mailer } from '../../server/ports/mail.port';
import { notifyJob } from '../../worker/handlers/notify.job';
import { failureMarker, sendMarker } from '../../worker/mail/send-marker';
import { WORDING } from '../../worker/mail/i18n';
import { DAY_MS } from '../support/factories';
import { givenTeam, htmlOf, jobDone, mailsTo, makeWorld, submitCase, textOf, type World } from './worker-world';

const ctx = (id: string) => ({ jobId: id, attempt: 1, signal: new AbortController().signal });

/** A mailer that fails the first `failures` sends, then delegates. */
function flakyMailer(inner: Mailer, failures: number): Mailer & { sent: MailMessage[] } {
  let left = failures;
  const sent: MailMessage[] = [];
  return {
    kind: inner.kind,
    sent,
    async send(message) {
      if (left > 0) {
        left -= 1;
        throw new Error('421 service not available');
      }
      sent.push(message);
      await inner.send(message);
    },
    ping: () => inner.ping(),
    close: async () => undefined,
  };
}

describe('notifications', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  async function assignedCase(over: Parameters<typeof givenTeam>[1][number] = {}) {
    const { channel, officers, supervisor } = await givenTeam(world.store, [over]);
    const officer = officers[0];
    if (!officer) throw new Error('team');
    const c = await submitCase(world.store, channel.id, [officer.id]);
    await world.store.cases.update(c.id, { assigneeId: officer.id }, null, []);
    return { c, officer, supervisor };
  }

  it('mails the current lead once for a reporter message, in their language', async () => {
    const { c, officer } = await assignedCase({ language: 'fr' });
    const messageId = randomUUID();
    const job = newJob(JOB_NAMES.notify, [c.id, 'reporter-message', messageId], { caseId: c.id, event: 'reporter-message', ref: messageId });
    await world.store.outbox.enqueue([job]);
    await world.startRunner();
    await jobDone(world.store, job.id);
    const mails = mailsTo(world, officer.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error('no mail');
    expect(mail.headers.get('content-language')).toBe('fr');
    expect(textOf(mail)).toContain(WORDING.fr.reasons['reporter-message']);
    expect(htmlOf(mail)).toMatch(/<html lang="fr" dir="ltr">/);
    expect(await world.store.markers.has(sendMarker(job.id))).toBe(true);

    // The same job id again (a retry after the job completed, a re-delivery) sends nothing.
    await notifyJob({ ...world, logger: silentLogger }).run(job.payload, ctx(job.id));
    expect(world.mails()).toHaveLength(1);
  });

  it('retries a send that failed and still sends exactly one mail', async () => {
    const { c, officer } = await assignedCase();
    const flaky = flakyMailer(world.mailer, 2);
    const handler = notifyJob({ config: world.config, store: world.store, mailer: flaky, logger: silentLogger });
    const id = jobId(JOB_NAMES.notify, [c.id, 'new-case', officer.id]);
    const payload = { caseId: c.id, event: 'new-case', staffId: officer.id };
    await expect(handler.run(payload, ctx(id))).rejects.toThrow('421');
    await expect(handler.run(payload, ctx(id))).rejects.toThrow('421');
    expect(await world.store.markers.has(failureMarker(id, 1))).toBe(true);
    await handler.run(payload, ctx(id));
    await handler.run(payload, ctx(id));
    expect(flaky.sent).toHaveLength(1);
    expect(mailsTo(world, officer.email)).toHaveLength(1);
  });

  it('loses the mail rather than sending it twice when a run died between claim and send', async () => {
    const { c, officer } = await assignedCase();
    const id = jobId(JOB_NAMES.notify, [c.id, 'new-case', officer.id]);
    // What a SIGKILL right after the claim leaves behind.
    await world.store.markers.claim(sendMarker(id), new Date());
    await notifyJob({ ...world, logger: silentLogger }).run({ caseId: c.id, event: 'new-case', staffId: officer.id }, ctx(id));
    expect(world.mails()).toHaveLength(0);
  });

  it('sends nothing to a deactivated officer, to a former lead, or about a purged case', async () => {
    const { c, officer } = await assignedCase();
    const handler = notifyJob({ ...world, logger: silentLogger });
    const other = (await givenTeam(world.store, [{}])).officers[0];
    if (!other) throw new Error('team');
    await handler.run({ caseId: c.id, event: 'new-case', staffId: other.id }, ctx(jobId(JOB_NAMES.notify, [c.id, 'new-case', other.id])));
    await world.store.staff.update(officer.id, { status: 'deactivated' });
    await handler.run({ caseId: c.id, event: 'new-case', staffId: officer.id }, ctx(jobId(JOB_NAMES.notify, [c.id, 'new-case', officer.id])));
    await world.store.staff.update(officer.id, { status: 'active' });
    await world.store.cases.update(c.id, { status: 'closed', closedAt: new Date() }, null, []);
    await world.store.cases.purge(c.id, new Date(), []);
    const messageId = randomUUID();
    await handler.run({ caseId: c.id, event: 'reporter-message', ref: messageId }, ctx(jobId(JOB_NAMES.notify, [c.id, 'reporter-message', messageId])));
    expect(world.mails()).toHaveLength(0);
  });

  it('sends an approaching reminder while the stage is open and skips it once the case moved on', async () => {
    const { c, officer } = await assignedCase();
    const reminderTime = new Date(c.ackDueAt.getTime() - 2 * DAY_MS + 1000);
    const handler = notifyJob({ ...world, logger: silentLogger, now: () => reminderTime });
    const id = jobId(JOB_NAMES.notify, [c.id, 'deadline-approaching', 'ack', String(c.ackDueAt.getTime())]);
    const payload = { caseId: c.id, event: 'deadline-approaching', ref: 'ack' };
    await handler.run(payload, ctx(id));
    const [reminder] = mailsTo(world, officer.email);
    if (!reminder) throw new Error('no reminder');
    expect(textOf(reminder)).toContain(WORDING.fr.reasons['deadline-approaching']);

    await world.store.cases.update(c.id, { status: 'acknowledged', acknowledgedAt: new Date() }, null, []);
    const id2 = `${id}-again`;
    await handler.run(payload, ctx(id2));
    expect(world.mails()).toHaveLength(1);
  });

  it('reschedules an approaching reminder whose deadline moved later instead of sending it early', async () => {
    const { c } = await assignedCase();
    // The reminder was written for a due date three weeks earlier than the case's.
    const early = new Date(c.ackDueAt.getTime() - 21 * DAY_MS);
    const handler = notifyJob({ ...world, logger: silentLogger, now: () => early });
    await handler.run({ caseId: c.id, event: 'deadline-approaching', ref: 'ack' }, ctx('mail.notify:old-reminder'));
    expect(world.mails()).toHaveLength(0);
    const moved = await world.store.outbox.get(jobId(JOB_NAMES.notify, [c.id, 'deadline-approaching', 'ack', String(c.ackDueAt.getTime())]));
    expect(moved?.runAt.getTime()).toBe(c.ackDueAt.getTime() - 2 * DAY_MS);
  });

  it('refuses payloads that are not ids only or lack what the event needs', async () => {
    const handler = notifyJob({ ...world, logger: silentLogger });
    await expect(handler.run({ caseId: 'c1', event: 'new-case' }, ctx('x'))).rejects.toThrow();
    await expect(handler.run({ caseId: 'c1', event: 'deadline-missed', staffId: 's1', ref: 'soon' }, ctx('x'))).rejects.toThrow();
    await expect(handler.run({ caseId: 'c1', event: 'reporter-message', body: 'hello' }, ctx('x'))).rejects.toThrow();
    await expect(handler.run({ caseId: 'c1', event: 'party' }, ctx('x'))).rejects.toThrow();
  });
});
