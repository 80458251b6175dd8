/**
 * case.deadline-ack and case.deadline-feedback: written at submission with runAt = the due
 * date. When one runs, the case either moved on (nothing to do: the job is "cancelled"),
 * has a due date that moved later (the job is written again for the new date), or missed
 * the deadline: its lead is told, and for a late acknowledgement the channel's
 * supervisors too. The mails are jobs of their own, so each is sent at most once.
 */
import { z } from 'zod';
import type { Logger } from '../../server/logger';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { NewJob, Store } from '../../server/ports/store.port';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { dueOf, movedDeadlineJob, stageOver, tooEarly } from '../deadlines/deadline-stage';
import { ackEscalationMail, deadlineMissedMail, type Stage } from '../mail/notify-payload';
import { activeSupervisors } from '../routing/channel-view';

export const deadlinePayload = z.object({ caseId: z.string().min(1).max(100) }).strict();

export interface DeadlineDeps {
  store: Pick<Store, 'cases' | 'channels' | 'staff' | 'outbox'>;
  logger: Logger;
  now?: () => Date;
}

function deadlineJob(stage: Stage, deps: DeadlineDeps): JobHandler {
  const { store, logger } = deps;
  const clock = deps.now ?? (() => new Date());
  return {
    name: stage === 'ack' ? JOB_NAMES.deadlineAck : JOB_NAMES.deadlineFeedback,
    async run(payload, { jobId }) {
      const { caseId } = deadlinePayload.parse(payload);
      const c = await store.cases.get(caseId);
      if (!c || stageOver(c, stage)) return;

      if (tooEarly(clock(), dueOf(c, stage))) {
        await store.outbox.enqueue([movedDeadlineJob(c, stage)]);
        logger.info({ jobId, caseId }, 'deadline moved: watching the new date');
        return;
      }

      const jobs: NewJob[] = [];
      if (c.assigneeId !== null) jobs.push(deadlineMissedMail(caseId, stage, c.assigneeId));
      if (stage === 'ack') {
        const supervisors = await activeSupervisors(store, c.channelId);
        // A supervisor who leads the case already has the "missed" mail.
        for (const s of supervisors) if (s.id !== c.assigneeId) jobs.push(ackEscalationMail(caseId, s.id));
      }
      // Fixed ids: a retried or repeated run enqueues nothing new.
      await store.outbox.enqueue(jobs);
      logger.warn({ jobId, caseId, staffId: c.assigneeId, count: jobs.length }, 'deadline missed');
    },
  };
}

export const deadlineAckJob = (deps: DeadlineDeps): JobHandler => deadlineJob('ack', deps);
export const deadlineFeedbackJob = (deps: DeadlineDeps): JobHandler => deadlineJob('feedback', deps);
