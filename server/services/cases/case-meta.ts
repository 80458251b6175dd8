/**
 * The clear metadata of a case as the staff client shows it, with the deadline still open.
 * The legal deadlines (acknowledge within 7 days, feedback within 3 months by default) are
 * met by the acknowledgement and by the first message to the reporter.
 */
import type { CaseMeta, DeadlineState } from '../../../shared/api/staff.schema';
import type { CaseRecord } from '../../ports/store.port';

const DAY_MS = 24 * 60 * 60 * 1000;
/** how early a deadline counts as close: the week before feedback, two days before acknowledgement */
const DUE_SOON_MS = { acknowledge: 2 * DAY_MS, feedback: 7 * DAY_MS } as const;
const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

function deadlineOf(c: CaseRecord, now: Date): CaseMeta['deadline'] {
  if (c.status === 'closed') return null;
  const kind = c.acknowledgedAt === null ? 'acknowledge' : c.firstFeedbackAt === null ? 'feedback' : null;
  if (kind === null) return null;
  const due = kind === 'acknowledge' ? c.ackDueAt : c.feedbackDueAt;
  const left = due.getTime() - now.getTime();
  const state: DeadlineState = left < 0 ? 'overdue' : left < DUE_SOON_MS[kind] ? 'due_soon' : 'on_track';
  return { kind, dueAt: due.toISOString(), state };
}

export function caseMeta(c: CaseRecord, now: Date): CaseMeta {
  return {
    id: c.id,
    channelId: c.channelId,
    category: c.category,
    language: c.language,
    status: c.status,
    outcome: c.outcome,
    labels: c.labels,
    flagged: c.flagged,
    assigneeId: c.assigneeId,
    createdAt: c.createdAt.toISOString(),
    ageDays: Math.max(0, Math.floor((now.getTime() - c.createdAt.getTime()) / DAY_MS)),
    acknowledgedAt: iso(c.acknowledgedAt),
    firstFeedbackAt: iso(c.firstFeedbackAt),
    closedAt: iso(c.closedAt),
    ackDueAt: c.ackDueAt.toISOString(),
    feedbackDueAt: c.feedbackDueAt.toISOString(),
    deadline: deadlineOf(c, now),
    hasIdentity: c.identity !== null,
    questionnaireVersion: c.questionnaireVersion,
  };
}
