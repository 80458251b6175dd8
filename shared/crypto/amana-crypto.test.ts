import type { BackendName } from './backend';
import { createAmanaCrypto, loadAmanaCrypto, type AmanaCrypto } from './amana-crypto';
import * as publicApi from './index';
import { fromUtf8, utf8 } from './bytes';
import { loadBackend } from './select-backend';

const SMALL = { memKiB: 64, passes: 2 };
const PAIRS: [BackendName, BackendName][] = [
  ['libsodium', 'libsodium'],
  ['noble', 'noble'],
  ['noble', 'libsodium'],
  ['libsodium', 'noble'],
];

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return parts;
}

test('loadAmanaCrypto binds the best backend', async () => {
  expect((await loadAmanaCrypto()).backendName).toBe('libsodium');
  expect((await loadAmanaCrypto('noble')).backendName).toBe('noble');
});

test('the public surface does not expose the deterministic test seams', () => {
  const names = Object.keys(publicApi);
  for (const seam of ['encryptEnvelopeWithNonce', 'createAttachmentEncryptorWithPrefix', 'testSeamsFor', 'registerTestSeams', 'receiptDigitsFrom']) {
    expect(names).not.toContain(seam);
  }
  expect(names).toEqual(expect.arrayContaining(['loadAmanaCrypto', 'generateReceipt', 'normalizeReceipt', 'solvePow', 'verifyPow', 'CryptoError']));
});

// A whole case: the reporter's browser on one backend, the officer's on the other.
test.each(PAIRS)('reporter on %s, officer on %s', async (reporterSide, officerSide) => {
  const reporter: AmanaCrypto = createAmanaCrypto(await loadBackend(reporterSide));
  const officer: AmanaCrypto = createAmanaCrypto(await loadBackend(officerSide));
  const installationSalt = reporter.randomBytes(16);

  // Activation: the officer's key pair, stored encrypted under the password-derived KEK.
  const staffSalt = officer.randomBytes(16);
  const activation = await officer.deriveStaffKeys('correct horse', staffSalt, SMALL);
  const officerPair = officer.x25519Keypair();
  const storedSecret = officer.encryptPrivateKey(officerPair.secretKey, activation.keyEncryptionKey, 'password');

  // Submission.
  const receipt = publicApi.generateReceipt();
  const reporterKeys = await reporter.deriveReporterKeys(receipt, installationSalt, SMALL);
  const keys = reporter.newCaseKeys();
  const body = reporter.encryptEnvelope(keys.caseKey, utf8('{"text":"رشوة في قسم الصفقات"}'), '', 'body');
  const forOfficer = reporter.wrapKey(keys.caseKey, officerPair.publicKey, 'case');
  const forSelf = reporter.wrapKeyForSelf(keys.caseKey, reporterKeys.keypair.secretKey, 'case');
  const attachment = reporter.newAttachmentKey(keys.caseKey, 'att-1');
  const file = reporter.randomBytes(70000);
  const upload = reporter.encryptAttachmentStream(attachment.fileKey, once(file));
  const uploaded = await collect(upload.chunks);

  // The officer signs in on another day: password again, then the stored secret key.
  const login = await officer.deriveStaffKeys('correct horse', staffSalt, SMALL);
  const officerSecret = officer.decryptPrivateKey(storedSecret, login.keyEncryptionKey, 'password');
  const pair = officer.x25519Keypair(officerSecret);
  const caseKey = officer.unwrapKey(forOfficer, pair, 'case');
  expect(fromUtf8(officer.decryptEnvelope(caseKey, body, '', 'body'))).toBe('{"text":"رشوة في قسم الصفقات"}');
  const fileKey = officer.openAttachmentKey(caseKey, 'att-1', attachment.wrappedFileKey);
  const downloaded = await collect(officer.decryptAttachmentStream(fileKey, upload.header, (async function* () { yield* uploaded; })()));
  expect(Buffer.concat(downloaded).equals(Buffer.from(file))).toBe(true);
  const reply = officer.encryptEnvelope(caseKey, utf8('Merci, pouvez-vous préciser la date ?'), 'msg-42', 'message');

  // The reporter returns with the receipt typed in Arabic-Indic digits.
  const arabic = receipt.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));
  const again = await reporter.deriveReporterKeys(arabic, installationSalt, SMALL);
  expect(publicApi.constantTimeEqual(again.loginSecret, reporterKeys.loginSecret)).toBe(true);
  const ownKey = reporter.unwrapKeyForSelf(forSelf, again.keypair.secretKey, 'case');
  expect(fromUtf8(reporter.decryptEnvelope(ownKey, reply, 'msg-42', 'message'))).toBe('Merci, pouvez-vous préciser la date ?');
});
