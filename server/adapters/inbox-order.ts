/**
 * The inbox order both store adapters share: the urgency of a case and the opaque keyset
 * cursor. Kept in one place so SQLite and MongoDB page through the same sequence.
 */
import { ValidationFailed } from '../errors';
import type { CaseStatus, InboxQuery } from '../ports/store.port';

/** Closed cases sort after every open one: the largest millisecond a Date can hold. */
export const CLOSED_URGENCY = 8_640_000_000_000_000;

/**
 * The earliest deadline still open: acknowledgement (and feedback) while received, feedback
 * until closed, none once closed.
 */
export function urgencyAt(status: CaseStatus, ackDueAt: Date, feedbackDueAt: Date): number {
  if (status === 'closed') return CLOSED_URGENCY;
  if (status === 'received') return Math.min(ackDueAt.getTime(), feedbackDueAt.getTime());
  return feedbackDueAt.getTime();
}

export type InboxSort = InboxQuery['sort'];

/** Position after the last item of a page: its sort key (urgency or creation ms) and id. */
export interface InboxPosition {
  sort: InboxSort;
  key: number;
  id: string;
}

export function encodeCursor(position: InboxPosition): string {
  return Buffer.from(JSON.stringify({ s: position.sort, k: position.key, i: position.id }), 'utf8').toString('base64url');
}

/** Rejects a cursor that was not made by encodeCursor for the same sort. */
export function decodeCursor(cursor: string, sort: InboxSort): InboxPosition {
  const invalid = ValidationFailed('cursor', 'is not a cursor of this list');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof value !== 'object' || value === null) throw invalid;
  const { s, k, i } = value as Record<string, unknown>;
  if (s !== sort || typeof k !== 'number' || !Number.isSafeInteger(k) || typeof i !== 'string' || i === '') throw invalid;
  return { sort, key: k, id: i };
}
