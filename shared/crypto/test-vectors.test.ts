import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { BackendName, CryptoBackend } from './backend';
import { fromHex, toHex } from './bytes';
import { deriveReporterKeys, deriveStaffKeys } from './key-derivation';
import { loadBackend } from './select-backend';
import { generateTestVectors } from './test-vectors.generate';
import vectors from './test-vectors.json';

const NAMES: BackendName[] = ['libsodium', 'noble'];
const generated = vectors.generated;

// Entries at the default costs (8 MiB receipt, 64 MiB staff), left out by generateTestVectors(b, 'light').
const AT_SMALL_COST = (v: { memKiB: number }) => v.memKiB === 64;
const lightGenerated = {
  ...generated,
  argon2id: generated.argon2id.filter(AT_SMALL_COST),
  reporter: generated.reporter.filter(AT_SMALL_COST),
  staff: generated.staff.filter(AT_SMALL_COST),
};

describe.each(NAMES)('test-vectors.json with %s', (name) => {
  let b: CryptoBackend;
  beforeAll(async () => {
    b = await loadBackend(name);
  });

  // The strongest check: every generated vector, rebuilt by this backend from the same inputs,
  // equals the committed file (written with libsodium) byte for byte.
  test('the generator reproduces every vector at small cost', async () => {
    expect(await generateTestVectors(b, 'light')).toEqual(lightGenerated);
  });

  test.each(generated.x25519)('X25519 from seed $seed', (v) => {
    const pair = b.x25519Keypair(fromHex(v.seed));
    expect([toHex(pair.publicKey), toHex(pair.secretKey)]).toEqual([v.publicKey, v.secretKey]);
  });

  test.each(generated.sealedBox)('sealed box opens', (v) => {
    const recipient = b.x25519Keypair(fromHex(v.recipientSeed));
    expect(toHex(recipient.publicKey)).toBe(v.recipientPublicKey);
    expect(toHex(b.openSealedBox(fromHex(v.sealed), recipient.publicKey, recipient.secretKey))).toBe(v.message);
  });

  test.each(generated.aead)('XChaCha20-Poly1305 decrypts', (v) => {
    expect(toHex(b.aeadDecrypt(fromHex(v.key), fromHex(v.nonce), fromHex(v.ciphertext), fromHex(v.ad)))).toBe(v.plaintext);
  });

  test.each(lightGenerated.argon2id)('Argon2id m=$memKiB t=$passes', async (v) => {
    const out = await b.argon2id(fromHex(v.password), fromHex(v.salt), { memKiB: v.memKiB, passes: v.passes }, v.outLen);
    expect(toHex(out)).toBe(v.output);
  });

  test.each(generated.blake2b)('BLAKE2b-$outLen', (v) => {
    expect(toHex(b.blake2b(fromHex(v.message), v.outLen, v.key === null ? undefined : fromHex(v.key)))).toBe(v.output);
  });

  test.each(lightGenerated.reporter)('reporter keys m=$memKiB t=$passes', async (v) => {
    const keys = await deriveReporterKeys(b, v.receipt, fromHex(v.salt), { memKiB: v.memKiB, passes: v.passes });
    expect([toHex(keys.keypair.publicKey), toHex(keys.keypair.secretKey), toHex(keys.loginSecret)]).toEqual([v.publicKey, v.secretKey, v.loginSecret]);
  });

  // Version 2: the receipt's 21 digits, PBKDF2 through WebCrypto, then this backend's X25519.
  test.each(generated.reporterV2)('reporter keys, version 2 receipt $receipt', async (v) => {
    const keys = await deriveReporterKeys(b, v.receipt, fromHex(v.salt), { memKiB: 64, passes: 2 });
    expect([toHex(keys.keypair.publicKey), toHex(keys.keypair.secretKey), toHex(keys.loginSecret)]).toEqual([v.publicKey, v.secretKey, v.loginSecret]);
    // The Argon2id parameters do not enter a version 2 derivation.
    const other = await deriveReporterKeys(b, v.digits, fromHex(v.salt), { memKiB: 8 * 1024, passes: 3 });
    expect(toHex(other.loginSecret)).toBe(v.loginSecret);
  });

  test.each(lightGenerated.staff)('staff keys m=$memKiB t=$passes', async (v) => {
    const keys = await deriveStaffKeys(b, v.password, fromHex(v.salt), { memKiB: v.memKiB, passes: v.passes });
    expect([toHex(keys.keyEncryptionKey), toHex(keys.loginSecret)]).toEqual([v.keyEncryptionKey, v.loginSecret]);
  });
});

// An implementation other than WebCrypto (node:crypto's OpenSSL) on the vectors' own inputs,
// so the generator cannot agree with itself through a shared mistake.
test.each(generated.reporterV2)('version 2 vector $receipt: PBKDF2 and HKDF match node:crypto', (v) => {
  const { pbkdf2Sync, hkdfSync } = require('node:crypto') as typeof import('node:crypto');
  expect(v.pbkdf2Password).toBe(Buffer.from(v.digits, 'utf8').toString('hex'));
  expect(v.pbkdf2Salt).toBe(Buffer.from('amana/v2/receipt').toString('hex') + v.salt);
  const master = pbkdf2Sync(Buffer.from(v.pbkdf2Password, 'hex'), Buffer.from(v.pbkdf2Salt, 'hex'), v.iterations, 32, 'sha256');
  expect(master.toString('hex')).toBe(v.pbkdf2Output);
  const out = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(v.hkdfInfo, 'hex'), 64));
  expect(out.toString('hex')).toBe(v.hkdfOutput);
  expect(v.loginSecret).toBe(v.hkdfOutput.slice(64));
  expect(v.iterations).toBe(300_000);
});

test('libsodium reproduces every vector, the default costs included', async () => {
  expect(await generateTestVectors(await loadBackend('libsodium'), 'all')).toEqual(generated);
});

test('noble derives the reporter keys at the default receipt cost (8 MiB, 2 passes)', async () => {
  const v = generated.reporter.find((r) => !AT_SMALL_COST(r));
  if (v === undefined) throw new Error('no default-cost reporter vector');
  const keys = await deriveReporterKeys(await loadBackend('noble'), v.receipt, fromHex(v.salt), { memKiB: v.memKiB, passes: v.passes });
  expect([toHex(keys.keypair.publicKey), toHex(keys.loginSecret)]).toEqual([v.publicKey, v.loginSecret]);
});

// 64 MiB with noble takes over a minute inside jest's vm context but about 2 s in plain Node,
// so the noble library itself is run in a child process on the staff vector's exact inputs.
test('noble Argon2id at the default staff cost (64 MiB, 3 passes) matches, run in plain Node', () => {
  const v = generated.staff.find((s) => !AT_SMALL_COST(s));
  if (v === undefined) throw new Error('no default-cost staff vector');
  const script = `
    const { argon2id } = require('@noble/hashes/argon2');
    const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
    const out = argon2id(hex('${v.passwordNfcUtf8}'), hex('${v.salt}'), { t: ${v.passes}, m: ${v.memKiB}, p: 1, dkLen: 64 });
    process.stdout.write(Buffer.from(out).toString('hex'));`;
  const output = execFileSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
  expect(output).toBe(v.keyEncryptionKey + v.loginSecret);
});

test('the default derivation vectors use the configured parameters', async () => {
  const { settings } = await import('../../config');
  expect(generated.reporter.map((v) => ({ memKiB: v.memKiB, passes: v.passes }))).toContainEqual(settings.kdf.receipt);
  expect(generated.staff.map((v) => ({ memKiB: v.memKiB, passes: v.passes }))).toContainEqual(settings.kdf.staff);
});
