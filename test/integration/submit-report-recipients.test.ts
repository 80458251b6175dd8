/**
 * POST /api/v1/reports refused for what it is addressed to: channel, category, recipients of
 * the wrapped keys, identity, attachments, receipt. Each refusal writes nothing.
 */
import request from 'supertest';
import { givenCompleteAttachment } from '../support/factories';
import { givenKeyedStaff, rowCounts, solvedPow } from '../support/test-app';
import { buildReport, submit } from './support/reporter-kit';
import { countChanges, submitFixture, type SubmitFixture } from './support/submit-fixture';

describe('POST /api/v1/reports refuses, writing nothing, a report', () => {
  let f: SubmitFixture;

  beforeAll(async () => {
    f = await submitFixture();
  });
  afterAll(() => f.t.close());

  it('to an unknown or inactive channel', async () => {
    await f.refused({ ...(await f.valid()), channelId: 'ch-does-not-exist' }, 404, 'channel_not_found');
    await f.t.store.channels.upsert({ id: 'ch-closed-channel', slug: 'closed', definition: (await f.t.store.channels.get('ch-corruption'))!.definition, active: false, position: 8 });
    await f.t.store.channels.setMember({ channelId: 'ch-closed-channel', staffId: f.lead.staff.id, supervisor: false });
    await f.refused({ ...(await f.valid()), channelId: 'ch-closed-channel' }, 404, 'channel_not_found');
  });

  it('with a category of another channel', async () => {
    await f.refused({ ...(await f.valid()), category: 'waste' }, 400, 'category_unknown');
  });

  it('to a channel without an active officer', async () => {
    const { body } = await buildReport({ channelId: 'ch-maladministration', category: 'negligence', officers: [f.lead] });
    await f.refused(body, 409, 'channel_unavailable');
  });

  it('with a key for an officer of another channel, an administrator or a deactivated member', async () => {
    const admin = await givenKeyedStaff(f.t.store, { channelId: 'ch-corruption', roles: ['admin'] });
    const gone = await givenKeyedStaff(f.t.store, { channelId: 'ch-corruption', status: 'deactivated' });
    for (const who of [f.outsider, admin, gone]) {
      const { body } = await f.corruptionReport({ officers: [f.lead, who] });
      await f.refused(body, 400, 'keys_invalid', { reason: 'not_an_officer' });
    }
  });

  it('with the case key sealed to a custodian', async () => {
    const { body } = await f.corruptionReport({ officers: [f.lead, f.custodian] });
    await f.refused(body, 400, 'keys_invalid', { reason: 'not_an_officer' });
  });

  it('without exactly one case key for the reporter', async () => {
    const body = await f.valid();
    const withoutReporter = body.keys.filter((k) => k.recipient !== 'reporter');
    await f.refused({ ...body, keys: withoutReporter }, 400, 'keys_invalid', { reason: 'reporter_key' });
    // The reporter holds the case key only; the wire schema already refuses a notes key for them.
    const reporterNotes = { kind: 'notes' as const, recipient: 'reporter', wrapped: body.keys[0]!.wrapped };
    await f.refused({ ...body, keys: [...body.keys, reporterNotes] }, 400, 'validation_failed', { field: `keys.${body.keys.length}.kind` });
    const secondReporterKey = { kind: 'case' as const, recipient: 'reporter', wrapped: Buffer.concat([Buffer.of(0x01, 0x08), Buffer.alloc(296, 1)]).toString('base64') };
    const twoReporterKeys = [...body.keys, secondReporterKey];
    await f.refused({ ...body, keys: twoReporterKeys }, 400, 'keys_invalid', { reason: 'duplicate' });
  });

  it('with a duplicate key', async () => {
    const body = await f.valid();
    await f.refused({ ...body, keys: [...body.keys, body.keys[1]!] }, 400, 'keys_invalid', { reason: 'duplicate' });
  });

  it('when an officer gets the case key without the notes key, or no officer gets any', async () => {
    const body = await f.valid();
    const withoutNotes = body.keys.filter((k) => !(k.kind === 'notes' && k.recipient === f.second.staff.id));
    await f.refused({ ...body, keys: withoutNotes }, 400, 'keys_invalid', { reason: 'officer_keys_incomplete' });
    const { body: withIdentity } = await f.corruptionReport({ identity: 'me', custodians: [f.custodian] });
    const noOfficer = withIdentity.keys.filter((k) => k.recipient === 'reporter' || k.kind === 'identity');
    await f.refused({ ...withIdentity, keys: noOfficer }, 400, 'keys_invalid', { reason: 'no_officer' });
  });

  it('with identity keys that do not match the disclosure', async () => {
    const { body } = await f.corruptionReport({ identity: 'me', custodians: [f.custodian] });
    await f.refused({ ...body, keys: body.keys.filter((k) => k.kind !== 'identity') }, 400, 'keys_invalid', { reason: 'identity_keys_missing' });
    await f.refused({ ...body, identity: null }, 400, 'keys_invalid', { reason: 'identity_keys_unexpected' });
    const toOfficer = body.keys.map((k) => (k.kind === 'identity' ? { ...k, recipient: f.lead.staff.id } : k));
    await f.refused({ ...body, keys: toOfficer }, 400, 'keys_invalid', { reason: 'identity_recipient' });
  });

  it('with an identity on a channel that does not accept one', async () => {
    const { body } = await buildReport({ channelId: 'ch-service-complaint', category: 'lighting', officers: [f.complaintsOfficer], identity: 'me', custodians: [f.custodian] });
    await f.refused(body, 400, 'identity_not_allowed');
  });

  it('with attachments that are unknown, unfinished, already attached, repeated or too many', async () => {
    const unknownId = '6f1c2a43-63a4-4f6f-9b1e-2b7a0c6d9e10';
    const unfinished = (await f.t.store.attachments.create({ id: '0b7f5a3e-1f0e-4c1b-8d55-0a9a2c3e4f51', chunkCount: 2, size: 10, createdAt: new Date() }), '0b7f5a3e-1f0e-4c1b-8d55-0a9a2c3e4f51');
    const taken = await givenCompleteAttachment(f.t.store);
    await submit(f.t.app, (await f.corruptionReport({ attachmentIds: [taken] })).body, 201);
    const ready = await givenCompleteAttachment(f.t.store);
    const many = await Promise.all(Array.from({ length: 21 }, () => givenCompleteAttachment(f.t.store)));

    await f.refused((await f.corruptionReport({ attachmentIds: [ready, unknownId] })).body, 404, 'attachment_not_found');
    await f.refused((await f.corruptionReport({ attachmentIds: [ready, unfinished] })).body, 409, 'attachment_incomplete');
    await f.refused((await f.corruptionReport({ attachmentIds: [ready, taken] })).body, 409, 'attachment_attached');
    await f.refused((await f.corruptionReport({ attachmentIds: [ready, ready] })).body, 400, 'validation_failed', { field: 'attachmentIds' });
    await f.refused((await f.corruptionReport({ attachmentIds: many })).body, 400, 'too_many_attachments', { max: 20 });
    expect((await f.t.store.attachments.get(ready))?.status).toBe('complete');
  });

  it('with a login secret sent by two submissions at once: one is stored, the other told', async () => {
    const { reporter, body } = await f.corruptionReport();
    const { body: twin } = await f.corruptionReport({ reporter });
    const [powA, powB] = await Promise.all([solvedPow(f.t.app), solvedPow(f.t.app)]);
    const before = rowCounts(f.t.config);
    const results = await Promise.all([
      request(f.t.app).post('/api/v1/reports').send({ ...body, pow: powA }),
      request(f.t.app).post('/api/v1/reports').send({ ...twin, pow: powB }),
    ]);
    expect(results.map((r) => `${r.status}:${r.body.error?.id ?? r.body.status}`).sort()).toEqual(['201:received', '409:receipt_collision']);
    expect(countChanges(before, rowCounts(f.t.config)).cases).toBe(1);
  });

  it('with a login secret already in use', async () => {
    const { reporter, body } = await f.corruptionReport();
    await submit(f.t.app, body, 201);
    const { body: again } = await f.corruptionReport({ reporter });
    const before = rowCounts(f.t.config);
    const res = await submit(f.t.app, again);
    expect({ status: res.status, id: res.body?.error?.id }).toEqual({ status: 409, id: 'receipt_collision' });
    // No case, no key: only the proof of work is spent, so each receipt tested costs one.
    expect(countChanges(before, rowCounts(f.t.config))).toEqual({ markers: 1 });
  });
});
