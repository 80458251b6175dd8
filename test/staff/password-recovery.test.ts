/**
 * The browser's side of staff keys, end to end with the real crypto module: the password
 * (never sent) gives the key that encrypts the private key and the login secret; a password
 * change re-encrypts the private key; the recovery key shown once at activation opens the
 * second copy after a forgotten password. The server sees login secrets only.
 */
import request from 'supertest';
import { issueActivationToken } from '../../server/services/staff/activation-token';
import { totpAt } from '../../server/services/totp';
import type { KeyBundle } from '../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../shared/crypto';
import { givenStaff } from '../support/factories';
import { testCrypto, type TestApp } from '../support/test-app';
import { as, b64, base32Decode, createStaffApp, CSRF } from './staff-harness';

let t: TestApp;
let crypto: AmanaCrypto;
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

beforeEach(async () => {
  t = await createStaffApp();
  crypto = await testCrypto();
});
afterEach(async () => {
  await t.close();
});

interface Browser {
  email: string;
  totpSecret: Uint8Array;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  recoveryKey: string;
}

/** What the activation page does, with the installation's parameters. */
async function activate(password: string): Promise<Browser> {
  const invited = await givenStaff(t.store, { status: 'invited', roles: ['officer'], publicKey: null });
  const token = await issueActivationToken({ store: t.store, now: t.clock.now }, invited.id, 60_000);
  const start = await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token }).expect(200);
  const { kdfParams, totp } = start.body as { kdfParams: KeyBundle['kdfParams']; totp: { secret: string } };
  const keypair = crypto.x25519Keypair();
  const recoveryKey = b64(crypto.randomBytes(32));
  const kdfSalt = crypto.randomBytes(16);
  const recoverySalt = crypto.randomBytes(16);
  const byPassword = await crypto.deriveStaffKeys(password, kdfSalt, kdfParams);
  const byRecovery = await crypto.deriveStaffKeys(recoveryKey, recoverySalt, kdfParams);
  const keyBundle: KeyBundle = {
    v: 1,
    kdfSalt: b64(kdfSalt),
    kdfParams,
    password: b64(crypto.encryptPrivateKey(keypair.secretKey, byPassword.keyEncryptionKey, 'password')),
    recoverySalt: b64(recoverySalt),
    recovery: b64(crypto.encryptPrivateKey(keypair.secretKey, byRecovery.keyEncryptionKey, 'recovery')),
  };
  const totpSecret = base32Decode(totp.secret);
  await request(t.app)
    .post('/api/v1/auth/activate')
    .set(CSRF)
    .send({ token, publicKey: b64(keypair.publicKey), keyBundle, loginSecret: b64(byPassword.loginSecret), recoveryLoginSecret: b64(byRecovery.loginSecret), totp: totpAt(totpSecret, t.clock.now().getTime()) })
    .expect(201);
  return { email: invited.email, totpSecret, publicKey: keypair.publicKey, secretKey: keypair.secretKey, recoveryKey };
}

function code(browser: Browser): string {
  t.clock.advance(30_000);
  return totpAt(browser.totpSecret, t.clock.now().getTime());
}

/** What the sign-in page does: prelogin, derive, login, decrypt the private key. */
async function signIn(browser: Browser, password: string): Promise<{ status: number; token?: string; secretKey?: Uint8Array }> {
  const pre = await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: browser.email }).expect(200);
  const { kdfSalt, kdfParams } = pre.body as { kdfSalt: string; kdfParams: KeyBundle['kdfParams'] };
  const keys = await crypto.deriveStaffKeys(password, bytes(kdfSalt), kdfParams);
  const res = await request(t.app).post('/api/v1/auth/login').set(CSRF).send({ email: browser.email, loginSecret: b64(keys.loginSecret), totp: code(browser) });
  if (res.status !== 200) return { status: res.status };
  const body = res.body as { session: { token: string }; keyBundle: KeyBundle };
  return { status: 200, token: body.session.token, secretKey: crypto.decryptPrivateKey(bytes(body.keyBundle.password), keys.keyEncryptionKey, 'password') };
}

describe('staff keys in the browser', () => {
  it('signs in with the password and gets the private key back, without the password reaching the server', async () => {
    const browser = await activate('correct horse battery staple');
    const signedIn = await signIn(browser, 'correct horse battery staple');
    expect(signedIn.status).toBe(200);
    expect(signedIn.secretKey).toEqual(browser.secretKey);
    expect((await signIn(browser, 'Correct horse battery staple')).status).toBe(401);
    const stored = JSON.stringify(await t.store.staff.byEmail(browser.email));
    expect(stored).not.toContain('correct horse');
    expect(t.log.text()).not.toContain('correct horse');
  });

  it('changes the password: the private key is re-encrypted, the old password stops working, other sessions end', async () => {
    const browser = await activate('first password');
    const a = await signIn(browser, 'first password');
    const b = await signIn(browser, 'first password');
    const pre = (await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: browser.email })).body as { kdfSalt: string; kdfParams: KeyBundle['kdfParams']; recoverySalt: string };
    const current = await crypto.deriveStaffKeys('first password', bytes(pre.kdfSalt), pre.kdfParams);
    const me = (await as(t, a.token ?? '').get('/api/v1/me').expect(200)).body as { keyBundle: KeyBundle };
    const newSalt = crypto.randomBytes(16);
    const next = await crypto.deriveStaffKeys('second password', newSalt, pre.kdfParams);
    const keyBundle: KeyBundle = { ...me.keyBundle, kdfSalt: b64(newSalt), password: b64(crypto.encryptPrivateKey(browser.secretKey, next.keyEncryptionKey, 'password')) };

    const wrongCurrent = await crypto.deriveStaffKeys('not the password', bytes(pre.kdfSalt), pre.kdfParams);
    await as(t, a.token ?? '').post('/api/v1/me/password').send({ currentLoginSecret: b64(wrongCurrent.loginSecret), loginSecret: b64(next.loginSecret), keyBundle }).expect(403);
    await as(t, a.token ?? '').post('/api/v1/me/password').send({ currentLoginSecret: b64(current.loginSecret), loginSecret: b64(next.loginSecret), keyBundle: { ...keyBundle, recoverySalt: b64(crypto.randomBytes(16)) } }).expect(400);
    await as(t, a.token ?? '').post('/api/v1/me/password').send({ currentLoginSecret: b64(current.loginSecret), loginSecret: b64(next.loginSecret), keyBundle }).expect(204);

    await as(t, a.token ?? '').get('/api/v1/me').expect(200);
    await as(t, b.token ?? '').get('/api/v1/me').expect(401);
    expect((await signIn(browser, 'first password')).status).toBe(401);
    const again = await signIn(browser, 'second password');
    expect(again.secretKey).toEqual(browser.secretKey);
  });

  it('recovers after a forgotten password with the recovery key and a second factor', async () => {
    const browser = await activate('forgotten');
    const old = await signIn(browser, 'forgotten');
    const pre = (await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: browser.email })).body as { kdfSalt: string; kdfParams: KeyBundle['kdfParams']; recoverySalt: string };
    const byRecovery = await crypto.deriveStaffKeys(browser.recoveryKey, bytes(pre.recoverySalt), pre.kdfParams);

    const wrongKey = await crypto.deriveStaffKeys(b64(crypto.randomBytes(32)), bytes(pre.recoverySalt), pre.kdfParams);
    const refused = await request(t.app).post('/api/v1/auth/recovery').set(CSRF).send({ email: browser.email, recoveryLoginSecret: b64(wrongKey.loginSecret), totp: code(browser) }).expect(401);
    expect((refused.body as { error: { id: string } }).error.id).toBe('login_failed');
    // The password's login secret is not a recovery proof.
    const byPassword = await crypto.deriveStaffKeys('forgotten', bytes(pre.kdfSalt), pre.kdfParams);
    await request(t.app).post('/api/v1/auth/recovery').set(CSRF).send({ email: browser.email, recoveryLoginSecret: b64(byPassword.loginSecret), totp: code(browser) }).expect(401);
    const start = await request(t.app).post('/api/v1/auth/recovery').set(CSRF).send({ email: browser.email, recoveryLoginSecret: b64(byRecovery.loginSecret), totp: code(browser) }).expect(200);
    const { recoveryToken, keyBundle } = start.body as { recoveryToken: string; keyBundle: KeyBundle };
    const secretKey = crypto.decryptPrivateKey(bytes(keyBundle.recovery), byRecovery.keyEncryptionKey, 'recovery');
    expect(secretKey).toEqual(browser.secretKey);

    const newSalt = crypto.randomBytes(16);
    const next = await crypto.deriveStaffKeys('remembered this time', newSalt, pre.kdfParams);
    const rebuilt: KeyBundle = { ...keyBundle, kdfSalt: b64(newSalt), password: b64(crypto.encryptPrivateKey(secretKey, next.keyEncryptionKey, 'password')) };
    const done = await request(t.app).post('/api/v1/auth/recovery/complete').set(CSRF).send({ recoveryToken, loginSecret: b64(next.loginSecret), keyBundle: rebuilt }).expect(200);
    await as(t, (done.body as { session: { token: string } }).session.token).get('/api/v1/me').expect(200);
    await request(t.app).post('/api/v1/auth/recovery/complete').set(CSRF).send({ recoveryToken, loginSecret: b64(next.loginSecret), keyBundle: rebuilt }).expect(400);
    await as(t, old.token ?? '').get('/api/v1/me').expect(401);
    expect((await signIn(browser, 'forgotten')).status).toBe(401);
    expect((await signIn(browser, 'remembered this time')).secretKey).toEqual(browser.secretKey);
    const actions = (await t.store.audit.list({ limit: 50 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.recovery_started', 'auth.recovery_completed']));
  });
});
