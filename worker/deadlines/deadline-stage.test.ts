import type { CaseRecord } from '../../server/ports/store.port';
import { EARLY_TOLERANCE_MS, REMINDER_LEAD_MS, movedDeadlineJob, reminderJobs, stageOver, tooEarly } from './deadline-stage';

const DAY = 24 * 3600 * 1000;
const CREATED = new Date('2026-03-01T10:00:00Z');

function aCase(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'case-0001', channelId: 'ch', category: 'bribery', language: 'fr', status: 'received', outcome: null,
    createdAt: CREATED, acknowledgedAt: null, firstFeedbackAt: null, closedAt: null,
    ackDueAt: new Date(CREATED.getTime() + 7 * DAY), feedbackDueAt: new Date(CREATED.getTime() + 90 * DAY),
    assigneeId: 'officer-1', flagged: false, receiptLookup: 'ab', reporterPublicKey: new Uint8Array(32), body: new Uint8Array(8),
    identity: null, labels: [], lastReporterAccessAt: null, purgedAt: null, questionnaireVersion: 1, ...over,
  };
}

describe('deadline stages', () => {
  it('knows when a stage is over', () => {
    expect(stageOver(aCase(), 'ack')).toBe(false);
    expect(stageOver(aCase({ status: 'acknowledged', acknowledgedAt: CREATED }), 'ack')).toBe(true);
    expect(stageOver(aCase({ status: 'acknowledged', acknowledgedAt: CREATED }), 'feedback')).toBe(false);
    expect(stageOver(aCase({ status: 'investigating', firstFeedbackAt: CREATED }), 'feedback')).toBe(true);
    expect(stageOver(aCase({ status: 'closed', closedAt: CREATED }), 'feedback')).toBe(true);
    expect(stageOver(aCase({ purgedAt: CREATED }), 'ack')).toBe(true);
  });

  it('schedules the reminders ahead of each deadline, and none for a passed stage or a past time', () => {
    const all = reminderJobs(aCase(), CREATED);
    expect(all.map((j) => j.id)).toEqual([
      `mail.notify:case-0001:deadline-approaching:ack:${CREATED.getTime() + 7 * DAY}`,
      `mail.notify:case-0001:deadline-approaching:feedback:${CREATED.getTime() + 90 * DAY}`,
    ]);
    expect(all.map((j) => j.runAt.getTime())).toEqual([CREATED.getTime() + 7 * DAY - REMINDER_LEAD_MS.ack, CREATED.getTime() + 90 * DAY - REMINDER_LEAD_MS.feedback]);
    expect(all.every((j) => JSON.stringify(j.payload) === JSON.stringify({ caseId: 'case-0001', event: 'deadline-approaching', ref: j.id.includes(':ack:') ? 'ack' : 'feedback' }))).toBe(true);
    expect(reminderJobs(aCase({ status: 'acknowledged', acknowledgedAt: CREATED }), CREATED).map((j) => j.id)).toHaveLength(1);
    expect(reminderJobs(aCase(), new Date(CREATED.getTime() + 6 * DAY))).toHaveLength(1);
  });

  it('tolerates a job that starts a moment early but not one for a date that moved', () => {
    const due = new Date(CREATED.getTime() + 7 * DAY);
    expect(tooEarly(new Date(due.getTime() - EARLY_TOLERANCE_MS + 1), due)).toBe(false);
    expect(tooEarly(new Date(due.getTime() - EARLY_TOLERANCE_MS - 1), due)).toBe(true);
  });

  it('watches a moved deadline under a new id carrying the due time', () => {
    const c = aCase({ ackDueAt: new Date(CREATED.getTime() + 10 * DAY) });
    const job = movedDeadlineJob(c, 'ack');
    expect(job).toMatchObject({ id: `case.deadline-ack:case-0001:${CREATED.getTime() + 10 * DAY}`, name: 'case.deadline-ack', payload: { caseId: 'case-0001' } });
    expect(job.runAt.getTime()).toBe(CREATED.getTime() + 10 * DAY);
  });
});
