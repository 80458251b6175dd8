/**
 * Staff sign-in over HTTP: prelogin, login with the login secret and a second factor,
 * replayed codes, recovery codes, unknown and known accounts answered alike, lockout,
 * session expiry, sign-out everywhere and the request-forgery checks.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { totpAt } from '../../server/services/totp';
import { hashGate } from '../../server/services/staff/login-hash';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, createStaffApp, CSRF, freshTotp, randomB64, signIn, type Person } from './staff-harness';

let t: TestApp;
let officer: Person;

beforeEach(async () => {
  t = await createStaffApp();
  const channel = (await t.store.channels.list())[0]?.id;
  officer = await activatePerson(t, { roles: ['officer'], channels: channel ? [channel] : [] });
});
afterEach(async () => {
  await t.close();
});

const login = (body: Record<string, string>) => request(t.app).post('/api/v1/auth/login').set(CSRF).send(body);

/** a six-digit code that none of the steps the server accepts now would give */
function codeOutsideWindow(person: Person): string {
  const now = t.clock.now().getTime();
  const valid = [-30_000, 0, 30_000].map((d) => totpAt(person.totpSecret, now + d));
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c)) ?? '444444';
}

describe('prelogin', () => {
  it('gives a known account its stored salts and an unknown address stable ones of the same shape', async () => {
    const known = await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: officer.email.toUpperCase() }).expect(200);
    expect(known.body).toEqual({ kdfSalt: officer.keyBundle.kdfSalt, kdfParams: officer.keyBundle.kdfParams, recoverySalt: officer.keyBundle.recoverySalt });

    const first = await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: 'nobody@commune.example' }).expect(200);
    const again = await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: 'Nobody@commune.example' }).expect(200);
    const other = await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: 'someone@commune.example' }).expect(200);
    expect(Object.keys(first.body as object).sort()).toEqual(Object.keys(known.body as object).sort());
    expect(Buffer.from((first.body as { kdfSalt: string }).kdfSalt, 'base64')).toHaveLength(16);
    expect(first.body).toEqual(again.body);
    expect((other.body as { kdfSalt: string }).kdfSalt).not.toBe((first.body as { kdfSalt: string }).kdfSalt);
    expect((first.body as { kdfParams: unknown }).kdfParams).toEqual(t.config.kdf.staff);
  });
});

describe('login', () => {
  it('opens a session with the login secret and a TOTP code, returning the keys the browser needs', async () => {
    const res = await login({ email: officer.email, loginSecret: officer.loginSecret, totp: freshTotp(t, officer) }).expect(200);
    const body = res.body as { session: { token: string; idleTimeoutSeconds: number }; me: { id: string; roles: string[] }; publicKey: string; keyBundle: unknown };
    expect(body.me).toMatchObject({ id: officer.staff.id, roles: ['officer'] });
    expect(body.keyBundle).toEqual(officer.keyBundle);
    expect(body.publicKey).toBe(Buffer.from(officer.keypair.publicKey).toString('base64'));
    expect(body.session.idleTimeoutSeconds).toBe(1800);
    await as(t, body.session.token).get('/api/v1/me').expect(200);
    expect(JSON.stringify(res.body)).not.toContain(officer.loginSecret);
  });

  it('refuses a wrong secret, a wrong code and a replayed code with the same answer', async () => {
    const wrongSecret = await login({ email: officer.email, loginSecret: randomB64(32), totp: freshTotp(t, officer) }).expect(401);
    const wrongCode = await login({ email: officer.email, loginSecret: officer.loginSecret, totp: codeOutsideWindow(officer) }).expect(401);
    const code = freshTotp(t, officer);
    await login({ email: officer.email, loginSecret: officer.loginSecret, totp: code }).expect(200);
    const replay = await login({ email: officer.email, loginSecret: officer.loginSecret, totp: code }).expect(401);
    for (const res of [wrongSecret, wrongCode, replay]) expect((res.body as { error: { id: string } }).error.id).toBe('login_failed');
    // A code of an older step than the last one used is a replay too, even inside the drift window.
    const older = totpAt(officer.totpSecret, t.clock.now().getTime() - 30_000);
    await login({ email: officer.email, loginSecret: officer.loginSecret, totp: older }).expect(401);
  });

  it('accepts each recovery code once, in place of a TOTP code', async () => {
    const [code] = officer.recoveryCodes;
    expect(officer.recoveryCodes).toHaveLength(10);
    expect(new Set(officer.recoveryCodes).size).toBe(10);
    const res = await login({ email: officer.email, loginSecret: officer.loginSecret, recoveryCode: code ?? '' }).expect(200);
    expect((res.body as { me: { recoveryCodesLeft: number } }).me.recoveryCodesLeft).toBe(9);
    await login({ email: officer.email, loginSecret: officer.loginSecret, recoveryCode: code ?? '' }).expect(401);
    await login({ email: officer.email, loginSecret: officer.loginSecret, recoveryCode: 'ABCDE-FGHJK' }).expect(401);
    // Codes are stored hashed only.
    expect(JSON.stringify(await t.store.credentials.get(officer.staff.id))).not.toContain(code ?? '-');
  });

  it('needs exactly one second factor', async () => {
    await login({ email: officer.email, loginSecret: officer.loginSecret }).expect(400);
    await login({ email: officer.email, loginSecret: officer.loginSecret, totp: freshTotp(t, officer), recoveryCode: officer.recoveryCodes[0] ?? '' }).expect(400);
  });

  it('answers an unknown address exactly like a wrong secret, in comparable time', async () => {
    const time = async (body: Record<string, string>) => {
      const started = process.hrtime.bigint();
      const res = await login(body);
      return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const k = await time({ email: officer.email, loginSecret: randomB64(32), totp: '123456' });
      const u = await time({ email: `nobody${i}@commune.example`, loginSecret: randomB64(32), totp: '123456' });
      expect(u.res.status).toBe(k.res.status);
      expect(u.res.body).toEqual(k.res.body);
      known.push(k.ms);
      unknown.push(u.ms);
    }
    // A sanity check, not a benchmark: both run one Argon2id, so neither is an order of magnitude off.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? 0;
    expect(median(unknown)).toBeGreaterThan(median(known) / 4);
    expect(median(unknown)).toBeLessThan(median(known) * 4);
  });

  it('refuses invited and deactivated accounts like unknown ones', async () => {
    await t.store.staff.update(officer.staff.id, { status: 'deactivated' });
    const res = await login({ email: officer.email, loginSecret: officer.loginSecret, totp: freshTotp(t, officer) }).expect(401);
    expect((res.body as { error: { id: string } }).error.id).toBe('login_failed');
    await as(t, officer.token).get('/api/v1/me').expect(401);
  });
});

describe('a flood of sign-ins', () => {
  it('runs one Argon2id per core at a time and refuses the rest at once with 503 busy and Retry-After, counting nothing for them', async () => {
    const attempts = Array.from({ length: hashGate.slots * 10 }, () => login({ email: officer.email, loginSecret: randomB64(32), totp: '000000' }));
    const answers = await Promise.all(attempts);
    const busy = answers.filter((r) => r.status === 503);
    const checked = answers.filter((r) => r.status === 401);
    const locked = answers.filter((r) => r.status === 429);
    expect(busy.length + checked.length + locked.length).toBe(answers.length);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const r of busy) {
      expect(r.body.error.id).toBe('busy');
      expect(r.headers['retry-after']).toBe('1');
    }
    expect(hashGate.busy).toBe(0);
    // Only the attempts whose secret was really checked count towards the account's lockout.
    expect((await t.store.credentials.get(officer.staff.id)).failedLogins).toBe(checked.length);
  });

  it('while every slot is taken, refuses a sign-in or recovery before reading its body: a malformed body gets busy, not malformed_json, and nothing is counted', async () => {
    let release: () => void = () => undefined;
    const held = Array.from({ length: hashGate.slots }, () => hashGate.queue(() => new Promise<void>((resolve) => { const previous = release; release = () => { previous(); resolve(); }; })));
    try {
      expect(hashGate.busy).toBe(hashGate.slots);
      for (const path of ['/api/v1/auth/login', '/api/v1/auth/recovery']) {
        const res = await request(t.app).post(path).set(CSRF).set('Content-Type', 'application/json').send('{"email": not json').expect(503);
        expect([path, res.body.error.id, res.headers['retry-after']]).toEqual([path, 'busy', '1']);
      }
      // A well-formed sign-in of a real account is refused the same way, its secret unchecked.
      const res = await login({ email: officer.email, loginSecret: randomB64(32), totp: '000000' }).expect(503);
      expect(res.body.error.id).toBe('busy');
      expect((await t.store.credentials.get(officer.staff.id)).failedLogins).toBe(0);
      // Other routes are not gated: prelogin parses its body and answers.
      await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: officer.email }).expect(200);
    } finally {
      release();
      await Promise.all(held);
    }
    expect(hashGate.busy).toBe(0);
    // With a free slot the same malformed body reaches the parser again.
    const parsed = await request(t.app).post('/api/v1/auth/login').set(CSRF).set('Content-Type', 'application/json').send('{"email": not json').expect(400);
    expect(parsed.body.error.id).toBe('malformed_json');
  });
});

describe('lockout', () => {
  it('locks an account out exponentially after repeated failures, and an unknown address the same way', async () => {
    const fail = (email: string) => login({ email, loginSecret: randomB64(32), totp: '123456' });
    const rightCode = freshTotp(t, officer);
    for (let i = 0; i < 5; i += 1) await fail(officer.email).expect(401);
    // Even the right secret and code are refused while locked: the lock is checked first.
    const locked = await login({ email: officer.email, loginSecret: officer.loginSecret, totp: rightCode }).expect(429);
    expect((locked.body as { error: { id: string } }).error.id).toBe('login_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    for (let i = 0; i < 5; i += 1) await fail('ghost@commune.example').expect(401);
    const ghost = await fail('ghost@commune.example').expect(429);
    expect(ghost.body).toEqual(locked.body);

    // After the first lock (30 s) a right answer gets in, and the counter starts again.
    t.clock.advance(31_000);
    await login({ email: officer.email, loginSecret: officer.loginSecret, totp: freshTotp(t, officer) }).expect(200);
    expect((await t.store.credentials.get(officer.staff.id)).failedLogins).toBe(0);
  });

  it('doubles the lock with each further failure', async () => {
    for (let i = 0; i < 6; i += 1) {
      t.clock.advance(10 * 60_000);
      await login({ email: officer.email, loginSecret: randomB64(32), totp: '123456' }).expect(401);
    }
    const credentials = await t.store.credentials.get(officer.staff.id);
    expect(credentials.failedLogins).toBe(6);
    expect((credentials.lockedUntil?.getTime() ?? 0) - t.clock.now().getTime()).toBeGreaterThan(59_000);
    const failures = await t.store.audit.list({ action: 'auth.login_failed', limit: 10 });
    expect(failures).toHaveLength(6);
  });

  it('refuses a client that failed too often, whatever the account', async () => {
    const strict = await createStaffApp({ limits: { failures: { max: 3, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 3; i += 1) {
        await request(strict.app).post('/api/v1/auth/login').set(CSRF).send({ email: `x${i}@commune.example`, loginSecret: randomB64(32), totp: '123456' }).expect(401);
      }
      const res = await request(strict.app).post('/api/v1/auth/prelogin').set(CSRF).send({ email: 'y@commune.example' }).expect(429);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await strict.close();
    }
  });
});

describe('sessions', () => {
  it('ends a session after 30 minutes without a request, but not while it is used', async () => {
    t.clock.advance(29 * 60_000);
    await as(t, officer.token).get('/api/v1/me').expect(200);
    t.clock.advance(29 * 60_000);
    await as(t, officer.token).get('/api/v1/me').expect(200);
    t.clock.advance(30 * 60_000 + 1000);
    await as(t, officer.token).get('/api/v1/me').expect(401);
    // The expired session is gone, not just refused.
    t.clock.advance(-60 * 60_000);
    await as(t, officer.token).get('/api/v1/me').expect(401);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    for (let i = 1; i <= 36; i += 1) {
      t.clock.advance(20 * 60_000);
      await as(t, officer.token).get('/api/v1/me').expect(i * 20 < 12 * 60 ? 200 : 401);
    }
  });

  it('signs out one session, or every session of the account', async () => {
    const second = await signIn(t, officer);
    const third = await signIn(t, officer);
    await as(t, second).post('/api/v1/auth/logout').expect(204);
    await as(t, second).get('/api/v1/me').expect(401);
    await as(t, third).get('/api/v1/me').expect(200);
    await as(t, third).post('/api/v1/auth/logout-all').expect(204);
    await as(t, third).get('/api/v1/me').expect(401);
    await as(t, officer.token).get('/api/v1/me').expect(401);
    expect((await t.store.audit.list({ action: 'auth.logout_all', limit: 5 }))[0]?.detail).toEqual({ sessions: 2 });
  });

  it('stores only a hash of the token', async () => {
    expect(await t.store.sessions.getByHash(officer.token)).toBeNull();
    const hash = createHash('sha256').update(officer.token).digest('hex');
    expect(await t.store.sessions.getByHash(hash)).toMatchObject({ staffId: officer.staff.id });
  });

  it('refuses a missing, malformed or made-up token', async () => {
    await request(t.app).get('/api/v1/me').expect(401);
    await request(t.app).get('/api/v1/me').set('Authorization', 'Bearer nonsense').expect(401);
    await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${'A'.repeat(43)}`).expect(401);
  });
});

describe('request forgery', () => {
  it('needs the X-Amana-CSRF header on every state-changing request', async () => {
    const res = await request(t.app).post('/api/v1/auth/prelogin').send({ email: officer.email }).expect(403);
    expect((res.body as { error: { id: string } }).error.id).toBe('csrf_rejected');
    await request(t.app).post('/api/v1/auth/logout').set('Authorization', `Bearer ${officer.token}`).expect(403);
    await as(t, officer.token).get('/api/v1/me').expect(200);
    await request(t.app).post('/api/v1/auth/logout').set('Authorization', `Bearer ${officer.token}`).set(CSRF).expect(204);
  });

  it('refuses a request from another origin, and accepts the installation’s own', async () => {
    await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).set('Origin', 'https://evil.example').send({ email: officer.email }).expect(403);
    await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).set('Sec-Fetch-Site', 'cross-site').send({ email: officer.email }).expect(403);
    await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).set('Origin', 'https://amana.commune.example').send({ email: officer.email }).expect(200);
  });
});
