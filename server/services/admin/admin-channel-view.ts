/**
 * A channel as the administration console sees it: its published definition and version,
 * and who could read a report filed now (ready officers), who is invited but not active
 * yet, and its supervisors. `available` is what the public pages say to reporters.
 */
import type { AdminChannel } from '../../../shared/api/admin.schema';
import type { ChannelDefinition } from '../../../shared/api/channel.schema';
import type { ChannelRecord, StaffRecord, Store } from '../../ports/store.port';
import { isReadyOfficer } from '../channel-recipients';

export async function presentAdminChannel(store: Pick<Store, 'channels'>, channel: ChannelRecord, staff: StaffRecord[]): Promise<AdminChannel> {
  const byId = new Map(staff.map((s) => [s.id, s]));
  const members = await store.channels.members(channel.id);
  let active = 0;
  let invited = 0;
  let supervisors = 0;
  for (const member of members) {
    const person = byId.get(member.staffId);
    if (!person || !person.roles.includes('officer')) continue;
    if (isReadyOfficer(person)) {
      active += 1;
      if (member.supervisor) supervisors += 1;
    } else if (person.status === 'invited') {
      invited += 1;
    }
  }
  return {
    id: channel.id,
    slug: channel.slug,
    active: channel.active,
    position: channel.position,
    version: channel.version,
    // Written through checkDefinition (or seeded from the typed defaults), so it has the wire shape.
    definition: channel.definition as unknown as ChannelDefinition,
    updatedAt: channel.updatedAt.toISOString(),
    officers: { active, invited, supervisors },
    available: channel.active && active > 0,
  };
}

export async function listAdminChannels(store: Pick<Store, 'channels' | 'staff'>): Promise<AdminChannel[]> {
  const [channels, staff] = await Promise.all([store.channels.list(), store.staff.list()]);
  return Promise.all(channels.map((c) => presentAdminChannel(store, c, staff)));
}

export async function adminChannel(store: Pick<Store, 'channels' | 'staff'>, channel: ChannelRecord): Promise<AdminChannel> {
  return presentAdminChannel(store, channel, await store.staff.list());
}
