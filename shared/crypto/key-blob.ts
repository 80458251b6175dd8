/**
 * What a wrapped key decrypts to: version (0x01) ‖ kind (1 byte) ‖ key (32 bytes). The kind is
 * authenticated with the key, so a notes key can never be accepted where a case key is expected.
 */
import { alloc, requireLength } from './bytes';
import { CryptoError } from './crypto-error';
import { KEY_BYTES } from './backend';

export const KEY_BLOB_VERSION = 0x01;
export const KEY_BLOB_BYTES = 2 + KEY_BYTES;

/** Never renumber: the byte is inside every wrapped key. */
export const KEY_KINDS = {
  case: 0x01, // body, messages, attachments of one case
  notes: 0x02, // officers' internal notes of one case
  identity: 0x03, // the identity a reporter disclosed, sealed to custodians
  file: 0x04, // one attachment's STREAM key
  'x25519-secret': 0x05, // a staff member's X25519 secret key
} as const;

export type KeyKind = keyof typeof KEY_KINDS;

function kindByte(kind: KeyKind): number {
  const byte: number | undefined = KEY_KINDS[kind];
  if (byte === undefined) throw new CryptoError('bad_type', 'unknown key kind');
  return byte;
}

export function encodeKeyBlob(key: Uint8Array, kind: KeyKind): Uint8Array {
  requireLength('wrapped key', key, KEY_BYTES);
  const blob = alloc(KEY_BLOB_BYTES);
  blob[0] = KEY_BLOB_VERSION;
  blob[1] = kindByte(kind);
  blob.set(key, 2);
  return blob;
}

export function decodeKeyBlob(blob: Uint8Array, kind: KeyKind): Uint8Array {
  try {
    if (blob.length !== KEY_BLOB_BYTES) throw new CryptoError('bad_length', `key blob must be ${KEY_BLOB_BYTES} bytes`);
    if (blob[0] !== KEY_BLOB_VERSION) throw new CryptoError('bad_version', `unknown key blob version ${blob[0]}`);
    if (blob[1] !== kindByte(kind)) throw new CryptoError('bad_type', `expected a ${kind} key`);
    return blob.slice(2);
  } finally {
    blob.fill(0);
  }
}
