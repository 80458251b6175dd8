import type { BackendName, CryptoBackend } from './backend';
import { concatBytes, fromHex, toHex, utf8 } from './bytes';
import { CryptoError } from './crypto-error';
import { decryptEnvelope, encryptEnvelope, encryptEnvelopeWithNonce, ENVELOPE_TYPES, envelopeAd, envelopeTypeOf, type EnvelopeType } from './envelope';
import { pad } from './padding';
import { loadBackend } from './select-backend';
import vectors from './test-vectors.json';

const NAMES: BackendName[] = ['libsodium', 'noble'];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CryptoError ? err.code : `not a CryptoError: ${String(err)}`;
  }
  return undefined;
}

describe.each(NAMES)('envelopes with %s', (name) => {
  let b: CryptoBackend;
  let key: Uint8Array;
  beforeAll(async () => {
    b = await loadBackend(name);
    key = b.randomBytes(32);
  });

  test.each([0, 1, 255, 256, 5000, 70000])('round trip of %i bytes, padded to its bucket', (length) => {
    const plaintext = b.randomBytes(length);
    const envelope = encryptEnvelope(b, key, plaintext, 'm-1', 'message');
    expect(envelope.length).toBe(2 + 24 + pad(plaintext).length + 16);
    expect(Array.from(envelope.subarray(0, 2))).toEqual([0x01, ENVELOPE_TYPES.message]);
    expect(toHex(decryptEnvelope(b, key, envelope, 'm-1', 'message'))).toBe(toHex(plaintext));
  });

  test('a fresh nonce every time: two encryptions of the same input differ', () => {
    const first = encryptEnvelope(b, key, utf8('same'), '', 'body');
    const second = encryptEnvelope(b, key, utf8('same'), '', 'body');
    expect(toHex(first.subarray(2, 26))).not.toBe(toHex(second.subarray(2, 26)));
    expect(toHex(first)).not.toBe(toHex(second));
  });

  test('a flipped bit anywhere is rejected, with the header checked first', () => {
    const envelope = encryptEnvelope(b, key, utf8('report text'), '', 'body');
    for (let at = 0; at < envelope.length; at++) {
      const tampered = envelope.slice();
      tampered[at] ^= 0x01;
      const expected = at === 0 ? 'bad_version' : at === 1 ? 'bad_type' : 'auth_failed';
      expect([at, codeOf(() => decryptEnvelope(b, key, tampered, '', 'body'))]).toEqual([at, expected]);
    }
  });

  test('truncated, extended or empty envelopes are refused before decryption', () => {
    const envelope = encryptEnvelope(b, key, utf8('x'), '', 'body');
    for (const wrong of [envelope.subarray(0, envelope.length - 1), concatBytes(envelope, Uint8Array.of(0)), envelope.subarray(0, 1), new Uint8Array(0)]) {
      expect(codeOf(() => decryptEnvelope(b, key, wrong, '', 'body'))).toBe('bad_length');
    }
    // A tag-sized body that is not a padding bucket never reaches the AEAD.
    expect(codeOf(() => decryptEnvelope(b, key, concatBytes(envelope.subarray(0, 26), new Uint8Array(16)), '', 'body'))).toBe('bad_length');
  });

  test('unknown version and type bytes are refused', () => {
    const envelope = encryptEnvelope(b, key, utf8('x'), '', 'body');
    expect(codeOf(() => decryptEnvelope(b, key, concatBytes(Uint8Array.of(2), envelope.subarray(1)), '', 'body'))).toBe('bad_version');
    expect(codeOf(() => decryptEnvelope(b, key, concatBytes(Uint8Array.of(1, 0x7f), envelope.subarray(2)), '', 'body'))).toBe('bad_type');
    expect(codeOf(() => envelopeTypeOf(Uint8Array.of(1, 0)))).toBe('bad_type');
  });

  test('wrong key, wrong context and wrong expected type', () => {
    const envelope = encryptEnvelope(b, key, utf8('hello'), 'msg-1', 'message');
    expect(codeOf(() => decryptEnvelope(b, b.randomBytes(32), envelope, 'msg-1', 'message'))).toBe('auth_failed');
    expect(codeOf(() => decryptEnvelope(b, key, envelope, 'msg-2', 'message'))).toBe('auth_failed');
    expect(codeOf(() => decryptEnvelope(b, key, envelope, 'msg-1', 'note'))).toBe('bad_type');
    expect(codeOf(() => decryptEnvelope(b, new Uint8Array(16), envelope, 'msg-1', 'message'))).toBe('bad_length');
  });

  test('relabelling the type byte does not pass: the type is in the associated data', () => {
    const note = encryptEnvelope(b, key, utf8('internal'), 'n-1', 'note');
    const relabelled = concatBytes(Uint8Array.of(1, ENVELOPE_TYPES.message), note.subarray(2));
    expect(codeOf(() => decryptEnvelope(b, key, relabelled, 'n-1', 'message'))).toBe('auth_failed');
  });

  test('contexts are printable ASCII without spaces, at most 128 characters', () => {
    for (const context of ['with space', 'é', 'x'.repeat(129), 'tab\t']) {
      expect(codeOf(() => encryptEnvelope(b, key, utf8('x'), context, 'message'))).toBe('bad_params');
    }
    expect(codeOf(() => encryptEnvelope(b, key, utf8('x'), 'x'.repeat(128), 'message'))).toBeUndefined();
  });

  test('the layout in docs/PROTOCOL.md, rebuilt from the raw AEAD, gives the same bytes', () => {
    const nonce = b.randomBytes(24);
    const plaintext = utf8('مرحبا');
    const ad = concatBytes(Uint8Array.of(0x01, 0x02), utf8('amana/v1/message|m-7'));
    expect(toHex(envelopeAd('message', 'm-7'))).toBe(toHex(ad));
    const manual = concatBytes(Uint8Array.of(0x01, 0x02), nonce, b.aeadEncrypt(key, nonce, pad(plaintext), ad));
    expect(toHex(encryptEnvelopeWithNonce(b, key, plaintext, 'm-7', 'message', nonce))).toBe(toHex(manual));
  });

  test.each(vectors.generated.envelope)('known answer: $type envelope', (v) => {
    const type = v.type as EnvelopeType;
    expect(toHex(envelopeAd(type, v.context))).toBe(v.ad);
    expect(toHex(encryptEnvelopeWithNonce(b, fromHex(v.key), fromHex(v.plaintext), v.context, type, fromHex(v.nonce)))).toBe(v.envelope);
    expect(toHex(decryptEnvelope(b, fromHex(v.key), fromHex(v.envelope), v.context, type))).toBe(v.plaintext);
  });
});

test.each([
  ['libsodium', 'noble'],
  ['noble', 'libsodium'],
] as const)('an envelope made with %s opens with %s', async (from, to) => {
  const [writer, reader] = await Promise.all([loadBackend(from), loadBackend(to)]);
  const key = writer.randomBytes(32);
  const plaintext = writer.randomBytes(3000);
  expect(toHex(decryptEnvelope(reader, key, encryptEnvelope(writer, key, plaintext, 'a-1', 'attachment-meta'), 'a-1', 'attachment-meta'))).toBe(toHex(plaintext));
});
