import type { CryptoBackend } from './backend';
import { fromHex } from './bytes';
import { createAmanaCrypto, type AmanaCrypto } from './amana-crypto';
import {
  CIPHERTEXT_RULES, checkCiphertext, checkCiphertextB64, checkPublicKey, KEY_ENVELOPE_BYTES, MIN_ENVELOPE_BYTES, SEALED_KEY_BYTES, type CiphertextRule,
} from './envelope-check';
import { loadBackend } from './select-backend';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const reason = (bytes: Uint8Array, rule: CiphertextRule): string | null => checkCiphertext(bytes, rule)?.reason ?? null;

/** libsodium's list of small-order u-coordinates, little-endian, non-canonical ones included */
const SMALL_ORDER_HEX = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

/** deterministic pseudo-random bytes, so a failure reproduces */
function bytesFrom(seed: number, length: number): Uint8Array {
  let state = seed >>> 0;
  return Uint8Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  });
}

describe('envelope-check', () => {
  let backend: CryptoBackend;
  let crypto: AmanaCrypto;
  let key: Uint8Array;
  beforeAll(async () => {
    backend = await loadBackend('libsodium');
    crypto = createAmanaCrypto(backend);
    key = crypto.randomBytes(32);
  });

  const body = (length = 100): Uint8Array => crypto.encryptEnvelope(key, crypto.randomBytes(length), 'report', 'body');

  it('accepts what the crypto module writes, for every rule', () => {
    const keypair = crypto.x25519Keypair();
    expect(reason(body(), CIPHERTEXT_RULES.reportBody)).toBeNull();
    expect(reason(body(200_000), CIPHERTEXT_RULES.reportBody)).toBeNull();
    expect(reason(crypto.encryptEnvelope(key, utf8('Ali'), 'identity', 'identity'), CIPHERTEXT_RULES.identity)).toBeNull();
    const message = crypto.encryptEnvelope(key, utf8('hello'), 'a-uuid', 'message');
    expect(reason(message, CIPHERTEXT_RULES.reporterMessage)).toBeNull();
    expect(reason(message, CIPHERTEXT_RULES.staffMessage)).toBeNull();
    expect(reason(crypto.encryptEnvelope(key, utf8('note'), 'a-uuid', 'note'), CIPHERTEXT_RULES.staffMessage)).toBeNull();
    expect(reason(message, CIPHERTEXT_RULES.reason)).toBeNull();
    const self = crypto.wrapKeyForSelf(key, keypair.secretKey, 'case');
    expect(self.length).toBe(KEY_ENVELOPE_BYTES);
    expect(reason(self, CIPHERTEXT_RULES.selfKey)).toBeNull();
    expect(reason(crypto.encryptPrivateKey(keypair.secretKey, key, 'password'), CIPHERTEXT_RULES.privateKey)).toBeNull();
    const sealed = crypto.wrapKey(key, keypair.publicKey, 'case');
    expect(sealed.length).toBe(SEALED_KEY_BYTES);
    expect(reason(sealed, CIPHERTEXT_RULES.sealedKey)).toBeNull();
    expect(reason(backend.sealBox(new Uint8Array(512).fill(0x20), keypair.publicKey), CIPHERTEXT_RULES.custodianReason)).toBeNull();
    expect(reason(keypair.publicKey, CIPHERTEXT_RULES.publicKey)).toBeNull();
  });

  it('accepts every public key x25519 makes', () => {
    for (let i = 0; i < 200; i++) expect(checkPublicKey(crypto.x25519Keypair().publicKey)).toBeNull();
  });

  describe('the malformed reports of issue 11', () => {
    it('refuses a 26-byte body (header, nonce and nothing else)', () => {
      expect(reason(body().subarray(0, 26), CIPHERTEXT_RULES.reportBody)).toBe('length');
      expect(reason(body().subarray(0, MIN_ENVELOPE_BYTES - 1), CIPHERTEXT_RULES.reportBody)).toBe('length');
    });

    it('refuses envelope version 0x07', () => {
      const bad = body();
      bad[0] = 0x07;
      expect(reason(bad, CIPHERTEXT_RULES.reportBody)).toBe('version');
    });

    it('refuses the wrong envelope type (0x03, a note, where a report body goes)', () => {
      const bad = body();
      bad[1] = 0x03;
      expect(reason(bad, CIPHERTEXT_RULES.reportBody)).toBe('type');
      expect(reason(crypto.encryptEnvelope(key, utf8('x'), 'report', 'message'), CIPHERTEXT_RULES.reportBody)).toBe('type');
    });

    it('refuses a length that is not a padding bucket', () => {
      const good = body(300);
      for (const cut of [1, 16, 100]) expect(reason(good.subarray(0, good.length - cut), CIPHERTEXT_RULES.reportBody)).toBe('bucket');
      const longer = new Uint8Array(good.length + 1);
      longer.set(good);
      expect(reason(longer, CIPHERTEXT_RULES.reportBody)).toBe('bucket');
    });

    it('refuses a random 298-byte reporter key', () => {
      for (let seed = 1; seed <= 50; seed++) {
        const junk = bytesFrom(seed, KEY_ENVELOPE_BYTES);
        if (junk[0] === 0x01 && junk[1] === 0x08) continue; // 1 in 65,536: a header that happens to be right
        expect(['version', 'type']).toContain(reason(junk, CIPHERTEXT_RULES.selfKey));
      }
      // A sealed box where a self-key envelope belongs, and a self-key one byte short.
      expect(reason(crypto.wrapKey(key, crypto.x25519Keypair().publicKey, 'case'), CIPHERTEXT_RULES.selfKey)).toBe('length');
      const self = crypto.wrapKeyForSelf(key, crypto.x25519Keypair().secretKey, 'case');
      expect(reason(self.subarray(1), CIPHERTEXT_RULES.selfKey)).toBe('length');
    });

    it('refuses the all-zero and every other small-order public key, as libsodium does', () => {
      for (const hex of SMALL_ORDER_HEX) {
        const point = fromHex(hex);
        // libsodium agrees these are unusable: it refuses to seal to them.
        expect(() => backend.sealBox(utf8('x'), point)).toThrow();
        expect(['public_key_low_order', 'public_key_noncanonical']).toContain(checkPublicKey(point)?.reason);
      }
      expect(checkPublicKey(new Uint8Array(32))?.reason).toBe('public_key_low_order');
    });
  });

  it('refuses non-canonical and twist points', () => {
    const top = crypto.x25519Keypair().publicKey.slice();
    top[31] = (top[31] ?? 0) | 0x80;
    expect(checkPublicKey(top)?.reason).toBe('public_key_noncanonical');
    let off = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const u = bytesFrom(seed, 32);
      u[31] = (u[31] ?? 0) & 0x3f;
      if (checkPublicKey(u)?.reason === 'public_key_off_curve') off += 1;
    }
    // Half of all coordinates lie on the twist; 200 samples land within 70..130 with overwhelming odds.
    expect(off).toBeGreaterThan(70);
    expect(off).toBeLessThan(130);
    expect(checkPublicKey(new Uint8Array(31))?.reason).toBe('length');
  });

  it('checks the ephemeral key inside a sealed box and its length', () => {
    const sealed = crypto.wrapKey(key, crypto.x25519Keypair().publicKey, 'case');
    const zeroed = sealed.slice();
    zeroed.fill(0, 0, 32);
    expect(reason(zeroed, CIPHERTEXT_RULES.sealedKey)).toBe('public_key_low_order');
    expect(reason(sealed.subarray(1), CIPHERTEXT_RULES.sealedKey)).toBe('length');
    const reasonBox = backend.sealBox(new Uint8Array(256), crypto.x25519Keypair().publicKey);
    expect(reason(reasonBox.subarray(0, reasonBox.length - 1), CIPHERTEXT_RULES.custodianReason)).toBe('bucket');
  });

  it('enforces each field’s cap and type', () => {
    expect(reason(body(200_000), CIPHERTEXT_RULES.identity)).toBe('length');
    expect(reason(crypto.encryptEnvelope(key, new Uint8Array(70_000), 'm', 'message'), CIPHERTEXT_RULES.reason)).toBe('length');
    expect(reason(crypto.encryptEnvelope(key, utf8('x'), 'm', 'body'), CIPHERTEXT_RULES.staffMessage)).toBe('type');
  });

  it('refuses text that is not padded base64 before decoding it', () => {
    expect(checkCiphertextB64('not base64!', CIPHERTEXT_RULES.reportBody)?.reason).toBe('encoding');
    expect(checkCiphertextB64('AAA', CIPHERTEXT_RULES.reportBody)?.reason).toBe('encoding');
    expect(checkCiphertextB64('A'.repeat(2_000_000), CIPHERTEXT_RULES.reportBody)?.reason).toBe('length');
    expect(checkCiphertextB64(b64(body()), CIPHERTEXT_RULES.reportBody)).toBeNull();
  });
});
