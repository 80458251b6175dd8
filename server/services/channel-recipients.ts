/**
 * Who can read a channel's reports: its active officer members that have a key pair, and
 * the installation's active custodians. The reporter's browser seals keys to exactly these
 * people, and the server checks the seals it receives against the same lists.
 */
import { channelDefinition, type ChannelDefinition } from '../../shared/api/channel.schema';
import type { ChannelRecord, StaffRecord, Store } from '../ports/store.port';

export type KeyedStaff = StaffRecord & { publicKey: Uint8Array };

export interface ChannelOfficer {
  staff: KeyedStaff;
  supervisor: boolean;
}

function keyed(staff: StaffRecord): staff is KeyedStaff {
  return staff.status === 'active' && staff.publicKey !== null && staff.publicKey.length === 32;
}

export function isReadyOfficer(staff: StaffRecord): staff is KeyedStaff {
  return keyed(staff) && staff.roles.includes('officer');
}

export function isReadyCustodian(staff: StaffRecord): staff is KeyedStaff {
  return keyed(staff) && staff.roles.includes('custodian');
}

/** the channel's definition, or null when an administrator saved something the wire schema refuses */
export function definitionOf(channel: ChannelRecord): ChannelDefinition | null {
  const parsed = channelDefinition.safeParse(channel.definition);
  return parsed.success ? parsed.data : null;
}

export async function channelOfficers(store: Store, channelId: string, staff: StaffRecord[]): Promise<ChannelOfficer[]> {
  const byId = new Map(staff.map((s) => [s.id, s]));
  const members = await store.channels.members(channelId);
  const officers: ChannelOfficer[] = [];
  for (const member of members) {
    const person = byId.get(member.staffId);
    if (person && isReadyOfficer(person)) officers.push({ staff: person, supervisor: member.supervisor });
  }
  return officers;
}
