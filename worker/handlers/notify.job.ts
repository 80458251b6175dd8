/**
 * mail.notify: one notification mail, at most once per job id. The handler re-reads the
 * case when it runs and stays silent when the mail has lost its reason (the deadline's
 * stage is over, the case was reassigned, closed or purged, an identity request decided,
 * the recipient deactivated).
 */
import type { Config } from '../../config';
import type { Logger } from '../../server/logger';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { Mailer } from '../../server/ports/mail.port';
import type { CaseRecord, Lang, Store } from '../../server/ports/store.port';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { dueOf, reminderAt, stageOver, tooEarly } from '../deadlines/deadline-stage';
import { approachingMail, isStage, notifyPayload, type NotifyPayload } from '../mail/notify-payload';
import { IDENTITY_REQUEST_EVENT } from '../mail/i18n';
import { renderIdentityRequest, renderNotification, type RenderedMail } from '../mail/templates';
import { activeSupervisors, channelName } from '../routing/channel-view';
import { claimSend, recordSendFailure } from '../mail/send-marker';

export interface NotifyDeps {
  config: Pick<Config, 'env'>;
  store: Pick<Store, 'cases' | 'channels' | 'staff' | 'markers' | 'outbox' | 'identityRequests'>;
  mailer: Mailer;
  logger: Logger;
  now?: () => Date;
}

type Verdict = { send: true; staffId: string } | { send: false; why: string };

/** Whether the mail still has a reason to go, and to whom. */
async function verdict(deps: NotifyDeps, p: NotifyPayload, c: CaseRecord, now: Date): Promise<Verdict> {
  const stage = isStage(p.ref) ? p.ref : null;
  switch (p.event) {
    case 'new-case':
    case 'deadline-missed':
      if (p.event === 'deadline-missed' && stage !== null && stageOver(c, stage)) return { send: false, why: 'stage over' };
      if (c.status === 'closed') return { send: false, why: 'closed' };
      return c.assigneeId === p.staffId && p.staffId !== undefined ? { send: true, staffId: p.staffId } : { send: false, why: 'reassigned' };
    case 'deadline-approaching': {
      if (stage === null || stageOver(c, stage)) return { send: false, why: 'stage over' };
      if (!tooEarly(now, dueOf(c, stage))) return { send: false, why: 'already due' };
      if (tooEarly(now, reminderAt(c, stage))) {
        // The deadline moved later since this reminder was written: remind at the new date instead.
        await deps.store.outbox.enqueue([approachingMail(c.id, stage, dueOf(c, stage), reminderAt(c, stage))]);
        return { send: false, why: 'deadline moved' };
      }
      return c.assigneeId === null ? { send: false, why: 'unassigned' } : { send: true, staffId: c.assigneeId };
    }
    case 'ack-escalation': {
      if (stageOver(c, 'ack')) return { send: false, why: 'stage over' };
      const supervisors = await activeSupervisors(deps.store, c.channelId);
      return supervisors.some((s) => s.id === p.staffId) && p.staffId !== undefined ? { send: true, staffId: p.staffId } : { send: false, why: 'not a supervisor' };
    }
    case 'reporter-message': {
      // Even on a closed case: a reporter writing again may bring what reopens it.
      const to = p.staffId ?? c.assigneeId;
      return to === null ? { send: false, why: 'unassigned' } : { send: true, staffId: to };
    }
    case IDENTITY_REQUEST_EVENT: {
      // Once a custodian has decided, the others have nothing left to do.
      const request = p.ref === undefined ? null : await deps.store.identityRequests.get(p.ref);
      if (!request || request.caseId !== c.id) return { send: false, why: 'no such request' };
      if (request.status !== 'pending') return { send: false, why: 'decided' };
      const to = p.staffId;
      return to !== undefined && request.custodianReasons.some((r) => r.custodianId === to) ? { send: true, staffId: to } : { send: false, why: 'not addressed' };
    }
  }
}

/** The mail for the event, in the recipient's language; only case mails name the channel. */
async function compose(deps: NotifyDeps, p: NotifyPayload, c: CaseRecord, language: Lang): Promise<RenderedMail> {
  const publicUrl = deps.config.env.PUBLIC_URL;
  if (p.event === IDENTITY_REQUEST_EVENT) return renderIdentityRequest({ language, publicUrl });
  const channel = await deps.store.channels.get(c.channelId);
  return renderNotification({ event: p.event, language, channelName: channel ? channelName(channel, language) : '', caseId: c.id, publicUrl });
}

export function notifyJob(deps: NotifyDeps): JobHandler {
  const { store, mailer, logger } = deps;
  const clock = deps.now ?? (() => new Date());
  return {
    name: JOB_NAMES.notify,
    async run(payload, { jobId, signal }) {
      const p = notifyPayload.parse(payload);
      const c = await store.cases.get(p.caseId);
      if (!c || c.purgedAt !== null) return;
      const decision = await verdict(deps, p, c, clock());
      if (!decision.send) {
        logger.debug({ jobId, caseId: c.id }, `notification skipped: ${decision.why}`);
        return;
      }
      const staff = await store.staff.get(decision.staffId);
      if (!staff || staff.status !== 'active') return;
      // A custodian who lost the role can no longer decide, so there is nothing to tell them.
      if (p.event === IDENTITY_REQUEST_EVENT && !staff.roles.includes('custodian')) return;
      const mail = await compose(deps, p, c, staff.language);
      signal.throwIfAborted();

      const claim = await claimSend(store.markers, jobId, clock());
      if (claim === null) return;
      try {
        // The Message-ID comes from the job id (hashed by the mail adapter), so the one
        // ambiguous case left, a server that took the mail but failed to say so, gives a
        // duplicate that mail servers and clients recognise and drop.
        await mailer.send({ messageId: jobId, to: staff.email, ...mail });
      } catch (err) {
        await recordSendFailure(store.markers, claim, clock());
        throw err;
      }
      logger.info({ jobId, caseId: c.id, staffId: staff.id }, 'notification sent');
    },
  };
}
