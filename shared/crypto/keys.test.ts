import type { BackendName, CryptoBackend } from './backend';
import { fromHex, toHex, utf8 } from './bytes';
import { CryptoError } from './crypto-error';
import { encryptEnvelope } from './envelope';
import { decodeKeyBlob, encodeKeyBlob } from './key-blob';
import { deriveReporterKeys, deriveStaffKeys } from './key-derivation';
import { decryptPrivateKey, encryptPrivateKey, newCaseKeys, unwrapKey, unwrapKeyForSelf, wrapKey, wrapKeyForSelf, WRAPPED_KEY_BYTES } from './keys';
import { loadBackend } from './select-backend';

const NAMES: BackendName[] = ['libsodium', 'noble'];
const SMALL = { memKiB: 64, passes: 2 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CryptoError ? err.code : `not a CryptoError: ${String(err)}`;
  }
  return undefined;
}

describe.each(NAMES)('keys with %s', (name) => {
  let b: CryptoBackend;
  beforeAll(async () => {
    b = await loadBackend(name);
  });

  test('three distinct random case keys, different for every case', () => {
    const first = newCaseKeys(b);
    const second = newCaseKeys(b);
    const hexes = [first.caseKey, first.notesKey, first.identityKey, second.caseKey].map(toHex);
    expect(new Set(hexes).size).toBe(4);
    expect(first.caseKey.length).toBe(32);
  });

  test('wrap and unwrap; kind, recipient, tampering and length are all checked', () => {
    const { caseKey } = newCaseKeys(b);
    const officer = b.x25519Keypair();
    const wrapped = wrapKey(b, caseKey, officer.publicKey, 'case');
    expect(wrapped.length).toBe(WRAPPED_KEY_BYTES);
    expect(toHex(unwrapKey(b, wrapped, officer, 'case'))).toBe(toHex(caseKey));
    expect(codeOf(() => unwrapKey(b, wrapped, officer, 'notes'))).toBe('bad_type');
    expect(codeOf(() => unwrapKey(b, wrapped, b.x25519Keypair(), 'case'))).toBe('auth_failed');
    const tampered = wrapped.slice();
    tampered[60] ^= 0x80;
    expect(codeOf(() => unwrapKey(b, tampered, officer, 'case'))).toBe('auth_failed');
    expect(codeOf(() => unwrapKey(b, wrapped.subarray(1), officer, 'case'))).toBe('bad_length');
    expect(codeOf(() => wrapKey(b, new Uint8Array(16), officer.publicKey, 'case'))).toBe('bad_length');
  });

  test('key blobs: version and kind bytes', () => {
    const blob = encodeKeyBlob(new Uint8Array(32).fill(5), 'identity');
    expect(Array.from(blob.subarray(0, 2))).toEqual([0x01, 0x03]);
    const wrongVersion = blob.slice();
    wrongVersion[0] = 2;
    expect(codeOf(() => decodeKeyBlob(wrongVersion, 'identity'))).toBe('bad_version');
    expect(toHex(decodeKeyBlob(blob.slice(), 'identity'))).toBe('05'.repeat(32));
  });

  test('a self-wrapped key resists substitution, unlike a sealed box anyone can make', () => {
    const reporter = b.x25519Keypair();
    const { caseKey } = newCaseKeys(b);
    const own = wrapKeyForSelf(b, caseKey, reporter.secretKey, 'case');
    expect(toHex(unwrapKeyForSelf(b, own, reporter.secretKey, 'case'))).toBe(toHex(caseKey));
    // The server knows the reporter's public key, so it can seal a key of its own choosing...
    const serverKey = b.randomBytes(32);
    expect(toHex(unwrapKey(b, wrapKey(b, serverKey, reporter.publicKey, 'case'), reporter, 'case'))).toBe(toHex(serverKey));
    // ...but cannot make a self-wrapped one without the secret key.
    const forged = encryptEnvelope(b, b.randomBytes(32), encodeKeyBlob(serverKey, 'case'), '', 'self-key');
    expect(codeOf(() => unwrapKeyForSelf(b, forged, reporter.secretKey, 'case'))).toBe('auth_failed');
    expect(codeOf(() => unwrapKeyForSelf(b, own, b.x25519Keypair().secretKey, 'case'))).toBe('auth_failed');
    expect(codeOf(() => unwrapKeyForSelf(b, own, reporter.secretKey, 'notes'))).toBe('bad_type');
  });

  test('staff private key under the KEK, per slot', () => {
    const staff = b.x25519Keypair();
    const kek = b.randomBytes(32);
    const stored = encryptPrivateKey(b, staff.secretKey, kek, 'password');
    const secretKey = decryptPrivateKey(b, stored, kek, 'password');
    expect(toHex(b.x25519Keypair(secretKey).publicKey)).toBe(toHex(staff.publicKey));
    expect(codeOf(() => decryptPrivateKey(b, stored, kek, 'recovery'))).toBe('auth_failed');
    expect(codeOf(() => decryptPrivateKey(b, stored, b.randomBytes(32), 'password'))).toBe('auth_failed');
  });

  test('reporter keys: any spelling of the receipt gives the same keys; halves differ', async () => {
    const salt = fromHex('000102030405060708090a0b0c0d0e0f');
    const ascii = await deriveReporterKeys(b, '1234 5678 9012 3456 7890', salt, SMALL);
    const arabic = await deriveReporterKeys(b, '١٢٣٤-٥٦٧٨-٩٠١٢-٣٤٥٦-٧٨٩٠', salt, SMALL);
    expect(toHex(arabic.keypair.publicKey)).toBe(toHex(ascii.keypair.publicKey));
    expect(toHex(arabic.loginSecret)).toBe(toHex(ascii.loginSecret));
    const other = await deriveReporterKeys(b, '1234 5678 9012 3456 7891', salt, SMALL);
    expect(toHex(other.keypair.publicKey)).not.toBe(toHex(ascii.keypair.publicKey));
    const otherSalt = await deriveReporterKeys(b, '1234 5678 9012 3456 7890', new Uint8Array(16), SMALL);
    expect(toHex(otherSalt.loginSecret)).not.toBe(toHex(ascii.loginSecret));
    await expect(deriveReporterKeys(b, '1234', salt, SMALL)).rejects.toMatchObject({ code: 'bad_receipt' });
  });

  test('reporter keys: the login secret is the second half, the key pair comes from the first', async () => {
    const salt = new Uint8Array(16).fill(1);
    const keys = await deriveReporterKeys(b, '00000000000000000000', salt, SMALL);
    const raw = await b.argon2id(utf8('00000000000000000000'), salt, SMALL, 64);
    expect(toHex(keys.loginSecret)).toBe(toHex(raw.subarray(32)));
    expect(toHex(keys.keypair.publicKey)).toBe(toHex(b.x25519Keypair(raw.subarray(0, 32)).publicKey));
  });

  test('staff keys: NFC normalisation, and the KEK is not the login secret', async () => {
    const salt = b.randomBytes(16);
    const composed = await deriveStaffKeys(b, 'Caf\u00e9 2024', salt, SMALL);
    const decomposed = await deriveStaffKeys(b, 'Cafe\u0301 2024', salt, SMALL);
    expect(toHex(decomposed.keyEncryptionKey)).toBe(toHex(composed.keyEncryptionKey));
    expect(toHex(composed.keyEncryptionKey)).not.toBe(toHex(composed.loginSecret));
    await expect(deriveStaffKeys(b, '', salt, SMALL)).rejects.toMatchObject({ code: 'bad_params' });
    await expect(deriveStaffKeys(b, 'pw', new Uint8Array(15), SMALL)).rejects.toMatchObject({ code: 'bad_length' });
  });
});

test.each([
  ['libsodium', 'noble'],
  ['noble', 'libsodium'],
] as const)('keys wrapped with %s unwrap with %s', async (from, to) => {
  const [writer, reader] = await Promise.all([loadBackend(from), loadBackend(to)]);
  const officer = reader.x25519Keypair();
  const { notesKey } = newCaseKeys(writer);
  expect(toHex(unwrapKey(reader, wrapKey(writer, notesKey, officer.publicKey, 'notes'), officer, 'notes'))).toBe(toHex(notesKey));
  expect(toHex(unwrapKeyForSelf(reader, wrapKeyForSelf(writer, notesKey, officer.secretKey, 'notes'), officer.secretKey, 'notes'))).toBe(toHex(notesKey));
  const kek = writer.randomBytes(32);
  expect(toHex(decryptPrivateKey(reader, encryptPrivateKey(writer, officer.secretKey, kek, 'recovery'), kek, 'recovery'))).toBe(toHex(officer.secretKey));
});
