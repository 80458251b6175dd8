/**
 * POST /api/v1/reports: a valid report writes the case, its keys, its first event and its
 * three jobs in one go; every refused one writes nothing at all (row counts of every table).
 */
import request from 'supertest';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { receiptLookup } from '../../server/services/receipt-lookup';
import { seedDefaults } from '../../server/services/seed-defaults';
import { givenCompleteAttachment } from '../support/factories';
import { createTestApp, givenKeyedStaff, rowCounts, solvedPow, testCrypto, type KeyedStaff, type TestApp } from '../support/test-app';
import { buildReport, submit, type ReportBody } from './support/reporter-kit';

const DAY = 24 * 60 * 60 * 1000;
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('POST /api/v1/reports', () => {
  let t: TestApp;
  let lead: KeyedStaff;
  let second: KeyedStaff;
  let custodian: KeyedStaff;
  let outsider: KeyedStaff;
  let complaintsOfficer: KeyedStaff;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
    lead = await givenKeyedStaff(t.store, { channelId: 'ch-corruption', supervisor: true });
    second = await givenKeyedStaff(t.store, { channelId: 'ch-corruption' });
    custodian = await givenKeyedStaff(t.store, { roles: ['custodian'] });
    outsider = await givenKeyedStaff(t.store, { channelId: 'ch-procurement' });
    complaintsOfficer = await givenKeyedStaff(t.store, { channelId: 'ch-service-complaint' });
  });
  afterAll(() => t.close());

  const corruptionReport = (extra: Partial<Parameters<typeof buildReport>[0]> = {}) =>
    buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [lead, second], ...extra });

  describe('a valid report', () => {
    it('is stored with its keys, its first event and its three jobs, in one write', async () => {
      const before = rowCounts(t.config);
      const wakes = t.jobs.wakes;
      const { reporter, body } = await corruptionReport();
      const sentAt = Date.now();
      const res = await submit(t.app, body, 201);

      expect(res.body.status).toBe('received');
      expect(Date.parse(res.body.acknowledgeBy) - sentAt).toBeGreaterThanOrEqual(7 * DAY - 1000);
      expect(Date.parse(res.body.acknowledgeBy) - sentAt).toBeLessThan(7 * DAY + 5000);
      expect(Date.parse(res.body.feedbackBy) - Date.parse(res.body.acknowledgeBy)).toBe(83 * DAY);
      expect(Object.keys(res.body).sort()).toEqual(['acknowledgeBy', 'feedbackBy', 'status']);

      const record = await t.store.cases.byReceiptLookup(receiptLookup(t.config.secrets.serverPepper, b64(reporter.loginSecret)));
      expect(record).toMatchObject({ channelId: 'ch-corruption', category: 'bribery', language: 'fr', status: 'received', identity: null, assigneeId: null });
      expect(b64(record!.body)).toBe(body.body);
      expect(b64(record!.reporterPublicKey)).toBe(body.reporterPublicKey);
      expect(record!.ackDueAt.toISOString()).toBe(res.body.acknowledgeBy);

      const keys = await t.store.cases.keys(record!.id);
      expect(keys.map((k) => `${k.kind}:${k.recipient}`).sort()).toEqual(
        ['case:reporter', `case:${lead.staff.id}`, `notes:${lead.staff.id}`, `case:${second.staff.id}`, `notes:${second.staff.id}`].sort(),
      );
      // What the server stored is exactly what the browser sealed: the officer can open it.
      const crypto = await testCrypto();
      const leadKey = keys.find((k) => k.kind === 'case' && k.recipient === lead.staff.id)!;
      expect(b64(crypto.unwrapKey(leadKey.wrapped, lead.keypair, 'case'))).toBe(b64(reporter.caseKeys.caseKey));

      const events = await t.store.cases.events(record!.id);
      expect(events).toEqual([expect.objectContaining({ kind: 'created', visibleToReporter: true, actorId: null })]);

      const jobs = await Promise.all(
        [JOB_NAMES.routeCase, JOB_NAMES.deadlineAck, JOB_NAMES.deadlineFeedback].map((name) => t.store.outbox.get(`${name}:${record!.id}`)),
      );
      expect(jobs.map((j) => j?.payload)).toEqual([{ caseId: record!.id }, { caseId: record!.id }, { caseId: record!.id }]);
      expect(jobs.map((j) => j?.status)).toEqual(['pending', 'pending', 'pending']);
      expect(jobs[1]?.runAt.toISOString()).toBe(res.body.acknowledgeBy);
      expect(jobs[2]?.runAt.toISOString()).toBe(res.body.feedbackBy);
      expect(t.jobs.wakes).toBe(wakes + 1);

      const after = rowCounts(t.config);
      expect(diff(before, after)).toEqual({ cases: 1, case_keys: 5, case_events: 1, outbox: 3, markers: 1, inbox_entries: 2 });
    });

    it('stores a disclosed identity with its key sealed to the custodians', async () => {
      const { body } = await corruptionReport({ identity: 'Fatima, permit office', custodians: [custodian] });
      await submit(t.app, body, 201);
      const record = await t.store.cases.byReceiptLookup(receiptLookup(t.config.secrets.serverPepper, body.loginSecret));
      expect(b64(record!.identity!)).toBe(body.identity);
      const identityKeys = (await t.store.cases.keys(record!.id)).filter((k) => k.kind === 'identity');
      expect(identityKeys.map((k) => k.recipient)).toEqual([custodian.staff.id]);
    });

    it('claims complete uploads as the case’s attachments', async () => {
      const ids = [await givenCompleteAttachment(t.store), await givenCompleteAttachment(t.store, 3)];
      const { body } = await corruptionReport({ attachmentIds: ids });
      await submit(t.app, body, 201);
      const record = await t.store.cases.byReceiptLookup(receiptLookup(t.config.secrets.serverPepper, body.loginSecret));
      const attached = await t.store.attachments.listForCase(record!.id);
      expect(attached.map((a) => a.id).sort()).toEqual([...ids].sort());
      expect(attached.every((a) => a.status === 'attached')).toBe(true);
    });

    it('accepts a report sealed to only some of the channel’s officers (a conflict of interest)', async () => {
      const { body } = await corruptionReport({ officers: [second] });
      await submit(t.app, body, 201);
    });
  });

  describe('a refused report writes nothing', () => {
    async function expectRefused(send: () => Promise<request.Response>, status: number, id: string, details?: Record<string, unknown>): Promise<void> {
      const before = rowCounts(t.config);
      const res = await send();
      expect({ status: res.status, id: res.body?.error?.id }).toEqual({ status, id });
      if (details) expect(res.body.error.details).toMatchObject(details);
      expect(diff(before, rowCounts(t.config))).toEqual({});
    }
    const refused = async (body: ReportBody | Record<string, unknown>, status: number, id: string, details?: Record<string, unknown>) =>
      expectRefused(() => submit(t.app, body), status, id, details);
    const valid = async (): Promise<ReportBody> => (await corruptionReport()).body;

    it('without a proof of work', async () => {
      await expectRefused(async () => request(t.app).post('/api/v1/reports').send(await valid()), 400, 'validation_failed', { field: 'pow' });
    });

    it('with a wrong proof-of-work nonce', async () => {
      const pow = await solvedPow(t.app);
      const wrong = await unsolvingNonce(pow.challenge);
      await expectRefused(async () => request(t.app).post('/api/v1/reports').send({ ...(await valid()), pow: { ...pow, nonce: wrong } }), 400, 'pow_invalid', { reason: 'unsolved' });
    });

    it('with a forged or truncated challenge', async () => {
      const pow = await solvedPow(t.app);
      const raw = Buffer.from(pow.challenge, 'base64');
      raw[raw.length - 1] ^= 1;
      await expectRefused(async () => request(t.app).post('/api/v1/reports').send({ ...(await valid()), pow: { ...pow, challenge: raw.toString('base64') } }), 400, 'pow_invalid', { reason: 'malformed' });
      const short = Buffer.from(pow.challenge, 'base64').subarray(0, 40).toString('base64');
      await expectRefused(async () => request(t.app).post('/api/v1/reports').send({ ...(await valid()), pow: { ...pow, challenge: short } }), 400, 'pow_invalid', { reason: 'malformed' });
    });

    it('with a proof of work already spent', async () => {
      const pow = await solvedPow(t.app);
      await request(t.app).post('/api/v1/reports').send({ ...(await valid()), pow }).expect(201);
      await expectRefused(async () => request(t.app).post('/api/v1/reports').send({ ...(await valid()), pow }), 400, 'pow_invalid', { reason: 'used' });
    });

    it('with an expired proof of work', async () => {
      const pow = await solvedPow(t.app);
      t.clock.advance(10 * 60 * 1000 + 1);
      await expectRefused(async () => request(t.app).post('/api/v1/reports').send({ ...(await valid()), pow }), 400, 'pow_invalid', { reason: 'expired' });
    });

    it('with malformed JSON', async () => {
      await expectRefused(() => request(t.app).post('/api/v1/reports').set('Content-Type', 'application/json').send('{"channelId": "ch-corruption",'), 400, 'malformed_json');
    });

    it('with a body over the route’s limit', async () => {
      const body = { ...(await valid()), body: 'A'.repeat(1100 * 1024) };
      await expectRefused(() => request(t.app).post('/api/v1/reports').send(body), 413, 'payload_too_large');
    });

    it.each([
      ['reporterPublicKey', 31],
      ['reporterPublicKey', 33],
      ['loginSecret', 16],
      ['body', 10],
    ])('with %s of %i bytes', async (field, bytes) => {
      await refused({ ...(await valid()), [field]: b64(new Uint8Array(bytes)) }, 400, 'validation_failed', { field });
    });

    it('with base64 that is not padded or not base64', async () => {
      const body = await valid();
      await refused({ ...body, loginSecret: body.loginSecret.replace(/=+$/, '') }, 400, 'validation_failed', { field: 'loginSecret' });
      await refused({ ...body, reporterPublicKey: `${body.reporterPublicKey.slice(0, -4)}!!!=` }, 400, 'validation_failed', { field: 'reporterPublicKey' });
    });

    it('with a wrapped key of the wrong length', async () => {
      const body = await valid();
      const keys = body.keys.map((k, i) => (i === 1 ? { ...k, wrapped: b64(new Uint8Array(40)) } : k));
      await refused({ ...body, keys }, 400, 'validation_failed', { field: 'keys.1.wrapped' });
    });

    it('with an unknown language, a non-UUID attachment id or an unknown field type', async () => {
      await refused({ ...(await valid()), language: 'de' }, 400, 'validation_failed', { field: 'language' });
      await refused({ ...(await valid()), attachmentIds: ['../../etc/passwd'] }, 400, 'validation_failed', { field: 'attachmentIds.0' });
      await refused({ ...(await valid()), identity: 42 }, 400, 'validation_failed', { field: 'identity' });
    });

    it('to an unknown or inactive channel', async () => {
      await refused({ ...(await valid()), channelId: 'ch-does-not-exist' }, 404, 'channel_not_found');
      await t.store.channels.upsert({ id: 'ch-closed-channel', slug: 'closed', definition: (await t.store.channels.get('ch-corruption'))!.definition, active: false, position: 8 });
      await t.store.channels.setMember({ channelId: 'ch-closed-channel', staffId: lead.staff.id, supervisor: false });
      await refused({ ...(await valid()), channelId: 'ch-closed-channel' }, 404, 'channel_not_found');
    });

    it('with a category of another channel', async () => {
      await refused({ ...(await valid()), category: 'waste' }, 400, 'category_unknown');
    });

    it('to a channel without an active officer', async () => {
      const { body } = await buildReport({ channelId: 'ch-maladministration', category: 'negligence', officers: [lead] });
      await refused(body, 409, 'channel_unavailable');
    });

    it('with a key for an officer of another channel, an administrator or a deactivated member', async () => {
      const admin = await givenKeyedStaff(t.store, { channelId: 'ch-corruption', roles: ['admin'] });
      const gone = await givenKeyedStaff(t.store, { channelId: 'ch-corruption', status: 'deactivated' });
      for (const who of [outsider, admin, gone]) {
        const { body } = await corruptionReport({ officers: [lead, who] });
        await refused(body, 400, 'keys_invalid', { reason: 'not_an_officer' });
      }
    });

    it('with the case key sealed to a custodian', async () => {
      const { body } = await corruptionReport({ officers: [lead, custodian] });
      await refused(body, 400, 'keys_invalid', { reason: 'not_an_officer' });
    });

    it('without exactly one case key for the reporter', async () => {
      const body = await valid();
      const withoutReporter = body.keys.filter((k) => k.recipient !== 'reporter');
      await refused({ ...body, keys: withoutReporter }, 400, 'keys_invalid', { reason: 'reporter_key' });
      const reporterNotes = { kind: 'notes' as const, recipient: 'reporter', wrapped: body.keys[0]!.wrapped };
      await refused({ ...body, keys: [...body.keys, reporterNotes] }, 400, 'keys_invalid', { reason: 'reporter_key' });
    });

    it('with a duplicate key', async () => {
      const body = await valid();
      await refused({ ...body, keys: [...body.keys, body.keys[1]!] }, 400, 'keys_invalid', { reason: 'duplicate' });
    });

    it('when an officer gets the case key without the notes key, or no officer gets any', async () => {
      const body = await valid();
      const withoutNotes = body.keys.filter((k) => !(k.kind === 'notes' && k.recipient === second.staff.id));
      await refused({ ...body, keys: withoutNotes }, 400, 'keys_invalid', { reason: 'officer_keys_incomplete' });
      const { body: withIdentity } = await corruptionReport({ identity: 'me', custodians: [custodian] });
      const noOfficer = withIdentity.keys.filter((k) => k.recipient === 'reporter' || k.kind === 'identity');
      await refused({ ...withIdentity, keys: noOfficer }, 400, 'keys_invalid', { reason: 'no_officer' });
    });

    it('with identity keys that do not match the disclosure', async () => {
      const { body } = await corruptionReport({ identity: 'me', custodians: [custodian] });
      await refused({ ...body, keys: body.keys.filter((k) => k.kind !== 'identity') }, 400, 'keys_invalid', { reason: 'identity_keys_missing' });
      await refused({ ...body, identity: null }, 400, 'keys_invalid', { reason: 'identity_keys_unexpected' });
      const toOfficer = body.keys.map((k) => (k.kind === 'identity' ? { ...k, recipient: lead.staff.id } : k));
      await refused({ ...body, keys: toOfficer }, 400, 'keys_invalid', { reason: 'identity_recipient' });
    });

    it('with an identity on a channel that does not accept one', async () => {
      const { body } = await buildReport({ channelId: 'ch-service-complaint', category: 'lighting', officers: [complaintsOfficer], identity: 'me', custodians: [custodian] });
      await refused(body, 400, 'identity_not_allowed');
    });

    it('with attachments that are unknown, unfinished, already attached, repeated or too many', async () => {
      const unknownId = '6f1c2a43-63a4-4f6f-9b1e-2b7a0c6d9e10';
      const unfinished = (await t.store.attachments.create({ id: '0b7f5a3e-1f0e-4c1b-8d55-0a9a2c3e4f51', chunkCount: 2, size: 10, createdAt: new Date() }), '0b7f5a3e-1f0e-4c1b-8d55-0a9a2c3e4f51');
      const taken = await givenCompleteAttachment(t.store);
      await submit(t.app, (await corruptionReport({ attachmentIds: [taken] })).body, 201);
      const ready = await givenCompleteAttachment(t.store);
      const many = await Promise.all(Array.from({ length: 21 }, () => givenCompleteAttachment(t.store)));

      await refused((await corruptionReport({ attachmentIds: [ready, unknownId] })).body, 404, 'attachment_not_found');
      await refused((await corruptionReport({ attachmentIds: [ready, unfinished] })).body, 409, 'attachment_incomplete');
      await refused((await corruptionReport({ attachmentIds: [ready, taken] })).body, 409, 'attachment_attached');
      await refused((await corruptionReport({ attachmentIds: [ready, ready] })).body, 400, 'validation_failed', { field: 'attachmentIds' });
      await refused((await corruptionReport({ attachmentIds: many })).body, 400, 'too_many_attachments', { max: 20 });
      expect((await t.store.attachments.get(ready))?.status).toBe('complete');
    });

    it('with a login secret sent by two submissions at once: one is stored, the other told', async () => {
      const { reporter, body } = await corruptionReport();
      const { body: twin } = await corruptionReport({ reporter });
      const [powA, powB] = await Promise.all([solvedPow(t.app), solvedPow(t.app)]);
      const before = rowCounts(t.config);
      const results = await Promise.all([
        request(t.app).post('/api/v1/reports').send({ ...body, pow: powA }),
        request(t.app).post('/api/v1/reports').send({ ...twin, pow: powB }),
      ]);
      expect(results.map((r) => `${r.status}:${r.body.error?.id ?? r.body.status}`).sort()).toEqual(['201:received', '409:receipt_collision']);
      expect(diff(before, rowCounts(t.config)).cases).toBe(1);
    });

    it('with a login secret already in use', async () => {
      const { reporter, body } = await corruptionReport();
      await submit(t.app, body, 201);
      const { body: again } = await corruptionReport({ reporter });
      await refused(again, 409, 'receipt_collision');
    });
  });
});

function diff(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
}

/** A nonce that does not solve the challenge (difficulty 4: 15 in 16 do not). */
async function unsolvingNonce(challenge: string): Promise<string> {
  const { verifyPow } = await import('../../shared/crypto');
  const bytes = new Uint8Array(Buffer.from(challenge, 'base64'));
  for (let n = 0; ; n += 1) if (!(await verifyPow(bytes, String(n), 4))) return String(n);
}
