/**
 * Staff records for benchmark installations, written through the store port the way an
 * activated officer ends up: active, with an X25519 public key, a member of a channel.
 * (Benchmarks do not import test/, so this mirrors what the test factories do.)
 */
import { randomUUID } from 'node:crypto';
import type { NewStaff, Role, StaffRecord, Store } from '../../server/ports/store.port';

export interface StaffOptions {
  roles?: Role[];
  publicKey: Uint8Array | null;
  status?: StaffRecord['status'];
  channelId?: string;
  supervisor?: boolean;
  loginHash?: string | null;
  totpSecret?: Uint8Array | null;
  email?: string;
}

export async function addStaff(store: Store, options: StaffOptions): Promise<StaffRecord> {
  const id = randomUUID();
  const staff: NewStaff = {
    id,
    email: options.email ?? `officer-${id.slice(0, 8)}@bench.example`,
    displayName: `Officer ${id.slice(0, 4)}`,
    language: 'fr',
    department: null,
    status: options.status ?? 'active',
    roles: options.roles ?? ['officer'],
    publicKey: options.publicKey,
    keyBundle: null,
    loginHash: options.loginHash ?? null,
    totpSecret: options.totpSecret ?? null,
    awayFrom: null,
    awayUntil: null,
  };
  const created = await store.staff.create(staff);
  if (options.channelId) await store.channels.setMember({ channelId: options.channelId, staffId: id, supervisor: options.supervisor ?? false });
  return created;
}
