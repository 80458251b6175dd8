/**
 * A case's keys in an officer's or custodian's browser. The server hands each person only
 * their own wrapped copies; giving a key to someone else is a re-wrap done here, with the
 * recipient's public key: the server never holds a key it could pass on (DESIGN.md, "Case key").
 */
import { fromB64, toB64 } from '../../../../shared/api/common.schema';
import type { GrantRequest, StaffKeyKind } from '../../../../shared/api/staff.schema';
import { CryptoError, type AmanaCrypto, type X25519Keypair } from '../../../../shared/crypto/index';

export interface CaseKeySet {
  caseKey: Uint8Array;
  /** null when this officer was not given the notes key */
  notesKey: Uint8Array | null;
  /** null until a custodian approves an identity request of this officer */
  identityKey: Uint8Array | null;
}

interface WrappedCopy {
  kind: StaffKeyKind;
  wrapped: string;
}

function openOne(crypto: AmanaCrypto, keypair: X25519Keypair, keys: WrappedCopy[], kind: StaffKeyKind): Uint8Array | null {
  const copy = keys.find((k) => k.kind === kind);
  return copy ? crypto.unwrapKey(fromB64(copy.wrapped), keypair, kind) : null;
}

export function openCaseKeys(crypto: AmanaCrypto, keypair: X25519Keypair, keys: WrappedCopy[]): CaseKeySet {
  const caseKey = openOne(crypto, keypair, keys, 'case');
  if (!caseKey) throw new CryptoError('bad_type', 'no case key was wrapped to this officer');
  return { caseKey, notesKey: openOne(crypto, keypair, keys, 'notes'), identityKey: openOne(crypto, keypair, keys, 'identity') };
}

export function wipeCaseKeys(keys: CaseKeySet): void {
  keys.caseKey.fill(0);
  keys.notesKey?.fill(0);
  keys.identityKey?.fill(0);
}

/** The case key, and the notes key when asked and held, sealed to another officer. */
export function grantKeys(crypto: AmanaCrypto, keys: CaseKeySet, granteePublicKey: string, withNotes: boolean): GrantRequest['keys'] {
  const pk = fromB64(granteePublicKey);
  const out: GrantRequest['keys'] = [{ kind: 'case', wrapped: toB64(crypto.wrapKey(keys.caseKey, pk, 'case')) }];
  if (withNotes && keys.notesKey) out.push({ kind: 'notes', wrapped: toB64(crypto.wrapKey(keys.notesKey, pk, 'notes')) });
  return out;
}

/**
 * A custodian's approval: their copy of the identity key opened with their own key pair and
 * sealed to the requesting officer. The key is wiped as soon as it is sealed.
 */
export function resealIdentityKey(crypto: AmanaCrypto, custodian: X25519Keypair, wrappedIdentityKey: string, requesterPublicKey: string): string {
  const identityKey = crypto.unwrapKey(fromB64(wrappedIdentityKey), custodian, 'identity');
  try {
    return toB64(crypto.wrapKey(identityKey, fromB64(requesterPublicKey), 'identity'));
  } finally {
    identityKey.fill(0);
  }
}
