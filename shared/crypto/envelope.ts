/**
 * Every ciphertext Amana stores outside a STREAM is an envelope:
 *   version (0x01) ‖ type (1 byte) ‖ nonce (24 random bytes) ‖ XChaCha20-Poly1305(padded plaintext) ‖ tag (16)
 * The associated data is the two header bytes followed by "amana/v1/<type label>|<context>", so
 * an envelope cannot be moved to another type, and a message cannot be swapped for another
 * message of the same case (its context is the message id). Everything that can be checked
 * without the key (version, type, length) is checked before any decryption work.
 */
import { concatBytes, requireLength, utf8 } from './bytes';
import { CryptoError } from './crypto-error';
import { KEY_BYTES, TAG_BYTES, XNONCE_BYTES, type CryptoBackend } from './backend';
import { isPaddedLength, pad, unpad } from './padding';

export const ENVELOPE_VERSION = 0x01;

/** Never renumber: the byte is stored with every ciphertext. */
export const ENVELOPE_TYPES = {
  body: 0x01, // the report itself, under the case key
  message: 0x02, // reporter <-> officer message, under the case key; context = message id
  note: 0x03, // officers' internal note, under the notes key; context = note id
  identity: 0x04, // identity the reporter disclosed, under the identity key
  'attachment-key': 0x05, // an attachment's file key (key blob), under the case key; context = attachment id
  'attachment-meta': 0x06, // an attachment's name and media type, under the case key; context = attachment id
  'private-key': 0x07, // a staff X25519 secret key (key blob); context = 'password' or 'recovery'
  'self-key': 0x08, // a key blob wrapped by its holder for themself; context = ''
} as const;

export type EnvelopeType = keyof typeof ENVELOPE_TYPES;

export const ENVELOPE_HEADER_BYTES = 2;
export const ENVELOPE_OVERHEAD = ENVELOPE_HEADER_BYTES + XNONCE_BYTES + TAG_BYTES;

// Printable ASCII without space: ids and slot names only, so every client encodes them to the
// same bytes (no Unicode normalisation question) and the AD stays small.
const CONTEXT_PATTERN = /^[\x21-\x7e]{0,128}$/;

const typeByByte = new Map<number, EnvelopeType>(
  (Object.keys(ENVELOPE_TYPES) as EnvelopeType[]).map((type) => [ENVELOPE_TYPES[type], type]),
);

function typeByte(type: EnvelopeType): number {
  const byte: number | undefined = ENVELOPE_TYPES[type];
  if (byte === undefined) throw new CryptoError('bad_type', 'unknown envelope type');
  return byte;
}

/** The exact associated data for an envelope of this type and context. */
export function envelopeAd(type: EnvelopeType, context: string): Uint8Array {
  if (typeof context !== 'string' || !CONTEXT_PATTERN.test(context)) {
    throw new CryptoError('bad_params', 'context must be 0-128 printable ASCII characters without spaces');
  }
  return concatBytes(Uint8Array.of(ENVELOPE_VERSION, typeByte(type)), utf8(`amana/v1/${type}|${context}`));
}

export function encryptEnvelope(backend: CryptoBackend, key: Uint8Array, plaintext: Uint8Array, context: string, type: EnvelopeType): Uint8Array {
  return encryptEnvelopeWithNonce(backend, key, plaintext, context, type, backend.randomBytes(XNONCE_BYTES));
}

/** Known-answer tests only: a caller-chosen nonce. Not exported from index.ts. */
export function encryptEnvelopeWithNonce(
  backend: CryptoBackend,
  key: Uint8Array,
  plaintext: Uint8Array,
  context: string,
  type: EnvelopeType,
  nonce: Uint8Array,
): Uint8Array {
  requireLength('envelope key', key, KEY_BYTES);
  requireLength('envelope nonce', nonce, XNONCE_BYTES);
  const ad = envelopeAd(type, context);
  const padded = pad(plaintext);
  try {
    return concatBytes(ad.subarray(0, ENVELOPE_HEADER_BYTES), nonce, backend.aeadEncrypt(key, nonce, padded, ad));
  } finally {
    padded.fill(0);
  }
}

/** The type an envelope claims, checked against the known types; nothing is decrypted. */
export function envelopeTypeOf(envelope: Uint8Array): EnvelopeType {
  if (!(envelope instanceof Uint8Array) || envelope.length < ENVELOPE_HEADER_BYTES) {
    throw new CryptoError('bad_length', 'envelope shorter than its header');
  }
  if (envelope[0] !== ENVELOPE_VERSION) throw new CryptoError('bad_version', `unknown envelope version ${envelope[0]}`);
  const type = typeByByte.get(envelope[1]);
  if (type === undefined) throw new CryptoError('bad_type', `unknown envelope type ${envelope[1]}`);
  return type;
}

export function decryptEnvelope(backend: CryptoBackend, key: Uint8Array, envelope: Uint8Array, context: string, type: EnvelopeType): Uint8Array {
  requireLength('envelope key', key, KEY_BYTES);
  const found = envelopeTypeOf(envelope);
  if (found !== type) throw new CryptoError('bad_type', `expected a ${type} envelope, got ${found}`);
  if (!isPaddedLength(envelope.length - ENVELOPE_OVERHEAD)) throw new CryptoError('bad_length', 'envelope length is not header + nonce + padded bucket + tag');
  const ad = envelopeAd(type, context);
  const nonce = envelope.subarray(ENVELOPE_HEADER_BYTES, ENVELOPE_HEADER_BYTES + XNONCE_BYTES);
  const padded = backend.aeadDecrypt(key, nonce, envelope.subarray(ENVELOPE_HEADER_BYTES + XNONCE_BYTES), ad);
  try {
    return unpad(padded);
  } finally {
    padded.fill(0);
  }
}
