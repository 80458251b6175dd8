/**
 * POST /api/v1/reports: a valid report writes the case, its keys, its first event and its
 * three jobs in one go; a report refused for its proof of work or its shape writes nothing.
 */
import request from 'supertest';
import { verifyPow } from '../../shared/crypto';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { receiptLookup } from '../../server/services/receipt-lookup';
import { givenCompleteAttachment } from '../support/factories';
import { rowCounts, solvedPow, testCrypto } from '../support/test-app';
import { submit } from './support/reporter-kit';
import { countChanges, submitFixture, type SubmitFixture } from './support/submit-fixture';

const DAY = 24 * 60 * 60 * 1000;
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('POST /api/v1/reports', () => {
  let f: SubmitFixture;

  beforeAll(async () => {
    f = await submitFixture();
  });
  afterAll(() => f.t.close());

  describe('a valid report', () => {
    it('is stored with its keys, its first event and its three jobs, in one write', async () => {
      const before = rowCounts(f.t.config);
      const wakes = f.t.jobs.wakes;
      const { reporter, body } = await f.corruptionReport();
      const sentAt = Date.now();
      const res = await submit(f.t.app, body, 201);

      expect(res.body.status).toBe('received');
      expect(Date.parse(res.body.acknowledgeBy) - sentAt).toBeGreaterThanOrEqual(7 * DAY - 1000);
      expect(Date.parse(res.body.acknowledgeBy) - sentAt).toBeLessThan(7 * DAY + 5000);
      expect(Date.parse(res.body.feedbackBy) - Date.parse(res.body.acknowledgeBy)).toBe(83 * DAY);
      expect(Object.keys(res.body).sort()).toEqual(['acknowledgeBy', 'feedbackBy', 'status']);

      const record = await f.t.store.cases.byReceiptLookup(receiptLookup(f.t.config.secrets.serverPepper, b64(reporter.loginSecret)));
      expect(record).toMatchObject({ channelId: 'ch-corruption', category: 'bribery', language: 'fr', status: 'received', identity: null, assigneeId: null });
      expect(b64(record!.body)).toBe(body.body);
      expect(b64(record!.reporterPublicKey)).toBe(body.reporterPublicKey);
      expect(record!.ackDueAt.toISOString()).toBe(res.body.acknowledgeBy);

      const keys = await f.t.store.cases.keys(record!.id);
      expect(keys.map((k) => `${k.kind}:${k.recipient}`).sort()).toEqual(
        ['case:reporter', `case:${f.lead.staff.id}`, `notes:${f.lead.staff.id}`, `case:${f.second.staff.id}`, `notes:${f.second.staff.id}`].sort(),
      );
      // What the server stored is exactly what the browser sealed: the officer can open it.
      const crypto = await testCrypto();
      const leadKey = keys.find((k) => k.kind === 'case' && k.recipient === f.lead.staff.id)!;
      expect(b64(crypto.unwrapKey(leadKey.wrapped, f.lead.keypair, 'case'))).toBe(b64(reporter.caseKeys.caseKey));

      const events = await f.t.store.cases.events(record!.id);
      expect(events).toEqual([expect.objectContaining({ kind: 'created', visibleToReporter: true, actorId: null })]);

      const jobs = await Promise.all(
        [JOB_NAMES.routeCase, JOB_NAMES.deadlineAck, JOB_NAMES.deadlineFeedback].map((name) => f.t.store.outbox.get(`${name}:${record!.id}`)),
      );
      expect(jobs.map((j) => j?.payload)).toEqual([{ caseId: record!.id }, { caseId: record!.id }, { caseId: record!.id }]);
      expect(jobs.map((j) => j?.status)).toEqual(['pending', 'pending', 'pending']);
      expect(jobs[1]?.runAt.toISOString()).toBe(res.body.acknowledgeBy);
      expect(jobs[2]?.runAt.toISOString()).toBe(res.body.feedbackBy);
      expect(f.t.jobs.wakes).toBe(wakes + 1);

      const after = rowCounts(f.t.config);
      // stats_*: the committee's counters (cases by month, open cases, unanswered acknowledgement
      // and feedback) are maintained in the same write as the case.
      expect(countChanges(before, after)).toEqual({
        cases: 1, case_keys: 5, case_events: 1, outbox: 3, markers: 1, inbox_entries: 2, stats_counts: 1, stats_open: 1, stats_unanswered: 2,
      });
    });

    it('stores a disclosed identity with its key sealed to the custodians', async () => {
      const { body } = await f.corruptionReport({ identity: 'Fatima, permit office', custodians: [f.custodian] });
      await submit(f.t.app, body, 201);
      const record = await f.t.store.cases.byReceiptLookup(receiptLookup(f.t.config.secrets.serverPepper, body.loginSecret));
      expect(b64(record!.identity!)).toBe(body.identity);
      const identityKeys = (await f.t.store.cases.keys(record!.id)).filter((k) => k.kind === 'identity');
      expect(identityKeys.map((k) => k.recipient)).toEqual([f.custodian.staff.id]);
    });

    it('claims complete uploads as the case’s attachments', async () => {
      const ids = [await givenCompleteAttachment(f.t.store), await givenCompleteAttachment(f.t.store, 3)];
      const { body } = await f.corruptionReport({ attachmentIds: ids });
      await submit(f.t.app, body, 201);
      const record = await f.t.store.cases.byReceiptLookup(receiptLookup(f.t.config.secrets.serverPepper, body.loginSecret));
      const attached = await f.t.store.attachments.listForCase(record!.id);
      expect(attached.map((a) => a.id).sort()).toEqual([...ids].sort());
      expect(attached.every((a) => a.status === 'attached')).toBe(true);
    });

    it('accepts a report sealed to only some of the channel’s officers (a conflict of interest)', async () => {
      const { body } = await f.corruptionReport({ officers: [f.second] });
      await submit(f.t.app, body, 201);
    });
  });

  describe('a report refused for its proof of work or its shape writes nothing', () => {
    it('without a proof of work', async () => {
      await f.expectRefused(async () => request(f.t.app).post('/api/v1/reports').send(await f.valid()), 400, 'validation_failed', { field: 'pow' });
    });

    it('with a wrong proof-of-work nonce', async () => {
      const pow = await solvedPow(f.t.app);
      const wrong = await unsolvingNonce(pow.challenge);
      await f.expectRefused(async () => request(f.t.app).post('/api/v1/reports').send({ ...(await f.valid()), pow: { ...pow, nonce: wrong } }), 400, 'pow_invalid', { reason: 'unsolved' });
    });

    it('with a forged or truncated challenge', async () => {
      const pow = await solvedPow(f.t.app);
      const raw = Buffer.from(pow.challenge, 'base64');
      raw[raw.length - 1] ^= 1;
      await f.expectRefused(async () => request(f.t.app).post('/api/v1/reports').send({ ...(await f.valid()), pow: { ...pow, challenge: raw.toString('base64') } }), 400, 'pow_invalid', { reason: 'malformed' });
      const short = Buffer.from(pow.challenge, 'base64').subarray(0, 40).toString('base64');
      await f.expectRefused(async () => request(f.t.app).post('/api/v1/reports').send({ ...(await f.valid()), pow: { ...pow, challenge: short } }), 400, 'pow_invalid', { reason: 'malformed' });
    });

    it('with a proof of work already spent', async () => {
      const pow = await solvedPow(f.t.app);
      await request(f.t.app).post('/api/v1/reports').send({ ...(await f.valid()), pow }).expect(201);
      await f.expectRefused(async () => request(f.t.app).post('/api/v1/reports').send({ ...(await f.valid()), pow }), 400, 'pow_invalid', { reason: 'used' });
    });

    it('with an expired proof of work', async () => {
      const pow = await solvedPow(f.t.app);
      f.t.clock.advance(10 * 60 * 1000 + 1);
      await f.expectRefused(async () => request(f.t.app).post('/api/v1/reports').send({ ...(await f.valid()), pow }), 400, 'pow_invalid', { reason: 'expired' });
    });

    it('with malformed JSON', async () => {
      await f.expectRefused(() => request(f.t.app).post('/api/v1/reports').set('Content-Type', 'application/json').send('{"channelId": "ch-corruption",'), 400, 'malformed_json');
    });

    it('accepts a long report (400 KiB of ciphertext) through the whole app, above the default body limit', async () => {
      const pow = await solvedPow(f.t.app);
      // 400 KiB of plaintext pads to the 448 KiB bucket: header, nonce, bucket, tag.
      const long = Buffer.concat([Buffer.of(0x01, 0x01), Buffer.alloc(24 + 448 * 1024 + 16, 7)]);
      const body = { ...(await f.valid()), pow, body: b64(long) };
      const res = await request(f.t.app).post('/api/v1/reports').send(body);
      expect(res.body).toEqual(expect.objectContaining({ status: 'received' }));
      expect(res.status).toBe(201);
    });

    it('with a body over the route’s limit', async () => {
      const body = { ...(await f.valid()), body: 'A'.repeat(1100 * 1024) };
      await f.expectRefused(() => request(f.t.app).post('/api/v1/reports').send(body), 413, 'payload_too_large');
    });

    it.each([
      ['reporterPublicKey', 31, 'envelope_invalid'],
      ['reporterPublicKey', 33, 'envelope_invalid'],
      ['loginSecret', 16, 'validation_failed'],
      ['body', 10, 'envelope_invalid'],
    ])('with %s of %i bytes', async (field, bytes, id) => {
      await f.refused({ ...(await f.valid()), [field]: b64(new Uint8Array(bytes)) }, 400, id, { field });
    });

    it('with base64 that is not padded or not base64', async () => {
      const body = await f.valid();
      await f.refused({ ...body, loginSecret: body.loginSecret.replace(/=+$/, '') }, 400, 'validation_failed', { field: 'loginSecret' });
      await f.refused({ ...body, reporterPublicKey: `${body.reporterPublicKey.slice(0, -4)}!!!=` }, 400, 'envelope_invalid', { field: 'reporterPublicKey', reason: 'encoding' });
    });

    it('with a wrapped key of the wrong length', async () => {
      const body = await f.valid();
      const keys = body.keys.map((k, i) => (i === 1 ? { ...k, wrapped: b64(new Uint8Array(40)) } : k));
      await f.refused({ ...body, keys }, 400, 'envelope_invalid', { field: 'keys.1.wrapped', reason: 'length' });
    });

    describe('with the junk ciphertexts of issue 11 (envelope_invalid, nothing stored)', () => {
      const bodyBytes = async (): Promise<{ valid: Awaited<ReturnType<SubmitFixture['valid']>>; bytes: Buffer }> => {
        const valid = await f.valid();
        return { valid, bytes: Buffer.from(valid.body, 'base64') };
      };

      it('a 26-byte body', async () => {
        const { valid, bytes } = await bodyBytes();
        await f.refused({ ...valid, body: b64(bytes.subarray(0, 26)) }, 400, 'envelope_invalid', { field: 'body', reason: 'length' });
      });

      it('a body of envelope version 0x07', async () => {
        const { valid, bytes } = await bodyBytes();
        bytes[0] = 0x07;
        await f.refused({ ...valid, body: b64(bytes) }, 400, 'envelope_invalid', { field: 'body', reason: 'version' });
      });

      it('a body of the wrong envelope type (0x03)', async () => {
        const { valid, bytes } = await bodyBytes();
        bytes[1] = 0x03;
        await f.refused({ ...valid, body: b64(bytes) }, 400, 'envelope_invalid', { field: 'body', reason: 'type' });
      });

      it('a body whose length is not a padding bucket', async () => {
        const { valid, bytes } = await bodyBytes();
        await f.refused({ ...valid, body: b64(Buffer.concat([bytes, Buffer.alloc(3)])) }, 400, 'envelope_invalid', { field: 'body', reason: 'bucket' });
      });

      it('a random 298-byte reporter key', async () => {
        const valid = await f.valid();
        const junk = Buffer.concat([Buffer.of(0x07, 0x08), Buffer.alloc(296, 0x5a)]);
        const keys = valid.keys.map((k) => (k.recipient === 'reporter' ? { ...k, wrapped: b64(junk) } : k));
        const at = valid.keys.findIndex((k) => k.recipient === 'reporter');
        await f.refused({ ...valid, keys }, 400, 'envelope_invalid', { field: `keys.${at}.wrapped`, reason: 'version' });
      });

      it('an all-zero (low-order) reporter public key, and a key sealed with a low-order ephemeral key', async () => {
        const valid = await f.valid();
        await f.refused({ ...valid, reporterPublicKey: b64(new Uint8Array(32)) }, 400, 'envelope_invalid', { field: 'reporterPublicKey', reason: 'public_key_low_order' });
        const sealed = Buffer.from(valid.keys[1]!.wrapped, 'base64');
        sealed.fill(0, 0, 32);
        const keys = valid.keys.map((k, i) => (i === 1 ? { ...k, wrapped: b64(sealed) } : k));
        await f.refused({ ...valid, keys }, 400, 'envelope_invalid', { field: 'keys.1.wrapped', reason: 'public_key_low_order' });
      });

      it('an identity that is a body envelope', async () => {
        const { valid, bytes } = await bodyBytes();
        await f.refused({ ...valid, identity: b64(bytes) }, 400, 'envelope_invalid', { field: 'identity', reason: 'type' });
      });
    });

    it('with an unknown language, a non-UUID attachment id or a value of the wrong type', async () => {
      await f.refused({ ...(await f.valid()), language: 'de' }, 400, 'validation_failed', { field: 'language' });
      await f.refused({ ...(await f.valid()), attachmentIds: ['../../etc/passwd'] }, 400, 'validation_failed', { field: 'attachmentIds.0' });
      await f.refused({ ...(await f.valid()), identity: 42 }, 400, 'validation_failed', { field: 'identity' });
    });
  });
});

/** A nonce that does not solve the challenge (difficulty 4: 15 in 16 do not). */
async function unsolvingNonce(challenge: string): Promise<string> {
  const bytes = new Uint8Array(Buffer.from(challenge, 'base64'));
  for (let n = 0; ; n += 1) if (!(await verifyPow(bytes, String(n), 4))) return String(n);
}
