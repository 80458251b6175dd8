/**
 * First setup and invitations: the one-time setup link printed at start, the first
 * administrator's activation with TOTP enrolment, invitations mailed through the outbox
 * job with a link that is never stored in clear, and activation links that expire.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { JOB_NAMES } from '../../server/jobs/job-names';
import type { JobContext } from '../../server/ports/jobs.port';
import type { Mailer, MailMessage } from '../../server/ports/mail.port';
import { announceSetup } from '../../server/services/staff/announce-setup';
import { totpAt } from '../../server/services/totp';
import { inviteJob } from '../../worker/handlers/invite.job';
import { givenChannel } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { activatePerson, activateWith, as, b64, base32Decode, createStaffApp, CSRF, fakeKeyBundle, randomB64, realPublicKey } from './staff-harness';

let t: TestApp;
beforeEach(async () => {
  t = await createStaffApp();
});
afterEach(async () => {
  await t.close();
});

async function announce(): Promise<{ token: string | null; printed: string[] }> {
  const printed: string[] = [];
  const link = await announceSetup({ store: t.store, config: t.config, now: t.clock.now, write: (text) => printed.push(text) });
  return { token: link === null ? null : (new URL(link).hash.slice(1) || null), printed };
}

const setup = (token: string, email = 'admin@commune.example') =>
  request(t.app).post('/api/v1/setup').set(CSRF).send({ token, email, displayName: 'Amina Admin', language: 'fr' });

class CapturingMailer implements Mailer {
  readonly kind = 'file' as const;
  sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

const ctx = (jobId: string): JobContext => ({ jobId, attempt: 1, signal: new AbortController().signal });

describe('first setup', () => {
  it('prints a setup link once, with the token in the fragment, and a restart replaces it', async () => {
    const first = await announce();
    expect(first.printed).toHaveLength(1);
    expect(first.printed[0]).toContain(`https://amana.commune.example/setup#${first.token ?? 'missing'}`);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = await announce();
    await setup(first.token ?? '').expect(400);
    await setup(second.token ?? '').expect(201);
    // Nothing secret reaches the log.
    expect(t.log.text()).not.toContain(second.token ?? '-');
  });

  it('works once', async () => {
    const { token } = await announce();
    const res = await setup(token ?? '').expect(201);
    expect((res.body as { activationToken: string }).activationToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await setup(token ?? '').expect(400);
    expect((again.body as { error: { id: string } }).error.id).toBe('link_invalid');
  });

  it('expires after 24 hours', async () => {
    const { token } = await announce();
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    await setup(token ?? '').expect(400);
  });

  it('makes the first administrator, who enrols TOTP, signs in, and closes setup for good', async () => {
    const { token } = await announce();
    const { activationToken } = (await setup(token ?? '').expect(201)).body as { activationToken: string };
    const admin = await activateWith(t, activationToken, 'admin@commune.example');
    expect(admin.staff).toMatchObject({ status: 'active', roles: ['admin'], email: 'admin@commune.example' });
    await as(t, admin.token).get('/api/v1/staff').expect(200);

    expect(await announce()).toEqual({ token: null, printed: [] });
    const late = await setup(randomBytes(32).toString('base64url')).expect(409);
    expect((late.body as { error: { id: string } }).error.id).toBe('setup_done');
    const actions = (await t.store.audit.list({ limit: 10 })).map((e) => e.action);
    expect(actions).toEqual(['setup.completed', 'staff.activated']);
  });
});

describe('activation', () => {
  async function invitedLink(): Promise<{ link: string; email: string }> {
    const { token } = await announce();
    const email = 'admin@commune.example';
    const res = await setup(token ?? '', email).expect(201);
    return { link: (res.body as { activationToken: string }).activationToken, email };
  }

  it('keeps the link usable after a wrong TOTP code, uses it up on success, and never stores the secret in clear', async () => {
    const { link } = await invitedLink();
    const start = await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token: link }).expect(200);
    const body = start.body as { totp: { secret: string; uri: string }; kdfParams: unknown };
    expect(body.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(body.kdfParams).toEqual(t.config.kdf.staff);
    const secret = base32Decode(body.totp.secret);
    const staffId = (start.body as { staffId: string }).staffId;
    const stored = (await t.store.staff.get(staffId))?.totpSecret;
    expect(stored && Buffer.from(stored).includes(Buffer.from(secret))).toBe(false);

    const keypair = b64(realPublicKey());
    const payload = { token: link, publicKey: keypair, keyBundle: fakeKeyBundle(), loginSecret: randomB64(32), recoveryLoginSecret: randomB64(32) };
    const now = t.clock.now().getTime();
    const valid = [-30_000, 0, 30_000].map((d) => totpAt(secret, now + d));
    const wrong = ['000000', '111111', '222222'].find((c) => !valid.includes(c)) ?? '333333';
    const refused = await request(t.app).post('/api/v1/auth/activate').set(CSRF).send({ ...payload, totp: wrong }).expect(400);
    expect((refused.body as { error: { id: string } }).error.id).toBe('totp_invalid');

    const weak = { ...payload.keyBundle, kdfParams: { memKiB: 16 * 1024, passes: 3 } };
    await request(t.app).post('/api/v1/auth/activate').set(CSRF).send({ ...payload, keyBundle: weak, totp: valid[1] }).expect(400);

    const ok = await request(t.app).post('/api/v1/auth/activate').set(CSRF).send({ ...payload, totp: valid[1] }).expect(201);
    expect((ok.body as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    await request(t.app).post('/api/v1/auth/activate').set(CSRF).send({ ...payload, totp: valid[2] }).expect(400);
    await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token: link }).expect(400);
  });

  it('opens a new TOTP secret each time the page is opened before activation', async () => {
    const { link } = await invitedLink();
    const a = await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token: link }).expect(200);
    const b = await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token: link }).expect(200);
    expect((a.body as { totp: { secret: string } }).totp.secret).not.toBe((b.body as { totp: { secret: string } }).totp.secret);
  });
});

describe('invitations', () => {
  it('mails an activation link through the outbox without ever storing the token, once per job', async () => {
    const channel = (await givenChannel(t.store)).id;
    const admin = await activatePerson(t, { roles: ['admin'] });
    const res = await as(t, admin.token)
      .post('/api/v1/staff')
      .send({ email: 'nadia@commune.example', displayName: 'Nadia', language: 'ar', roles: ['officer'], channels: [{ channelId: channel, supervisor: true }] })
      .expect(201);
    const invitedId = (res.body as { staff: { id: string; status: string } }).staff.id;
    expect((res.body as { staff: { status: string } }).staff.status).toBe('invited');

    const job = (await t.store.outbox.unrelayed(10)).find((j) => j.name === JOB_NAMES.invite);
    expect(job?.payload).toEqual({ staffId: invitedId, inviteId: expect.any(String) });
    expect(t.jobs.wakes).toBeGreaterThan(0);

    const mailer = new CapturingMailer();
    const handler = inviteJob({ config: t.config, store: t.store, mailer, logger: t.logger, now: t.clock.now });
    await handler.run(job?.payload ?? null, ctx(job?.id ?? ''));
    await handler.run(job?.payload ?? null, ctx(job?.id ?? ''));
    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0];
    expect(mail).toMatchObject({ to: 'nadia@commune.example', language: 'ar' });
    const token = /https:\/\/amana\.commune\.example\/activate#([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(token).not.toBe('');
    expect(JSON.stringify(await t.store.outbox.get(job?.id ?? ''))).not.toContain(token);
    expect(t.log.text()).not.toContain(token);
    expect(t.log.text()).not.toContain('nadia@commune.example');

    const nadia = await activateWith(t, token, 'nadia@commune.example');
    expect(nadia.staff).toMatchObject({ status: 'active', roles: ['officer'] });
    expect(await t.store.channels.channelsOf(nadia.staff.id)).toEqual([{ channelId: channel, staffId: nadia.staff.id, supervisor: true }]);
    // An activated account gets no further invitation mail.
    await as(t, admin.token).post(`/api/v1/staff/${invitedId}/invite`).expect(409);
  });

  it('re-derives the same link on a retry, and the link expires after 3 days', async () => {
    const admin = await activatePerson(t, { roles: ['admin'] });
    await as(t, admin.token).post('/api/v1/staff').send({ email: 'omar@commune.example', displayName: 'Omar', language: 'fr', roles: ['committee'] }).expect(201);
    const job = (await t.store.outbox.unrelayed(10)).find((j) => j.name === JOB_NAMES.invite);
    // A server that took the mail but failed to say so: the retry must send the same link.
    const lost: MailMessage[] = [];
    const failing: Mailer = {
      kind: 'file',
      send: async (m) => {
        lost.push(m);
        throw new Error('smtp down');
      },
      ping: async () => {},
      close: async () => {},
    };
    await expect(inviteJob({ config: t.config, store: t.store, mailer: failing, logger: t.logger, now: t.clock.now }).run(job?.payload ?? null, ctx(job?.id ?? ''))).rejects.toThrow('smtp down');
    const mailer = new CapturingMailer();
    await inviteJob({ config: t.config, store: t.store, mailer, logger: t.logger, now: t.clock.now }).run(job?.payload ?? null, ctx(job?.id ?? ''));
    expect(mailer.sent).toHaveLength(1);
    const token = /activate#([A-Za-z0-9_-]{43})/.exec(mailer.sent[0]?.text ?? '')?.[1] ?? '';
    expect(token).not.toBe('');
    expect(lost[0]?.text).toContain(token);
    await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token }).expect(200);
    t.clock.advance(72 * 60 * 60 * 1000 + 1000);
    await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token }).expect(400);
  });

  it('gives each new invitation its own working link', async () => {
    const admin = await activatePerson(t, { roles: ['admin'] });
    const created = await as(t, admin.token).post('/api/v1/staff').send({ email: 'sara@commune.example', displayName: 'Sara', language: 'en', roles: ['custodian'] }).expect(201);
    const id = (created.body as { staff: { id: string } }).staff.id;
    await as(t, admin.token).post(`/api/v1/staff/${id}/invite`).expect(202);
    const jobs = (await t.store.outbox.unrelayed(10)).filter((j) => j.name === JOB_NAMES.invite);
    expect(jobs).toHaveLength(2);
    const mailer = new CapturingMailer();
    for (const job of jobs) await inviteJob({ config: t.config, store: t.store, mailer, logger: t.logger, now: t.clock.now }).run(job.payload, ctx(job.id));
    const tokens = mailer.sent.map((m) => /activate#([A-Za-z0-9_-]{43})/.exec(m.text)?.[1] ?? '');
    expect(new Set(tokens).size).toBe(2);
    const sara = await activateWith(t, tokens[1] ?? '', 'sara@commune.example');
    expect(sara.staff.status).toBe('active');
    await request(t.app).post('/api/v1/auth/activation').set(CSRF).send({ token: tokens[0] }).expect(400);
  });
});
