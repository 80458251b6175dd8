/**
 * The reporter comes back with the receipt: a session from the login secret (wrong ones are
 * slowed), the case as the reporter may see it, answering, downloading attachment parts.
 */
import request from 'supertest';
import { seedDefaults } from '../../server/services/seed-defaults';
import { notifyPayload } from '../../worker/mail/notify-payload';
import { givenCompleteAttachment, newMessage } from '../support/factories';
import { createTestApp, givenKeyedStaff, relaxedLimits, rowCounts, testCrypto, type KeyedStaff, type TestApp } from '../support/test-app';
import { buildReport, newReporter, openSession, submit, uploadEncrypted, type Reporter, type UploadedAttachment } from './support/reporter-kit';
import { CONTEXT } from '../../shared/protocol/report-body';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const MINUTE = 60_000;

describe('reporter follow-up', () => {
  let t: TestApp;
  let officer: KeyedStaff;
  let reporter: Reporter;
  let caseId: string;
  let upload: UploadedAttachment;
  const file = new Uint8Array(64 * 64 * 1024 + 10).map((_, i) => i % 251);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
    officer = await givenKeyedStaff(t.store, { channelId: 'ch-corruption' });
    upload = await uploadEncrypted(t.app, file);
    const built = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [officer], attachmentIds: [upload.id] });
    reporter = built.reporter;
    await submit(t.app, built.body, 201);
    caseId = (await t.store.attachments.get(upload.id))!.caseId!;
  });
  afterAll(() => t.close());

  const getCase = (token: string) => request(t.app).get('/api/v1/reporter/case').set('Authorization', `Bearer ${token}`);

  describe('opening a session', () => {
    it('gives a short-lived bearer token for the right login secret, and no cookie', async () => {
      const res = await request(t.app).post('/api/v1/reporter/session').send({ loginSecret: b64(reporter.loginSecret) }).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'token']);
      const ttl = Date.parse(res.body.expiresAt) - t.clock.now().getTime();
      expect(ttl).toBeGreaterThan(29 * MINUTE);
      expect(ttl).toBeLessThanOrEqual(30 * MINUTE);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('answers a wrong login secret with 401 receipt_invalid, no sooner than the failure delay', async () => {
      const stranger = await newReporter();
      const started = performance.now();
      const res = await request(t.app).post('/api/v1/reporter/session').send({ loginSecret: b64(stranger.loginSecret) });
      const elapsed = performance.now() - started;
      expect({ status: res.status, id: res.body.error.id }).toEqual({ status: 401, id: 'receipt_invalid' });
      expect(elapsed).toBeGreaterThanOrEqual(relaxedLimits.failureDelayMs!);
    });

    it('does not slow down a right login secret', async () => {
      // A delay far longer than any loaded machine needs for one lookup: only the delay itself
      // could make the right login take this long, so the check holds on a busy CI machine too.
      const slow = await createTestApp({ rateLimits: { failureDelayMs: 20_000 } });
      try {
        await seedDefaults(slow);
        const reader = await givenKeyedStaff(slow.store, { channelId: 'ch-corruption' });
        const built = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [reader] });
        await submit(slow.app, built.body, 201);
        const right = performance.now();
        await openSession(slow.app, built.reporter);
        expect(performance.now() - right).toBeLessThan(20_000);
      } finally {
        await slow.close();
      }
    });

    it('refuses a malformed login secret before looking anything up', async () => {
      const res = await request(t.app).post('/api/v1/reporter/session').send({ loginSecret: 'short' }).expect(400);
      expect(res.body.error).toMatchObject({ id: 'validation_failed', details: { field: 'loginSecret' } });
    });

    it('shows the previous access time, so a reporter notices someone else using the receipt', async () => {
      const first = await getCase(await openSession(t.app, reporter)).expect(200);
      const openedAt = (await t.store.cases.get(caseId))!.lastReporterAccessAt!;
      t.clock.advance(5 * MINUTE);
      const second = await getCase(await openSession(t.app, reporter)).expect(200);
      expect(second.body.previousAccessAt).toBe(openedAt.toISOString());
      expect(Date.parse(second.body.previousAccessAt)).toBeGreaterThan(Date.parse(first.body.previousAccessAt ?? '1970-01-01'));
      expect((await t.store.cases.get(caseId))!.lastReporterAccessAt!.getTime()).toBeGreaterThanOrEqual(openedAt.getTime() + 5 * MINUTE);
    });
  });

  describe('the session token', () => {
    it('is required, in the Authorization header only', async () => {
      expect((await request(t.app).get('/api/v1/reporter/case').expect(401)).body.error.id).toBe('unauthenticated');
      const token = await openSession(t.app, reporter);
      await request(t.app).get('/api/v1/reporter/case').set('Cookie', `token=${token}`).expect(401);
      await request(t.app).get('/api/v1/reporter/case').set('Authorization', token).expect(401);
    });

    it('is refused when tampered with or made up', async () => {
      const token = await openSession(t.app, reporter);
      const [payload, mac] = token.split('.') as [string, string];
      const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), caseId: 'another-case' })).toString('base64url');
      const flipped = `${mac.slice(0, -2)}${mac.endsWith('AA') ? 'AB' : 'AA'}`;
      for (const bad of [`${other}.${mac}`, `${payload}.${flipped}`, `${payload}.`, 'garbage', `${token}.x`, `${'a'.repeat(600)}.${mac}`]) {
        const res = await getCase(bad);
        expect({ bad, status: res.status, id: res.body.error.id }).toEqual({ bad, status: 401, id: 'session_invalid' });
      }
    });

    it('expires after thirty minutes', async () => {
      const token = await openSession(t.app, reporter);
      t.clock.advance(29 * MINUTE);
      await getCase(token).expect(200);
      t.clock.advance(MINUTE + 1);
      expect((await getCase(token).expect(401)).body.error.id).toBe('session_expired');
    });
  });

  describe('the case view', () => {
    it('holds what the reporter can decrypt, messages but never officers’ notes', async () => {
      const crypto = await testCrypto();
      const officerMessage = newMessage(caseId, { author: officer.staff.id, kind: 'message' });
      const note = newMessage(caseId, { author: officer.staff.id, kind: 'note' });
      await t.store.messages.add(officerMessage, []);
      await t.store.messages.add(note, []);

      const view = (await getCase(await openSession(t.app, reporter)).expect(200)).body;
      expect(view).toMatchObject({ status: 'received', outcome: null, acknowledgedAt: null });
      expect(b64(crypto.unwrapKeyForSelf(Buffer.from(view.wrappedKey, 'base64'), reporter.keypair.secretKey, 'case'))).toBe(b64(reporter.caseKeys.caseKey));
      const answers = crypto.decryptEnvelope(reporter.caseKeys.caseKey, Buffer.from(view.body, 'base64'), CONTEXT.body, 'body');
      expect(JSON.parse(new TextDecoder().decode(answers))).toEqual({ what: 'The permit office asked for 2000 dirhams.' });
      expect(view.events).toEqual([{ at: expect.any(String), kind: 'created' }]);
      expect(view.messages.map((m: { id: string }) => m.id)).toContain(officerMessage.id);
      expect(view.messages.map((m: { id: string }) => m.id)).not.toContain(note.id);
      expect(view.messages.find((m: { id: string }) => m.id === officerMessage.id).from).toBe('officer');
      expect(JSON.stringify(view)).not.toContain(officer.staff.id);
      expect(view.attachments).toEqual([{ id: upload.id, size: upload.parts.reduce((n, p) => n + p.length, 0), parts: 2 }]);
    });

    it('shows the events marked for the reporter with their clear metadata only, and hides the others', async () => {
      await t.store.cases.update(caseId, { status: 'acknowledged', acknowledgedAt: new Date() }, {
        id: 'ev-ack-1', at: new Date(), kind: 'status', actorId: officer.staff.id, detail: { status: 'acknowledged' }, sealed: null, visibleToReporter: true,
      }, []);
      await t.store.cases.update(caseId, { assigneeId: officer.staff.id }, {
        id: 'ev-assign-1', at: new Date(), kind: 'assigned', actorId: null, detail: { staffId: officer.staff.id }, sealed: null, visibleToReporter: false,
      }, []);
      const reason = new Uint8Array([1, 2, 3, 4]);
      await t.store.cases.addKeys(caseId, [], {
        id: 'ev-identity-1', at: new Date(), kind: 'identity_decision', actorId: officer.staff.id,
        detail: { role: 'custodian', decision: 'approved', staffId: officer.staff.id }, sealed: reason, visibleToReporter: true,
      });
      const view = (await getCase(await openSession(t.app, reporter)).expect(200)).body;
      expect(view.status).toBe('acknowledged');
      expect(view.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'status', 'identity_decision']);
      expect(view.events[1]).toEqual({ at: expect.any(String), kind: 'status', status: 'acknowledged' });
      // Clear detail is reduced to what the reporter may see: no staff id leaves with it.
      expect(view.events[2]).toEqual({ at: expect.any(String), kind: 'identity_decision', role: 'custodian', sealed: Buffer.from(reason).toString('base64') });
    });
  });

  describe('answering', () => {
    it('stores the message and the notification of whoever leads the case, together', async () => {
      const token = await openSession(t.app, reporter);
      const crypto = await testCrypto();
      const id = '5d0f8a9e-2b4c-4e6a-8f1d-3c5b7a9e0d21';
      const attachmentId = await givenCompleteAttachment(t.store, 1);
      const body = b64(crypto.encryptEnvelope(reporter.caseKeys.caseKey, new TextEncoder().encode('He asked again today.'), id, 'message'));
      const wakes = t.jobs.wakes;
      const res = await request(t.app).post('/api/v1/reporter/messages').set('Authorization', `Bearer ${token}`).send({ id, body, attachmentIds: [attachmentId] }).expect(201);
      expect(res.body).toEqual({ id, from: 'reporter', body, attachmentIds: [attachmentId], createdAt: expect.any(String) });

      const job = await t.store.outbox.get(`mail.notify:${caseId}:reporter-message:${id}`);
      expect(job).toMatchObject({ name: 'mail.notify', status: 'pending', payload: { caseId, event: 'reporter-message', ref: id } });
      expect(notifyPayload.safeParse(job!.payload).success).toBe(true);
      expect(t.jobs.wakes).toBe(wakes + 1);
      expect((await t.store.attachments.get(attachmentId))?.caseId).toBe(caseId);
      const view = (await getCase(token).expect(200)).body;
      expect(view.messages.find((m: { id: string }) => m.id === id)).toMatchObject({ from: 'reporter', body });

      const before = rowCounts(t.config);
      const again = await request(t.app).post('/api/v1/reporter/messages').set('Authorization', `Bearer ${token}`).send({ id, body, attachmentIds: [] }).expect(409);
      expect(again.body.error.id).toBe('message_exists');
      const bad = await request(t.app).post('/api/v1/reporter/messages').set('Authorization', `Bearer ${token}`).send({ id: 'x', body, attachmentIds: [] }).expect(400);
      expect(bad.body.error.details.field).toBe('id');
      await request(t.app).post('/api/v1/reporter/messages').send({ id, body, attachmentIds: [] }).expect(401);
      expect(rowCounts(t.config)).toEqual(before);
    });
  });

  describe('downloading attachment parts', () => {
    it('streams the case’s parts, which decrypt to the original file', async () => {
      const token = await openSession(t.app, reporter);
      const parts: Buffer[] = [];
      for (let index = 0; index < upload.parts.length; index += 1) {
        const res = await request(t.app).get(`/api/v1/reporter/attachments/${upload.id}/parts/${index}`).set('Authorization', `Bearer ${token}`)
          .buffer(true).parse((r, done) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => done(null, Buffer.concat(c))); }).expect(200);
        expect(res.headers['content-type']).toBe('application/octet-stream');
        parts.push(res.body as Buffer);
      }
      // equals(), not toEqual: a byte-by-byte diff of 4 MiB takes jest seconds.
      expect(parts.map((p, i) => p.equals(upload.parts[i]!))).toEqual(upload.parts.map(() => true));
      const crypto = await testCrypto();
      const cipher = Buffer.concat(parts);
      const plain: Uint8Array[] = [];
      for await (const piece of crypto.decryptAttachmentStream(upload.fileKey, upload.header, (async function* () { yield new Uint8Array(cipher); })())) plain.push(piece);
      expect(Buffer.concat(plain).equals(Buffer.from(file))).toBe(true);
    });

    it('answers for another case’s attachment exactly as for a missing one', async () => {
      const token = await openSession(t.app, reporter);
      const foreign = await givenCompleteAttachment(t.store, 1);
      const { body } = await buildReport({ channelId: 'ch-corruption', category: 'other', officers: [officer], attachmentIds: [foreign] });
      await submit(t.app, body, 201);
      const get = (id: string, index: number) => request(t.app).get(`/api/v1/reporter/attachments/${id}/parts/${index}`).set('Authorization', `Bearer ${token}`);
      expect((await get(foreign, 0).expect(404)).body.error.id).toBe('attachment_not_found');
      expect((await get('7a3c9e1f-0b2d-4f6a-8c4e-1d3f5a7b9c0e', 0).expect(404)).body.error.id).toBe('attachment_not_found');
      expect((await get(upload.id, 2).expect(400)).body.error.id).toBe('part_index_invalid');
      await request(t.app).get(`/api/v1/reporter/attachments/${upload.id}/parts/0`).expect(401);
    });
  });

  describe('after retention purged the case', () => {
    it('the receipt and its sessions open nothing', async () => {
      const token = await openSession(t.app, reporter);
      await t.store.cases.purge(caseId, new Date(), []);
      expect((await getCase(token).expect(401)).body.error.id).toBe('session_invalid');
      const res = await request(t.app).post('/api/v1/reporter/session').send({ loginSecret: b64(reporter.loginSecret) }).expect(401);
      expect(res.body.error.id).toBe('receipt_invalid');
    });
  });
});
