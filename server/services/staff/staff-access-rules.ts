/**
 * Rules every change of staff access keeps: the installation never loses its last active
 * administrator, and only officers belong to channels (membership decides who reports are
 * sealed to, so it must not be given to a role that may not read cases).
 */
import type { ChannelMembership, StaffRole } from '../../../shared/api/staff.schema';
import { ValidationFailed } from '../../errors';
import type { StaffRecord, Store } from '../../ports/store.port';
import { ChannelsUnknown, LastAdministrator } from './staff-errors';

export async function assertChannels(store: Pick<Store, 'channels'>, roles: StaffRole[], channels: ChannelMembership[]): Promise<void> {
  if (channels.length > 0 && !roles.includes('officer')) throw ValidationFailed('channels', 'only officers belong to channels');
  for (const m of channels) if (!(await store.channels.get(m.channelId))) throw ChannelsUnknown({ channelId: m.channelId });
}

/** throws when `target` is the only active administrator and would stop being one */
export async function assertNotLastAdmin(store: Pick<Store, 'staff'>, target: StaffRecord): Promise<void> {
  if (target.status !== 'active' || !target.roles.includes('admin')) return;
  const others = (await store.staff.list()).filter((s) => s.id !== target.id && s.status === 'active' && s.roles.includes('admin'));
  if (others.length === 0) throw LastAdministrator();
}

/** makes the staff member's channel memberships exactly `channels` */
export async function syncMemberships(store: Pick<Store, 'channels'>, staffId: string, channels: ChannelMembership[]): Promise<void> {
  const wanted = new Set(channels.map((m) => m.channelId));
  for (const current of await store.channels.channelsOf(staffId)) {
    if (!wanted.has(current.channelId)) await store.channels.removeMember(current.channelId, staffId);
  }
  for (const m of channels) await store.channels.setMember({ channelId: m.channelId, staffId, supervisor: m.supervisor });
}
