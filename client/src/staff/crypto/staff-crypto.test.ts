/**
 * The staff browser's key handling over the real crypto backend: account keys made at
 * activation open with the password and with the recovery key, a new password keeps the
 * recovery copy, and re-wrapping a case's keys to another officer (a grant) or the identity
 * key to a requesting officer (a custodian's approval) gives them exactly the same keys,
 * while nobody else can open them.
 */
import { loadAmanaCrypto, type AmanaCrypto, type Argon2idParams } from '../../../../shared/crypto/index';
import { fromB64, toB64 } from '../../../../shared/api/common.schema';
import { openReason, sealReason } from '../../crypto/case-reason';
import { grantKeys, openCaseKeys, resealIdentityKey } from './case-keys';
import { openCustodianReason, sealReasonToCustodian } from './custodian-reason';
import { createAccountKeys, derivePasswordKeys, deriveRecoveryKeys, openPrivateKey, rewrapForNewPassword, type DeriveStaffKeys } from './key-bundle';
import { formatRecoveryKey, generateRecoveryKey, normalizeRecoveryKey } from './recovery-key';
import { checkedKdfParams, newBundleKdfParams } from './staff-kdf';

let crypto: AmanaCrypto;
let derive: DeriveStaffKeys;
// Light parameters keep the test fast; the floor check is tested on its own below.
const PARAMS: Argon2idParams = { memKiB: 8 * 1024, passes: 1 };

beforeAll(async () => {
  crypto = await loadAmanaCrypto('libsodium');
  derive = (secret, salt, params) => crypto.deriveStaffKeys(secret, salt, params);
});

describe('account keys', () => {
  it('open with the password and with the recovery key, and only with them', async () => {
    const recoveryKey = generateRecoveryKey(crypto);
    const made = await createAccountKeys(crypto, derive, 'correct horse battery', recoveryKey, PARAMS);
    const byPassword = await derivePasswordKeys(derive, made.keyBundle, 'correct horse battery');
    expect(toB64(byPassword.loginSecret)).toBe(made.loginSecret);
    const opened = openPrivateKey(crypto, made.keyBundle, 'password', byPassword.keyEncryptionKey, made.publicKey);
    expect(opened.secretKey).toEqual(made.keypair.secretKey);

    const byRecovery = await deriveRecoveryKeys(derive, made.keyBundle, normalizeRecoveryKey(formatRecoveryKey(recoveryKey).toLowerCase()) ?? '');
    expect(toB64(byRecovery.loginSecret)).toBe(made.recoveryLoginSecret);
    expect(openPrivateKey(crypto, made.keyBundle, 'recovery', byRecovery.keyEncryptionKey, made.publicKey).publicKey).toEqual(made.keypair.publicKey);

    const wrong = await derivePasswordKeys(derive, made.keyBundle, 'correct horse battery!');
    expect(() => openPrivateKey(crypto, made.keyBundle, 'password', wrong.keyEncryptionKey, made.publicKey)).toThrow(expect.objectContaining({ code: 'auth_failed' }));
    // The password copy never opens as the recovery copy.
    expect(() => openPrivateKey(crypto, { ...made.keyBundle, recovery: made.keyBundle.password }, 'recovery', byPassword.keyEncryptionKey, made.publicKey)).toThrow();
  });

  it('refuses a bundle that belongs to another public key', async () => {
    const made = await createAccountKeys(crypto, derive, 'pw one', generateRecoveryKey(crypto), PARAMS);
    const other = crypto.x25519Keypair();
    const keys = await derivePasswordKeys(derive, made.keyBundle, 'pw one');
    expect(() => openPrivateKey(crypto, made.keyBundle, 'password', keys.keyEncryptionKey, toB64(other.publicKey))).toThrow(expect.objectContaining({ code: 'auth_failed' }));
  });

  it('a new password re-encrypts the private key and keeps the recovery copy', async () => {
    const recoveryKey = generateRecoveryKey(crypto);
    const made = await createAccountKeys(crypto, derive, 'old password', recoveryKey, PARAMS);
    const next = await rewrapForNewPassword(crypto, derive, made.keypair, made.keyBundle, 'new password');
    expect(next.keyBundle.kdfSalt).not.toBe(made.keyBundle.kdfSalt);
    expect(next.keyBundle.recovery).toBe(made.keyBundle.recovery);
    expect(next.keyBundle.recoverySalt).toBe(made.keyBundle.recoverySalt);
    const keys = await derivePasswordKeys(derive, next.keyBundle, 'new password');
    expect(toB64(keys.loginSecret)).toBe(next.loginSecret);
    expect(openPrivateKey(crypto, next.keyBundle, 'password', keys.keyEncryptionKey, made.publicKey).secretKey).toEqual(made.keypair.secretKey);
    const old = await derivePasswordKeys(derive, next.keyBundle, 'old password');
    expect(() => openPrivateKey(crypto, next.keyBundle, 'password', old.keyEncryptionKey, made.publicKey)).toThrow();
  });
});

describe('recovery key', () => {
  it('round-trips through its written form and refuses near misses', () => {
    const key = generateRecoveryKey(crypto);
    expect(key).toMatch(/^[A-Z2-7]{52}$/);
    expect(normalizeRecoveryKey(` ${formatRecoveryKey(key).toLowerCase()} `)).toBe(key);
    expect(normalizeRecoveryKey(key.slice(0, 51))).toBeNull();
    expect(normalizeRecoveryKey(`${key.slice(0, 51)}B`)).toBeNull(); // a last letter with stray bits
    expect(normalizeRecoveryKey(key.replace(/O/g, '0').replace(/I/g, '1'))).toBe(key);
  });
});

describe('kdf parameters', () => {
  it('refuses a bundle weaker than the shipped floor and raises new ones to it', () => {
    expect(() => checkedKdfParams({ memKiB: 8 * 1024, passes: 3 })).toThrow(expect.objectContaining({ id: 'kdf_unsafe' }));
    expect(() => checkedKdfParams({ memKiB: 64 * 1024, passes: 2 })).toThrow(expect.objectContaining({ id: 'kdf_unsafe' }));
    expect(checkedKdfParams({ memKiB: 128 * 1024, passes: 3 })).toEqual({ memKiB: 128 * 1024, passes: 3 });
    expect(newBundleKdfParams({ memKiB: 8 * 1024, passes: 1 })).toEqual({ memKiB: 64 * 1024, passes: 3 });
  });
});

describe('re-wrapping case keys', () => {
  const caseWrappedTo = (keypair: { publicKey: Uint8Array }, keys: ReturnType<AmanaCrypto['newCaseKeys']>) => [
    { kind: 'case' as const, wrapped: toB64(crypto.wrapKey(keys.caseKey, keypair.publicKey, 'case')) },
    { kind: 'notes' as const, wrapped: toB64(crypto.wrapKey(keys.notesKey, keypair.publicKey, 'notes')) },
  ];

  it('a grant gives the other officer the same case and notes keys, and nobody else', () => {
    const keys = crypto.newCaseKeys();
    const granter = crypto.x25519Keypair();
    const grantee = crypto.x25519Keypair();
    const held = openCaseKeys(crypto, granter, caseWrappedTo(granter, keys));
    expect(held.identityKey).toBeNull();
    const granted = grantKeys(crypto, held, toB64(grantee.publicKey), true);
    expect(granted.map((k) => k.kind)).toEqual(['case', 'notes']);
    const opened = openCaseKeys(crypto, grantee, granted);
    expect(opened.caseKey).toEqual(keys.caseKey);
    expect(opened.notesKey).toEqual(keys.notesKey);
    expect(() => openCaseKeys(crypto, crypto.x25519Keypair(), granted)).toThrow();
    expect(grantKeys(crypto, held, toB64(grantee.publicKey), false).map((k) => k.kind)).toEqual(['case']);
  });

  it('refuses a notes key offered as the case key', () => {
    const keys = crypto.newCaseKeys();
    const officer = crypto.x25519Keypair();
    const swapped = [{ kind: 'case' as const, wrapped: toB64(crypto.wrapKey(keys.notesKey, officer.publicKey, 'notes')) }];
    expect(() => openCaseKeys(crypto, officer, swapped)).toThrow(expect.objectContaining({ code: 'bad_type' }));
  });

  it('a custodian re-seals the identity key to the requesting officer only', () => {
    const keys = crypto.newCaseKeys();
    const custodian = crypto.x25519Keypair();
    const officer = crypto.x25519Keypair();
    const custodianCopy = toB64(crypto.wrapKey(keys.identityKey, custodian.publicKey, 'identity'));
    const resealed = resealIdentityKey(crypto, custodian, custodianCopy, toB64(officer.publicKey));
    expect(crypto.unwrapKey(fromB64(resealed), officer, 'identity')).toEqual(keys.identityKey);
    expect(() => crypto.unwrapKey(fromB64(resealed), custodian, 'identity')).toThrow();
    expect(() => resealIdentityKey(crypto, officer, custodianCopy, toB64(officer.publicKey))).toThrow();
  });
});

describe('reasons', () => {
  it('a status reason opens only for the status it was written for', () => {
    const { caseKey } = crypto.newCaseKeys();
    const sealed = sealReason(crypto, caseKey, { kind: 'status', status: 'closed' }, 'Referred to the court of accounts');
    expect(openReason(crypto, caseKey, { kind: 'status', status: 'closed' }, sealed)).toBe('Referred to the court of accounts');
    expect(openReason(crypto, caseKey, { kind: 'status', status: 'acknowledged' }, sealed)).toBeNull();
    expect(openReason(crypto, crypto.newCaseKeys().caseKey, { kind: 'status', status: 'closed' }, sealed)).toBeNull();
  });

  it('a reason sealed to a custodian opens with their key and for that case only', async () => {
    const custodian = crypto.x25519Keypair();
    const sealed = await sealReasonToCustodian(crypto, toB64(custodian.publicKey), 'case-1234', 'Witness protection review');
    expect(fromB64(sealed).length % 256).toBe(48);
    await expect(openCustodianReason(crypto, custodian, 'case-1234', sealed)).resolves.toBe('Witness protection review');
    await expect(openCustodianReason(crypto, custodian, 'case-9999', sealed)).resolves.toBeNull();
    await expect(openCustodianReason(crypto, crypto.x25519Keypair(), 'case-1234', sealed)).resolves.toBeNull();
  });
});
