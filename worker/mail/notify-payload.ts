/**
 * The mail.notify payload and the jobs that carry it. Ids only: the handler reloads the
 * case, the recipient and the channel when it runs, so a mail reflects the case as it is
 * then (moved on, reassigned, purged) and never what it was when the job was written.
 */
import { z } from 'zod';
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import type { NewJob } from '../../server/ports/store.port';
import { IDENTITY_REQUEST_EVENT, NOTIFY_EVENTS, type NotifyEvent } from './i18n';

const idPart = z.string().min(1).max(100).regex(/^[^:\s]+$/, 'must be an id');
export const STAGES = ['ack', 'feedback'] as const;
export type Stage = (typeof STAGES)[number];
const stage = z.enum(STAGES);

export const notifyPayload = z
  .object({
    caseId: idPart,
    event: z.enum([...NOTIFY_EVENTS, IDENTITY_REQUEST_EVENT]),
    /** absent: whoever leads the case when the job runs */
    staffId: idPart.optional(),
    /** the deadline for deadline events; the message id for a reporter message; the request id for an identity request */
    ref: idPart.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const needsStage = p.event === 'deadline-approaching' || p.event === 'deadline-missed' || p.event === 'ack-escalation';
    if (needsStage && !stage.safeParse(p.ref).success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ref'], message: 'must be ack or feedback' });
    if (p.event === 'ack-escalation' && p.ref !== 'ack') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ref'], message: 'escalation is for acknowledgement' });
    const explicit = p.event === 'new-case' || p.event === 'deadline-missed' || p.event === 'ack-escalation' || p.event === IDENTITY_REQUEST_EVENT;
    if (explicit && p.staffId === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['staffId'], message: 'required for this event' });
    if (p.event === IDENTITY_REQUEST_EVENT && p.ref === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ref'], message: 'must be the request id' });
  });
export type NotifyPayload = z.infer<typeof notifyPayload>;

export function isStage(value: string | undefined): value is Stage {
  return value === 'ack' || value === 'feedback';
}

function notify(idParts: string[], payload: { caseId: string; event: NotifyEvent } & Record<string, string>, runAt?: Date): NewJob {
  return newJob(JOB_NAMES.notify, idParts, payload, runAt);
}

export const newCaseMail = (caseId: string, staffId: string): NewJob =>
  notify([caseId, 'new-case', staffId], { caseId, event: 'new-case', staffId });

export const deadlineMissedMail = (caseId: string, stageName: Stage, staffId: string): NewJob =>
  notify([caseId, 'deadline-missed', stageName, staffId], { caseId, event: 'deadline-missed', staffId, ref: stageName });

export const ackEscalationMail = (caseId: string, supervisorId: string): NewJob =>
  notify([caseId, 'ack-escalation', supervisorId], { caseId, event: 'ack-escalation', staffId: supervisorId, ref: 'ack' });

/**
 * One reminder per deadline date, to whoever leads the case then: the due time is in the
 * id, so a deadline that moves gets a reminder of its own, and a reassigned case reminds
 * its new lead without anyone rescheduling.
 */
export const approachingMail = (caseId: string, stageName: Stage, due: Date, runAt: Date): NewJob =>
  notify([caseId, 'deadline-approaching', stageName, String(due.getTime())], { caseId, event: 'deadline-approaching', ref: stageName }, runAt);
