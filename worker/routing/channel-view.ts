/**
 * What the worker reads from a channel: its name (for mails) and its routing rules, its
 * members (for routing and escalation). Definitions are written through the admin schema,
 * but an older or hand-edited one must not stop routing: fields are read leniently and a
 * channel without a readable name is called by its slug.
 */
import { z } from 'zod';
import type { ChannelRecord, Lang, Store, StaffRecord } from '../../server/ports/store.port';
import type { RoutingCandidate, RoutingRule } from './choose-officer';

const lenient = z.object({
  name: z.object({ ar: z.string().optional(), fr: z.string().optional(), en: z.string().optional() }).passthrough().optional(),
  routing: z.array(z.object({ category: z.string(), department: z.string() }).passthrough()).optional(),
});

export function channelName(channel: ChannelRecord, language: Lang): string {
  const parsed = lenient.safeParse(channel.definition);
  const names = parsed.success ? parsed.data.name : undefined;
  return names?.[language] ?? names?.fr ?? names?.en ?? names?.ar ?? channel.slug;
}

export function routingRules(channel: ChannelRecord): RoutingRule[] {
  const parsed = lenient.safeParse(channel.definition);
  if (!parsed.success) return [];
  return (parsed.data.routing ?? []).map(({ category, department }) => ({ category, department }));
}

export interface MemberStaff {
  staff: StaffRecord;
  supervisor: boolean;
}

/** The channel's members with their staff records; a membership whose staff row is gone is skipped. */
export async function membersWithStaff(store: Pick<Store, 'channels' | 'staff'>, channelId: string): Promise<MemberStaff[]> {
  const members = await store.channels.members(channelId);
  const rows = await Promise.all(members.map(async (m) => ({ staff: await store.staff.get(m.staffId), supervisor: m.supervisor })));
  return rows.filter((r): r is MemberStaff => r.staff !== null);
}

/**
 * The routing candidates: the channel's members, whether the case key is sealed to them
 * and how many open cases they lead. The route-case job and the administrators' "who
 * would receive a report filed now" preview both build them here.
 */
export function routingCandidates(members: MemberStaff[], sealed: ReadonlySet<string>, open: ReadonlyMap<string, number>): RoutingCandidate[] {
  return members.map(({ staff, supervisor }) => ({
    id: staff.id,
    status: staff.status,
    roles: staff.roles,
    department: staff.department,
    awayFrom: staff.awayFrom,
    awayUntil: staff.awayUntil,
    supervisor,
    sealed: sealed.has(staff.id),
    openCases: open.get(staff.id) ?? 0,
  }));
}

/** Active supervisors of the channel, in id order so escalations are enqueued deterministically. */
export async function activeSupervisors(store: Pick<Store, 'channels' | 'staff'>, channelId: string): Promise<StaffRecord[]> {
  const members = await membersWithStaff(store, channelId);
  return members
    .filter((m) => m.supervisor && m.staff.status === 'active')
    .map((m) => m.staff)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
