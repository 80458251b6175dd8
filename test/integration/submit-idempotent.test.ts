/**
 * POST /reports after a lost answer: the same request again (same receipt, same ciphertext,
 * the same or a fresh proof of work) returns the original outcome and files nothing twice,
 * with or without attachments. Anything else with a receipt in use is a collision, and the
 * order of checks never tells whether a receipt exists to a request refused for another reason.
 */
import request from 'supertest';
import type { PowSolution } from '../../shared/api/report.schema';
import { givenCompleteAttachment } from '../support/factories';
import { rowCounts, solvedPow } from '../support/test-app';
import { countChanges, submitFixture, type SubmitFixture } from './support/submit-fixture';

let f: SubmitFixture;
beforeAll(async () => {
  f = await submitFixture();
});
afterAll(() => f.t.close());

const post = (body: object, pow: PowSolution) => request(f.t.app).post('/api/v1/reports').send({ ...body, pow });
const errorOf = (res: request.Response): { status: number; id: string | undefined; reason?: unknown } => ({
  status: res.status,
  id: (res.body as { error?: { id?: string } }).error?.id,
  ...((res.body as { error?: { details?: { reason?: unknown } } }).error?.details?.reason !== undefined ? { reason: (res.body as { error: { details: { reason: unknown } } }).error.details.reason } : {}),
});

describe('a retried submission', () => {
  it('with the same proof of work gets the original 201 and leaves one case', async () => {
    const { body } = await f.corruptionReport();
    const pow = await solvedPow(f.t.app);
    const first = await post(body, pow).expect(201);
    const before = rowCounts(f.t.config);
    const again = await post(body, pow).expect(201);
    expect(again.body).toEqual(first.body);
    expect(countChanges(before, rowCounts(f.t.config))).toEqual({});
  });

  it('with a fresh proof of work gets the original 201 too', async () => {
    const { body } = await f.corruptionReport();
    const first = await post(body, await solvedPow(f.t.app)).expect(201);
    const before = rowCounts(f.t.config);
    const again = await post(body, await solvedPow(f.t.app)).expect(201);
    expect(again.body).toEqual(first.body);
    expect(countChanges(before, rowCounts(f.t.config))).toEqual({});
  });

  it('with attachments: their claim by the same case is not a conflict', async () => {
    const attachmentIds = [await givenCompleteAttachment(f.t.store), await givenCompleteAttachment(f.t.store)];
    const { body } = await f.corruptionReport({ attachmentIds });
    const pow = await solvedPow(f.t.app);
    const first = await post(body, pow).expect(201);
    const before = rowCounts(f.t.config);
    expect((await post(body, pow).expect(201)).body).toEqual(first.body);
    expect((await post({ ...body, attachmentIds: [...attachmentIds].reverse() }, await solvedPow(f.t.app)).expect(201)).body).toEqual(first.body);
    expect(countChanges(before, rowCounts(f.t.config))).toEqual({});
    // Leaving an attachment out is another submission: the other one is taken, as for anyone.
    expect(errorOf(await post({ ...body, attachmentIds: attachmentIds.slice(0, 1) }, await solvedPow(f.t.app)))).toEqual({ status: 409, id: 'attachment_attached' });
  });

  it('survives a race: both copies sent at once give one case and the same answer', async () => {
    const { body } = await f.corruptionReport();
    const pow = await solvedPow(f.t.app);
    const before = rowCounts(f.t.config);
    const [a, b] = await Promise.all([post(body, pow), post(body, pow)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toEqual(b.body);
    expect(countChanges(before, rowCounts(f.t.config))).toMatchObject({ cases: 1 });
  });
});

describe('a receipt in use with another body', () => {
  it('is a collision, costs the proof of work, and stores no case', async () => {
    const { reporter, body } = await f.corruptionReport();
    await post(body, await solvedPow(f.t.app)).expect(201);
    const other = (await f.corruptionReport({ reporter, answers: { what: 'something else' } })).body;
    const pow = await solvedPow(f.t.app);
    const before = rowCounts(f.t.config);
    expect(errorOf(await post(other, pow))).toEqual({ status: 409, id: 'receipt_collision' });
    // Only the spent proof of work's marker was written, and the collision counted as a wrong
    // receipt in the shared (store) counter of everyone's wrong receipts; no case, no key.
    expect(countChanges(before, rowCounts(f.t.config))).toEqual({ markers: 1, limit_counters: 1 });
    expect(errorOf(await post(other, pow))).toEqual({ status: 400, id: 'pow_invalid', reason: 'used' });
  });
});

describe('no receipt oracle', () => {
  it('a spent proof of work is refused the same whether the login secret exists or not', async () => {
    const existing = await f.corruptionReport();
    const pow = await solvedPow(f.t.app);
    await post(existing.body, pow).expect(201);
    const withExistingSecret = (await f.corruptionReport({ reporter: existing.reporter, answers: { what: 'probe' } })).body;
    const withFreshSecret = (await f.corruptionReport()).body;
    const before = rowCounts(f.t.config);
    expect(errorOf(await post(withExistingSecret, pow))).toEqual({ status: 400, id: 'pow_invalid', reason: 'used' });
    expect(errorOf(await post(withFreshSecret, pow))).toEqual({ status: 400, id: 'pow_invalid', reason: 'used' });
    expect(countChanges(before, rowCounts(f.t.config))).toEqual({});
  });

  it('a request refused for its shape or channel answers the same with an existing login secret', async () => {
    const existing = await f.corruptionReport();
    await post(existing.body, await solvedPow(f.t.app)).expect(201);
    const probe = (await f.corruptionReport({ reporter: existing.reporter, answers: { what: 'probe' } })).body;
    const fresh = (await f.corruptionReport()).body;
    for (const change of [{ category: 'no_such_category' }, { channelId: 'ch-missing-000' }, { attachmentIds: ['00000000-0000-4000-8000-000000000000'] }]) {
      const a = errorOf(await post({ ...probe, ...change }, await solvedPow(f.t.app)));
      const b = errorOf(await post({ ...fresh, ...change }, await solvedPow(f.t.app)));
      expect(a).toEqual(b);
      expect(a.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('a refused submission does not burn its proof of work', async () => {
    const { body } = await f.corruptionReport();
    const pow = await solvedPow(f.t.app);
    expect(errorOf(await post({ ...body, category: 'no_such_category' }, pow))).toEqual({ status: 400, id: 'category_unknown' });
    await post(body, pow).expect(201);
  });
});
