/**
 * "Who would receive a report filed now" for one channel (and optionally a category):
 * whom the reporter's browser seals the case key to (channel-recipients.ts, the list the
 * public page serves) and whom routing would then make the lead, decided by the worker's
 * own chooseOfficer over the same candidates the route-case job builds. Nothing is written.
 */
import type { RecipientsPreview } from '../../../shared/api/admin.schema';
import { CategoryUnknown, ChannelNotFound } from '../../errors';
import type { Store } from '../../ports/store.port';
import { chooseOfficer, isAway, type RoutingDecision } from '../../../worker/routing/choose-officer';
import { membersWithStaff, routingCandidates, routingRules } from '../../../worker/routing/channel-view';
import { channelOfficers, definitionOf } from '../channel-recipients';

const REASONS: Record<RoutingDecision['reason'], RecipientsPreview['reason']> = {
  department: 'department_rule',
  workload: 'workload',
  supervisor: 'supervisor_fallback',
  nobody: 'nobody',
};

export async function previewRecipients(store: Store, channelId: string, category: string | null, now: Date): Promise<RecipientsPreview> {
  const channel = await store.channels.get(channelId);
  if (!channel) throw ChannelNotFound();
  const definition = definitionOf(channel);
  if (category !== null && !definition?.categories.some((c) => c.id === category)) throw CategoryUnknown();
  const officers = await channelOfficers(store, channelId, await store.staff.list());
  const members = await membersWithStaff(store, channelId);
  const open = await store.cases.openCountByAssignee(members.map((m) => m.staff.id));
  const candidates = routingCandidates(members, new Set(officers.map((o) => o.staff.id)), open);
  // Without a category no department rule applies: the preview shows the workload choice.
  const decision = chooseOfficer({ category: category ?? '', rules: routingRules(channel), candidates, now });
  const lead = decision.assigneeId === null ? null : members.find((m) => m.staff.id === decision.assigneeId)?.staff ?? null;
  return {
    channelId,
    category,
    sealedTo: officers.map(({ staff, supervisor }) => ({
      id: staff.id,
      displayName: staff.displayName,
      department: staff.department,
      supervisor,
      away: isAway(staff, now),
    })),
    lead: lead ? { id: lead.id, displayName: lead.displayName } : null,
    reason: REASONS[decision.reason],
  };
}
