/**
 * Every reporter route group has a fixed-window limit per client: 429 rate_limited with a
 * Retry-After, before any other work. Wrong receipts lock a client out; past a global budget
 * every follow-up attempt costs a proof of work, so guessing spread over many addresses is
 * slowed without locking genuine reporters out.
 */
import request from 'supertest';
import type { Express } from 'express';
import { seedDefaults } from '../../server/services/seed-defaults';
import type { PowSolution } from '../../shared/api/report.schema';
import { createTestApp, givenKeyedStaff, solvedPow, type TestApp } from '../support/test-app';
import { buildReport, newReporter, submit, type Reporter } from './support/reporter-kit';

const WINDOW = { max: 2, windowMs: 60_000 };
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const someId = '0f9e8d7c-6b5a-4c3d-8e1f-0a1b2c3d4e5f';

type Call = (app: Express, ip: string) => request.Test;
const groups: [string, Call][] = [
  ['read', (app, ip) => request(app).get('/api/v1/public/channels').set('X-Forwarded-For', ip)],
  ['pow', (app, ip) => request(app).get('/api/v1/pow').set('X-Forwarded-For', ip)],
  ['submit', (app, ip) => request(app).post('/api/v1/reports').set('X-Forwarded-For', ip).send({})],
  ['attachmentCreate', (app, ip) => request(app).post('/api/v1/attachments').set('X-Forwarded-For', ip).send({})],
  ['attachmentUpload', (app, ip) => request(app).put(`/api/v1/attachments/${someId}/parts/0`).set('X-Forwarded-For', ip).set('Content-Type', 'application/octet-stream').send(Buffer.alloc(4))],
  ['session', (app, ip) => request(app).post('/api/v1/reporter/session').set('X-Forwarded-For', ip).send({})],
  ['reporterRead', (app, ip) => request(app).get('/api/v1/reporter/case').set('X-Forwarded-For', ip)],
  ['reporterWrite', (app, ip) => request(app).post('/api/v1/reporter/messages').set('X-Forwarded-For', ip).send({})],
];

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      // One proxy in front: the address comes from X-Forwarded-For, so tests can be several clients.
      env: { TRUST_PROXY: '1', PUBLIC_URL: 'https://amana.commune.example' },
      rateLimits: {
        read: WINDOW, pow: WINDOW, submit: WINDOW, attachmentCreate: WINDOW, attachmentUpload: WINDOW,
        session: { max: 50, windowMs: 60_000 }, reporterRead: WINDOW, reporterWrite: WINDOW,
        sessionFailures: { max: 3, windowMs: 60_000 }, sessionFailuresGlobal: { max: 6, windowMs: 60_000 }, failureDelayMs: 50,
      },
    });
  });
  afterAll(() => t.close());

  it.each(groups.filter(([g]) => g !== 'session'))('%s: the third request in a window is refused with Retry-After', async (_group, call) => {
    const ip = `198.51.100.${groups.findIndex(([g]) => g === _group) + 1}`;
    const first = await call(t.app, ip);
    await call(t.app, ip);
    const third = await call(t.app, ip);
    expect(first.status).not.toBe(429);
    expect(third.status).toBe(429);
    expect(third.body.error.id).toBe('rate_limited');
    const retryAfter = Number(third.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another client is not affected.
    expect((await call(t.app, '203.0.113.77')).status).not.toBe(429);
  });

  it('opens the window again once it has passed', async () => {
    const call = groups[0]![1];
    await call(t.app, '198.51.100.200');
    await call(t.app, '198.51.100.200');
    await call(t.app, '198.51.100.200').expect(429);
    t.clock.advance(61_000);
    await call(t.app, '198.51.100.200').expect(200);
  });

  describe('wrong receipts', () => {
    let reporter: Reporter;

    beforeAll(async () => {
      await seedDefaults(t);
      const officer = await givenKeyedStaff(t.store, { channelId: 'ch-corruption' });
      const built = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer] });
      reporter = built.reporter;
      await submit(t.app, built.body, 201);
    });

    const attempt = (ip: string, secret: Uint8Array) => request(t.app).post('/api/v1/reporter/session').set('X-Forwarded-For', ip).send({ loginSecret: b64(secret) });

    it('lock a client out after the allowed failures, even with the right receipt, until the window passes', async () => {
      const ip = '192.0.2.10';
      for (let i = 0; i < 3; i += 1) await attempt(ip, (await newReporter()).loginSecret).expect(401);
      const locked = await attempt(ip, reporter.loginSecret).expect(429);
      expect(locked.body.error.id).toBe('rate_limited');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await attempt('192.0.2.11', reporter.loginSecret).expect(200);
      t.clock.advance(61_000);
      await attempt(ip, reporter.loginSecret).expect(200);
    });

    const attemptWith = (ip: string, secret: Uint8Array, pow: PowSolution) =>
      request(t.app).post('/api/v1/reporter/session').set('X-Forwarded-For', ip).send({ loginSecret: b64(secret), pow });

    it('past the global budget cost a proof of work per attempt, from everyone, and lock no genuine reporter out', async () => {
      t.clock.advance(61_000);
      for (let i = 0; i < 6; i += 1) await attempt(`192.0.2.${100 + i}`, (await newReporter()).loginSecret).expect(401);
      const asked = await attempt('192.0.2.200', reporter.loginSecret).expect(428);
      expect(asked.body.error.id).toBe('pow_required');
      expect((await attempt('192.0.2.201', (await newReporter()).loginSecret).expect(428)).body.error.id).toBe('pow_required');
      const pow = await solvedPow(t.app);
      await attemptWith('192.0.2.200', reporter.loginSecret, pow).expect(200);
      // One solution, one attempt.
      expect((await attemptWith('192.0.2.201', reporter.loginSecret, pow).expect(400)).body.error.id).toBe('pow_invalid');
      expect((await attemptWith('192.0.2.202', reporter.loginSecret, { ...pow, nonce: '0' }).expect(400)).body.error.id).toBe('pow_invalid');
      // A guess that paid its work is still only a wrong receipt.
      await attemptWith('192.0.2.203', (await newReporter()).loginSecret, await solvedPow(t.app)).expect(401);
      t.clock.advance(61_000);
      await attempt('192.0.2.200', reporter.loginSecret).expect(200);
    });
  });

  it('count every session attempt, right or wrong, per client', async () => {
    const limited = await createTestApp({ rateLimits: { session: WINDOW } });
    try {
      const open = () => request(limited.app).post('/api/v1/reporter/session').send({ loginSecret: b64(new Uint8Array(32)) });
      await open().expect(401);
      await open().expect(401);
      expect((await open().expect(429)).body.error.id).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
