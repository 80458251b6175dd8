/** Small shared readings of case metadata for the inbox and the case page. */
import type { PublicChannel } from '../../../../shared/api/channel.schema';
import type { CaseMeta, DeadlineState } from '../../../../shared/api/staff.schema';
import type { StaffMessageKey } from '../i18n/staff-i18n';

export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}

export function channelOf(channels: PublicChannel[], id: string): PublicChannel | undefined {
  return channels.find((c) => c.id === id);
}

export const DEADLINE_KEYS: Record<DeadlineState, StaffMessageKey> = {
  overdue: 'deadline.overdue',
  due_soon: 'deadline.due_soon',
  on_track: 'deadline.on_track',
};

export const DEADLINE_KIND_KEYS: Record<NonNullable<CaseMeta['deadline']>['kind'], StaffMessageKey> = {
  acknowledge: 'deadline.acknowledge',
  feedback: 'deadline.feedback',
};

/** Whole days from now to `iso`, negative when past. */
export function daysUntil(iso: string, now: number = Date.now()): number {
  return Math.floor((Date.parse(iso) - now) / 86_400_000);
}

/** Names what the page knows of a staff id: the reader, a listed officer, or a short id. */
export function staffName(id: string | null, me: { id: string }, officers: { id: string; displayName: string }[], you: string): string {
  if (id === null) return '—';
  if (id === me.id) return you;
  return officers.find((o) => o.id === id)?.displayName ?? shortId(id);
}
