/**
 * Produces the "generated" half of test-vectors.json from fixed inputs. The committed file was
 * written with the libsodium backend; test-vectors.test.ts runs this generator on both backends
 * and requires byte-for-byte equality with the file, so neither can drift. To regenerate after
 * a deliberate protocol change (and bump the version bytes!):
 *   npx tsc --outDir dist/test-vectors --rootDir shared/crypto --module commonjs --target es2022 \
 *     --moduleResolution node --strict \
 *     --esModuleInterop --resolveJsonModule --skipLibCheck shared/crypto/test-vectors.generate.ts
 *   node -e "require('./dist/test-vectors/test-vectors.generate').testVectorsJson().then((s) => process.stdout.write(s))" \
 *     > shared/crypto/test-vectors.json.new && mv shared/crypto/test-vectors.json.new shared/crypto/test-vectors.json
 */
import { testSeamsFor, type Argon2idParams, type CryptoBackend } from './backend';
import { concatBytes, fromHex, toHex, utf8 } from './bytes';
import { encryptEnvelopeWithNonce, envelopeAd, type EnvelopeType } from './envelope';
import { encodeKeyBlob } from './key-blob';
import { deriveReporterKeys, deriveStaffKeys, RECEIPT_V2_ITERATIONS } from './key-derivation';
import { paddedLength } from './padding';
import { powInput, solvePow } from './proof-of-work';
import { formatReceipt, receiptDigitsFrom, receiptV2From } from './receipt';
import { hkdfSha256, pbkdf2Sha256 } from './webcrypto-kdf';
import { createAttachmentEncryptorWithPrefix } from './stream';

/** Deterministic filler: byte i = (start + i) mod 256. */
export function pattern(length: number, start = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
}

const RECEIPT_PARAMS: Argon2idParams = { memKiB: 8 * 1024, passes: 2 }; // config settings.kdf.receipt
const STAFF_PARAMS: Argon2idParams = { memKiB: 64 * 1024, passes: 3 }; // config settings.kdf.staff
const SMALL_PARAMS: Argon2idParams = { memKiB: 64, passes: 2 };

/**
 * 'light' leaves out the derivations at the default costs: under jest's vm context noble's
 * Argon2id runs some 60 times slower than in plain Node (8 MiB: ~6 s, 64 MiB: over a minute).
 */
export type Costs = 'all' | 'light';

function paramSets(costs: Costs, heavy: Argon2idParams): Argon2idParams[] {
  return costs === 'all' ? [SMALL_PARAMS, heavy] : [SMALL_PARAMS];
}

async function primitives(b: CryptoBackend, costs: Costs) {
  const seams = testSeamsFor(b);
  const seed = pattern(32, 0x10);
  const recipient = b.x25519Keypair(pattern(32, 0x40));
  const message = utf8('Amana sealed box vector');
  const ephemeral = pattern(32, 0x80);
  const argonCases = paramSets(costs, RECEIPT_PARAMS).map((params, i) => ({
    password: toHex(utf8(i === 0 ? 'password' : '12345678901234567890')),
    salt: toHex(pattern(16, i === 0 ? 0xa0 : 0xb0)),
    ...params,
    outLen: i === 0 ? 32 : 64,
  }));
  return {
    x25519: [{ seed: toHex(seed), ...hexPair(b.x25519Keypair(seed)) }],
    sealedBox: [
      {
        recipientSeed: toHex(pattern(32, 0x40)),
        recipientPublicKey: toHex(recipient.publicKey),
        ephemeralSeed: toHex(ephemeral),
        message: toHex(message),
        sealed: toHex(seams.sealBoxWithEphemeral(message, recipient.publicKey, ephemeral)),
      },
    ],
    aead: [
      { key: toHex(pattern(32, 1)), nonce: toHex(pattern(24, 0x31)), ad: toHex(utf8('ad')), plaintext: '' },
      { key: toHex(pattern(32, 2)), nonce: toHex(pattern(24, 0x32)), ad: '', plaintext: toHex(pattern(100, 7)) },
    ].map((v) => ({ ...v, ciphertext: toHex(b.aeadEncrypt(fromHex(v.key), fromHex(v.nonce), fromHex(v.plaintext), fromHex(v.ad))) })),
    argon2id: await Promise.all(
      argonCases.map(async (v) => ({
        ...v,
        output: toHex(await b.argon2id(fromHex(v.password), fromHex(v.salt), { memKiB: v.memKiB, passes: v.passes }, v.outLen)),
      })),
    ),
    blake2b: [
      { message: toHex(utf8('amana')), outLen: 32, key: null },
      { message: toHex(utf8('amana')), outLen: 24, key: toHex(pattern(32)) },
    ].map((v) => ({ ...v, output: toHex(b.blake2b(fromHex(v.message), v.outLen, v.key === null ? undefined : fromHex(v.key))) })),
  };
}

function hexPair(pair: { publicKey: Uint8Array; secretKey: Uint8Array }): { publicKey: string; secretKey: string } {
  return { publicKey: toHex(pair.publicKey), secretKey: toHex(pair.secretKey) };
}

function envelopes(b: CryptoBackend) {
  const cases: { type: EnvelopeType; context: string; plaintext: Uint8Array }[] = [
    { type: 'body', context: '', plaintext: utf8('{"category":"procurement","text":"تقرير"}') },
    { type: 'message', context: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', plaintext: utf8('Merci pour votre signalement.') },
    { type: 'attachment-key', context: 'a1', plaintext: encodeKeyBlob(pattern(32, 0xc0), 'file') },
  ];
  return cases.map((v, i) => {
    const key = pattern(32, 0x50 + i);
    const nonce = pattern(24, 0x60 + i);
    return {
      type: v.type,
      context: v.context,
      key: toHex(key),
      nonce: toHex(nonce),
      plaintext: toHex(v.plaintext),
      ad: toHex(envelopeAd(v.type, v.context)),
      envelope: toHex(encryptEnvelopeWithNonce(b, key, v.plaintext, v.context, v.type, nonce)),
    };
  });
}

function stream(b: CryptoBackend) {
  const key = pattern(32, 0x70);
  const prefix = pattern(16, 0x90);
  return [5, 65536].map((length) => {
    const encryptor = createAttachmentEncryptorWithPrefix(b, key, prefix);
    const data = pattern(length, 3);
    const chunks: Uint8Array[] = [];
    for (let offset = 0, index = 0; ; offset += 65536, index++) {
      const piece = data.subarray(offset, offset + 65536);
      const isLast = piece.length < 65536;
      chunks.push(encryptor.encryptChunk(piece, index, isLast));
      if (isLast) break;
    }
    return {
      key: toHex(key),
      header: toHex(encryptor.header),
      plaintext: `pattern(${length}, 3)`,
      // Chunks are 65,552 bytes each: the file keeps their BLAKE2b-256 and their tag, not the bytes.
      chunks: chunks.map((c) => ({ length: c.length, blake2b256: toHex(b.blake2b(c, 32)), tag: toHex(c.subarray(c.length - 16)) })),
    };
  });
}

async function derivations(b: CryptoBackend, costs: Costs) {
  const salt = pattern(16, 0xd0);
  const receipt = '0123 4567 8901 2345 6789';
  const reporter = await Promise.all(
    paramSets(costs, RECEIPT_PARAMS).map(async (params) => {
      const keys = await deriveReporterKeys(b, receipt, salt, params);
      return { receipt, salt: toHex(salt), ...params, ...hexPair(keys.keypair), loginSecret: toHex(keys.loginSecret) };
    }),
  );
  const staff = await Promise.all(
    paramSets(costs, STAFF_PARAMS).map(async (params) => {
      const keys = await deriveStaffKeys(b, 'Cafe\u0301 #1 مرحبا', pattern(16, 0xe0), params);
      return {
        password: 'Cafe\u0301 #1 مرحبا',
        passwordNfcUtf8: toHex(utf8('Cafe\u0301 #1 مرحبا'.normalize('NFC'))),
        salt: toHex(pattern(16, 0xe0)),
        ...params,
        keyEncryptionKey: toHex(keys.keyEncryptionKey),
        loginSecret: toHex(keys.loginSecret),
      };
    }),
  );
  // Version 2 (21 digits, PBKDF2 + HKDF): cheap in every backend, so always generated. The
  // intermediate PBKDF2 output is given too, so an implementer can check each step.
  const reporterV2 = await Promise.all(
    [receiptV2From('01234567890123456789'), receiptV2From('98765432109876543210')].map(async (digits) => {
      const saltInput = concatBytes(utf8('amana/v2/receipt'), salt);
      const pbkdf2 = await pbkdf2Sha256(utf8(digits), saltInput, RECEIPT_V2_ITERATIONS, 32);
      const hkdf = await hkdfSha256(pbkdf2, new Uint8Array(0), utf8('amana/v2/receipt-keys'), 64);
      const keys = await deriveReporterKeys(b, formatReceipt(digits), salt, SMALL_PARAMS);
      return {
        receipt: formatReceipt(digits),
        digits,
        salt: toHex(salt),
        pbkdf2Password: toHex(utf8(digits)),
        pbkdf2Salt: toHex(saltInput),
        iterations: RECEIPT_V2_ITERATIONS,
        pbkdf2Output: toHex(pbkdf2),
        hkdfInfo: toHex(utf8('amana/v2/receipt-keys')),
        hkdfOutput: toHex(hkdf),
        ...hexPair(keys.keypair),
        loginSecret: toHex(keys.loginSecret),
      };
    }),
  );
  return { reporter, reporterV2, staff };
}

async function receiptAndPow() {
  // Bytes 250..255 are rejected; they appear in the input to show it.
  const bytes = fromHex('fa0b16fb21fc2cfd37fe42ff4d58636e79848f9aa5b0bbc6d1dce7f2fd0809');
  let offset = 0;
  const digits = receiptDigitsFrom((n) => bytes.slice(offset, (offset += n)));
  const challenge = pattern(32, 0xf0);
  const nonce = await solvePow(challenge, 12);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', powInput(challenge, BigInt(nonce))));
  const v2 = receiptV2From(digits);
  return {
    receipt: { randomBytes: toHex(bytes), digits, formatted: formatReceipt(digits) },
    receiptV2: { randomDigits: digits, digits: v2, checkDigit: v2.slice(20), formatted: formatReceipt(v2) },
    pow: { challenge: toHex(challenge), difficultyBits: 12, nonce, sha256: toHex(digest) },
  };
}

export async function generateTestVectors(b: CryptoBackend, costs: Costs = 'all') {
  return {
    ...(await primitives(b, costs)),
    padding: [0, 1, 255, 256, 1000, 65535, 65536, 200000].map((length) => ({ length, paddedLength: paddedLength(length) })),
    envelope: envelopes(b),
    stream: stream(b),
    ...(await derivations(b, costs)),
    ...(await receiptAndPow()),
  };
}

export type GeneratedVectors = Awaited<ReturnType<typeof generateTestVectors>>;

/** The whole JSON file; the published vectors are carried over from the committed file. */
export async function testVectorsJson(): Promise<string> {
  const { loadBackend } = await import('./select-backend');
  const published: unknown = (await import('./test-vectors.json')).published;
  const generated = await generateTestVectors(await loadBackend('libsodium'));
  return `${JSON.stringify({ note: NOTE, published, generated }, null, 2)}\n`;
}

const NOTE =
  'Known answers for docs/PROTOCOL.md. "published" vectors come from RFCs, the XChaCha draft, NaCl and libsodium\'s ' +
  'test suite; "generated" ones were produced by shared/crypto/test-vectors.generate.ts with the libsodium backend and ' +
  'are reproduced byte for byte by the noble backend. All byte strings are lowercase hex; pattern(n, s) is byte i = (s + i) mod 256.';
