/**
 * Case keys and their wrapping. A case has three random keys (case, notes, identity), each
 * sealed (crypto_box_seal) to exactly the people entitled to it. Sealed boxes are anonymous:
 * anyone who knows a public key, the server included, can seal a key of their choice to it.
 * So a holder who keeps a copy for themself uses wrapKeyForSelf, an AEAD envelope under a key
 * only their secret key yields, which the server cannot forge or substitute.
 */
import { requireLength, utf8, wipe } from './bytes';
import { CryptoError } from './crypto-error';
import { KEY_BYTES, SEAL_OVERHEAD, type CryptoBackend, type X25519Keypair } from './backend';
import { decryptEnvelope, encryptEnvelope } from './envelope';
import { decodeKeyBlob, encodeKeyBlob, KEY_BLOB_BYTES, type KeyKind } from './key-blob';

export interface CaseKeys {
  caseKey: Uint8Array;
  notesKey: Uint8Array;
  identityKey: Uint8Array;
}

export const WRAPPED_KEY_BYTES = SEAL_OVERHEAD + KEY_BLOB_BYTES;

export function newCaseKeys(backend: CryptoBackend): CaseKeys {
  return {
    caseKey: backend.randomBytes(KEY_BYTES),
    notesKey: backend.randomBytes(KEY_BYTES),
    identityKey: backend.randomBytes(KEY_BYTES),
  };
}

export function wrapKey(backend: CryptoBackend, key: Uint8Array, recipientPk: Uint8Array, kind: KeyKind): Uint8Array {
  const blob = encodeKeyBlob(key, kind);
  try {
    return backend.sealBox(blob, recipientPk);
  } finally {
    blob.fill(0);
  }
}

export function unwrapKey(backend: CryptoBackend, wrapped: Uint8Array, recipient: X25519Keypair, kind: KeyKind): Uint8Array {
  if (wrapped.length !== WRAPPED_KEY_BYTES) throw new CryptoError('bad_length', `wrapped key must be ${WRAPPED_KEY_BYTES} bytes`);
  return decodeKeyBlob(backend.openSealedBox(wrapped, recipient.publicKey, recipient.secretKey), kind);
}

/** BLAKE2b-256 keyed with the holder's X25519 secret key, over a fixed label. */
function selfWrapKey(backend: CryptoBackend, secretKey: Uint8Array): Uint8Array {
  requireLength('X25519 secret key', secretKey, KEY_BYTES);
  return backend.blake2b(utf8('amana/v1/self-key'), KEY_BYTES, secretKey);
}

export function wrapKeyForSelf(backend: CryptoBackend, key: Uint8Array, ownSecretKey: Uint8Array, kind: KeyKind): Uint8Array {
  const wrappingKey = selfWrapKey(backend, ownSecretKey);
  const blob = encodeKeyBlob(key, kind);
  try {
    return encryptEnvelope(backend, wrappingKey, blob, '', 'self-key');
  } finally {
    wipe(wrappingKey, blob);
  }
}

export function unwrapKeyForSelf(backend: CryptoBackend, envelope: Uint8Array, ownSecretKey: Uint8Array, kind: KeyKind): Uint8Array {
  const wrappingKey = selfWrapKey(backend, ownSecretKey);
  try {
    return decodeKeyBlob(decryptEnvelope(backend, wrappingKey, envelope, '', 'self-key'), kind);
  } finally {
    wipe(wrappingKey);
  }
}

export type PrivateKeySlot = 'password' | 'recovery';

function checkSlot(slot: PrivateKeySlot): void {
  if (slot !== 'password' && slot !== 'recovery') throw new CryptoError('bad_params', 'private key slot must be password or recovery');
}

/** A staff secret key under the password-derived KEK or under the recovery key. */
export function encryptPrivateKey(backend: CryptoBackend, secretKey: Uint8Array, kek: Uint8Array, slot: PrivateKeySlot): Uint8Array {
  checkSlot(slot);
  const blob = encodeKeyBlob(secretKey, 'x25519-secret');
  try {
    return encryptEnvelope(backend, kek, blob, slot, 'private-key');
  } finally {
    blob.fill(0);
  }
}

export function decryptPrivateKey(backend: CryptoBackend, envelope: Uint8Array, kek: Uint8Array, slot: PrivateKeySlot): Uint8Array {
  checkSlot(slot);
  return decodeKeyBlob(decryptEnvelope(backend, kek, envelope, slot, 'private-key'), 'x25519-secret');
}
