/**
 * What can be checked about a ciphertext without its key, in one place for the server (which
 * refuses junk before storing it) and the browser (which checks what it is about to send).
 * Envelopes: version, type, exact length = header + nonce + padding bucket + tag. Sealed boxes:
 * exact length, and the ephemeral public key they start with must be a real X25519 key. Public
 * keys: 32 bytes, canonical, on the curve (not its twist) and not of small order; a key that
 * fails any of these was not made by x25519 from a secret, and a sealed box to a low-order key
 * has a shared secret anyone can compute.
 * Pure functions over Uint8Array: no Node import, no backend, usable in any bundle.
 */
import { KEY_BYTES, SEAL_OVERHEAD, TAG_BYTES, XNONCE_BYTES } from './backend';
import { ENVELOPE_HEADER_BYTES, ENVELOPE_OVERHEAD, ENVELOPE_TYPES, ENVELOPE_VERSION, type EnvelopeType } from './envelope';
import { KEY_BLOB_BYTES } from './key-blob';
import { isPaddedLength, paddedLength } from './padding';

/** Stable strings: they are the `details.reason` of the server's `envelope_invalid` answer. */
export type EnvelopeRefusal =
  | 'encoding' // not padded standard base64
  | 'length' // shorter than the smallest valid value, longer than allowed, or not the one exact length
  | 'version' // first byte is not envelope version 0x01
  | 'type' // envelope type byte is not the one this field takes
  | 'bucket' // plaintext length is not a padding bucket (shared/crypto/padding.ts)
  | 'public_key_noncanonical' // u-coordinate >= 2^255 - 19 or top bit set
  | 'public_key_off_curve' // a point of the quadratic twist, not of Curve25519
  | 'public_key_low_order'; // one of the small-order points (all-zero included)

export interface EnvelopeProblem {
  reason: EnvelopeRefusal;
}

/** Every kind of ciphertext a client sends, with the rule its bytes must satisfy. */
export type CiphertextRule =
  | { form: 'envelope'; types: readonly EnvelopeType[]; maxBytes: number; exactBytes?: number }
  | { form: 'sealed'; exactBytes?: number; plaintextStep?: number; maxBytes: number }
  | { form: 'public-key' };

/** An envelope of a key blob: 2 + 24 + 256 (the smallest bucket) + 16 bytes. */
export const KEY_ENVELOPE_BYTES = ENVELOPE_OVERHEAD + paddedLength(KEY_BLOB_BYTES);
/** A key sealed to someone else: ephemeral public key + tag + key blob. */
export const SEALED_KEY_BYTES = SEAL_OVERHEAD + KEY_BLOB_BYTES;
/** The smallest envelope there is: the overhead around a 256-byte bucket. */
export const MIN_ENVELOPE_BYTES = ENVELOPE_OVERHEAD + paddedLength(0);

export const CIPHERTEXT_RULES = {
  reportBody: { form: 'envelope', types: ['body'], maxBytes: 512 * 1024 },
  identity: { form: 'envelope', types: ['identity'], maxBytes: 8 * 1024 },
  reporterMessage: { form: 'envelope', types: ['message'], maxBytes: 128 * 1024 },
  /** the route compares the type with the request's kind ('message' or 'note') */
  staffMessage: { form: 'envelope', types: ['message', 'note'], maxBytes: 128 * 1024 },
  /** status and identity-request reasons are message envelopes under the case key */
  reason: { form: 'envelope', types: ['message'], maxBytes: 16 * 1024 },
  /** an identity request's reason sealed to a custodian: JSON padded to a multiple of 256 bytes */
  custodianReason: { form: 'sealed', plaintextStep: 256, maxBytes: 16 * 1024 },
  selfKey: { form: 'envelope', types: ['self-key'], maxBytes: KEY_ENVELOPE_BYTES, exactBytes: KEY_ENVELOPE_BYTES },
  privateKey: { form: 'envelope', types: ['private-key'], maxBytes: KEY_ENVELOPE_BYTES, exactBytes: KEY_ENVELOPE_BYTES },
  sealedKey: { form: 'sealed', exactBytes: SEALED_KEY_BYTES, maxBytes: SEALED_KEY_BYTES },
  publicKey: { form: 'public-key' },
} as const satisfies Record<string, CiphertextRule>;

export type CiphertextRuleName = keyof typeof CIPHERTEXT_RULES;

const refuse = (reason: EnvelopeRefusal): EnvelopeProblem => ({ reason });

export function checkEnvelope(bytes: Uint8Array, types: readonly EnvelopeType[], maxBytes: number, exactBytes?: number): EnvelopeProblem | null {
  if (bytes.length < MIN_ENVELOPE_BYTES || bytes.length > maxBytes) return refuse('length');
  if (exactBytes !== undefined && bytes.length !== exactBytes) return refuse('length');
  if (bytes[0] !== ENVELOPE_VERSION) return refuse('version');
  if (!types.some((type) => ENVELOPE_TYPES[type] === bytes[1])) return refuse('type');
  if (!isPaddedLength(bytes.length - ENVELOPE_HEADER_BYTES - XNONCE_BYTES - TAG_BYTES)) return refuse('bucket');
  return null;
}

/** The type byte an envelope claims (call after checkEnvelope), or null for an unknown one. */
export function envelopeTypeByte(bytes: Uint8Array): EnvelopeType | null {
  const found = (Object.keys(ENVELOPE_TYPES) as EnvelopeType[]).find((type) => ENVELOPE_TYPES[type] === bytes[1]);
  return found ?? null;
}

export function checkSealedBox(bytes: Uint8Array, maxBytes: number, exactBytes?: number, plaintextStep?: number): EnvelopeProblem | null {
  if (bytes.length <= SEAL_OVERHEAD || bytes.length > maxBytes) return refuse('length');
  if (exactBytes !== undefined && bytes.length !== exactBytes) return refuse('length');
  if (plaintextStep !== undefined && (bytes.length - SEAL_OVERHEAD) % plaintextStep !== 0) return refuse('bucket');
  return checkPublicKey(bytes.subarray(0, KEY_BYTES));
}

/* ---------- X25519 public keys ---------- */

const P = (BigInt(1) << BigInt(255)) - BigInt(19);
const A = BigInt(486662);

function littleEndian(bytes: Uint8Array): bigint {
  let value = BigInt(0);
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << BigInt(8)) | BigInt(bytes[i] ?? 0);
  return value;
}

/**
 * The Jacobi symbol (a/n) for odd n, by the binary algorithm: shifts and subtractions only,
 * about a tenth of a millisecond for 255-bit numbers, where a modular exponentiation with
 * BigInt takes over a millisecond (a submission may carry 200 sealed keys).
 */
function jacobi(value: bigint, modulus: bigint): number {
  let a = value % modulus;
  let n = modulus;
  let sign = 1;
  while (a !== BigInt(0)) {
    while ((a & BigInt(1)) === BigInt(0)) {
      a >>= BigInt(1);
      const r = n & BigInt(7);
      if (r === BigInt(3) || r === BigInt(5)) sign = -sign;
    }
    [a, n] = [n, a];
    if ((a & BigInt(3)) === BigInt(3) && (n & BigInt(3)) === BigInt(3)) sign = -sign;
    a %= n;
  }
  return n === BigInt(1) ? sign : 0;
}

/**
 * The u-coordinates of Curve25519's points of order 1, 2, 4 and 8 that lie on the curve or
 * its twist, as libsodium lists them (crypto_scalarmult/curve25519/ref10 has_small_order):
 * 0, 1, p - 1 and the two order-8 points. Canonical values only, since larger ones are refused
 * as non-canonical before this is consulted.
 */
const SMALL_ORDER = new Set<bigint>([
  BigInt(0),
  BigInt(1),
  P - BigInt(1),
  BigInt('325606250916557431795983626356110631294008115727848805560023387167927233504'),
  BigInt('39382357235489614581723060781553021112529911719440698176882885853963445705823'),
]);

export function checkPublicKey(bytes: Uint8Array): EnvelopeProblem | null {
  if (bytes.length !== KEY_BYTES) return refuse('length');
  const u = littleEndian(bytes);
  // x25519 always outputs a reduced coordinate with the top bit clear; anything else is made up.
  if (u >= P) return refuse('public_key_noncanonical');
  if (SMALL_ORDER.has(u)) return refuse('public_key_low_order');
  // On the curve v^2 = u^3 + A u^2 + u exactly when the right side is a non-zero square mod p.
  const rhs = (((u * u) % P) * u + ((A * u) % P) * u + u) % P;
  if (jacobi(rhs, P) !== 1) return refuse('public_key_off_curve');
  return null;
}

/* ---------- one entry point per rule ---------- */

export function checkCiphertext(bytes: Uint8Array, rule: CiphertextRule): EnvelopeProblem | null {
  switch (rule.form) {
    case 'envelope':
      return checkEnvelope(bytes, rule.types, rule.maxBytes, rule.exactBytes);
    case 'sealed':
      return checkSealedBox(bytes, rule.maxBytes, rule.exactBytes, rule.plaintextStep);
    case 'public-key':
      return checkPublicKey(bytes);
  }
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard padded base64 to bytes, or null; atob exists in browsers and in Node 16+. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !B64.test(text)) return null;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** The longest base64 string a rule can accept, so a huge string is refused before decoding. */
export function maxBase64Length(rule: CiphertextRule): number {
  const max = rule.form === 'public-key' ? KEY_BYTES : rule.maxBytes;
  return Math.ceil(max / 3) * 4;
}

export function checkCiphertextB64(text: string, rule: CiphertextRule): EnvelopeProblem | null {
  if (text.length > maxBase64Length(rule)) return refuse('length');
  const bytes = decodeBase64(text);
  if (bytes === null) return refuse('encoding');
  return checkCiphertext(bytes, rule);
}
