/**
 * The signed-in staff member as the staff client sees them, and the answer of every
 * successful sign-in: session, profile, public key and the encrypted private key.
 */
import type { SessionInfo, StaffProfile, StaffSignIn, StaffSummary } from '../../../shared/api/staff.schema';
import type { ChannelMember, StaffRecord, Store } from '../../ports/store.port';
import { storedBundle } from './kdf-policy';
import { KeyBundleInvalid } from './staff-errors';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());
const memberships = (members: ChannelMember[]) => members.map((m) => ({ channelId: m.channelId, supervisor: m.supervisor }));

export async function loadProfile(store: Pick<Store, 'channels' | 'credentials'>, staff: StaffRecord): Promise<StaffProfile> {
  const [channels, codesLeft] = await Promise.all([store.channels.channelsOf(staff.id), store.credentials.remainingRecoveryCodes(staff.id)]);
  return {
    id: staff.id,
    email: staff.email,
    displayName: staff.displayName,
    language: staff.language,
    department: staff.department,
    roles: staff.roles,
    channels: memberships(channels),
    awayFrom: iso(staff.awayFrom),
    awayUntil: iso(staff.awayUntil),
    recoveryCodesLeft: codesLeft,
  };
}

export async function signInPayload(store: Pick<Store, 'channels' | 'credentials'>, staff: StaffRecord, session: SessionInfo): Promise<StaffSignIn> {
  const bundle = storedBundle(staff.keyBundle);
  if (!bundle || !staff.publicKey) throw KeyBundleInvalid();
  return { session, me: await loadProfile(store, staff), publicKey: Buffer.from(staff.publicKey).toString('base64'), keyBundle: bundle };
}

export async function staffSummary(store: Pick<Store, 'channels'>, staff: StaffRecord): Promise<StaffSummary> {
  return {
    id: staff.id,
    email: staff.email,
    displayName: staff.displayName,
    language: staff.language,
    department: staff.department,
    status: staff.status,
    roles: staff.roles,
    channels: memberships(await store.channels.channelsOf(staff.id)),
    awayFrom: staff.awayFrom?.toISOString() ?? null,
    awayUntil: staff.awayUntil?.toISOString() ?? null,
    createdAt: staff.createdAt.toISOString(),
  };
}
