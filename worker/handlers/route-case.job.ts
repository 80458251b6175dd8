/**
 * case.route: a new report gets its lead officer. The candidates are the channel's members
 * the reporter's browser sealed the case key to (so the reporter's exclusions hold), the
 * choice is chooseOfficer's, and the assignment, its event, the officer's mail and the
 * deadline reminders are written in one atomic update.
 */
import { z } from 'zod';
import type { Logger } from '../../server/logger';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { CaseRecord, NewJob, Store } from '../../server/ports/store.port';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { reminderJobs } from '../deadlines/deadline-stage';
import { newCaseMail } from '../mail/notify-payload';
import { chooseOfficer, type RoutingDecision } from '../routing/choose-officer';
import { membersWithStaff, routingCandidates, routingRules } from '../routing/channel-view';

export const routeCasePayload = z.object({ caseId: z.string().min(1).max(100) }).strict();

export interface RouteCaseDeps {
  store: Pick<Store, 'cases' | 'channels' | 'staff' | 'markers'>;
  logger: Logger;
  now?: () => Date;
}

/** Routing happened once this is true: an assignee, or the flag that says nobody could take it. */
export const isRouted = (c: CaseRecord): boolean => c.assigneeId !== null || c.flagged;

export const routeMarker = (caseId: string): string => `route:${caseId}`;

/**
 * The assignment event's id is fixed per case. Event ids are the events' primary key, so
 * if two runs ever both reach the update, the second transaction fails as a whole (no
 * second assignee, no second mail job) and its retry finds the case routed. The store
 * contract pins this ("writes nothing of an update whose event cannot be stored").
 */
export const routedEventId = (caseId: string): string => `${caseId}.routed`;

async function decide(store: RouteCaseDeps['store'], c: CaseRecord, now: Date): Promise<RoutingDecision> {
  const [channel, keys, members] = await Promise.all([
    store.channels.get(c.channelId),
    store.cases.keys(c.id),
    membersWithStaff(store, c.channelId),
  ]);
  const sealed = new Set(keys.filter((k) => k.kind === 'case' && k.recipient !== 'reporter').map((k) => k.recipient));
  const open = await store.cases.openCountByAssignee(members.map((m) => m.staff.id));
  const candidates = routingCandidates(members, sealed, open);
  return chooseOfficer({ category: c.category, rules: channel ? routingRules(channel) : [], candidates, now });
}


/** The assignment, its event, the lead's mail and the reminders: one atomic update. */
async function recordAssignment(store: RouteCaseDeps['store'], caseId: string, decision: RoutingDecision, jobs: NewJob[], now: Date): Promise<void> {
  await store.cases.update(
    caseId,
    { assigneeId: decision.assigneeId, flagged: decision.flagged },
    {
      id: routedEventId(caseId),
      at: now,
      kind: 'assigned',
      actorId: null,
      detail: { assigneeId: decision.assigneeId, flagged: decision.flagged, reason: decision.reason },
      sealed: null,
      visibleToReporter: false,
    },
    jobs,
  );
}

export function routeCaseJob(deps: RouteCaseDeps): JobHandler {
  const { store, logger } = deps;
  const clock = deps.now ?? (() => new Date());
  return {
    name: JOB_NAMES.routeCase,
    async run(payload, { signal }) {
      const { caseId } = routeCasePayload.parse(payload);
      const c = await store.cases.get(caseId);
      // The case and this job are written together, so a missing case was purged since.
      if (!c || c.purgedAt !== null || c.status === 'closed' || isRouted(c)) return;

      // BullMQ's lock and the outbox lease already keep one run per job at a time; the
      // marker covers what they cannot: a run that lost its lock (a frozen process) while
      // another took over. Claiming and assigning are two writes, so a run that died
      // between them leaves the marker without an assignment. A later run that finds the
      // marker taken but the case unrouted therefore finishes the work instead of giving
      // up: at worst two live runs both get here, and the fixed event id above lets only
      // one of their updates commit.
      const first = await store.markers.claim(routeMarker(caseId), clock());
      if (!first) logger.info({ caseId }, 'route marker present but case unrouted: finishing the assignment');

      const now = clock();
      const decision = await decide(store, c, now);
      // Past its budget the runner may already have handed the job to someone else.
      signal.throwIfAborted();

      const jobs = decision.assigneeId === null ? [] : [newCaseMail(caseId, decision.assigneeId), ...reminderJobs(c, now)];
      try {
        await recordAssignment(store, caseId, decision, jobs, now);
      } catch (err) {
        // Losing the race to another run is not a failure: the case is routed, once.
        const after = await store.cases.get(caseId);
        if (after && isRouted(after)) {
          logger.info({ caseId }, 'another run routed the case first');
          return;
        }
        throw err;
      }
      const log = decision.flagged ? logger.warn.bind(logger) : logger.info.bind(logger);
      log({ caseId, staffId: decision.assigneeId, count: jobs.length }, decision.flagged ? 'case routed with a flag: no officer available' : 'case routed');
    },
  };
}
