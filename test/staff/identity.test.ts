/**
 * The two-person rule on a disclosed identity, with real keys: the identity key is sealed to
 * the custodians only; an officer asks with a reason sealed to each custodian; a custodian
 * opens their own copy of the identity key in "their browser" (here, the test) and seals it
 * to the officer, who can then read the identity. The reporter sees that the identity was
 * disclosed, when and to which role. A refusal gives nothing.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CaseRecord } from '../../server/ports/store.port';
import { receiptLookup } from '../../server/services/receipt-lookup';
import { loadCrypto, type AmanaCrypto, type CryptoBackend } from '../../shared/crypto';
import { givenChannel, newCaseInput } from '../support/factories';
import { testCrypto, type TestApp } from '../support/test-app';
import { activatePerson, as, b64, createStaffApp, fakeEnvelope, fakeSealedReason, randomB64, type Person } from './staff-harness';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

let t: TestApp;
let backend: CryptoBackend;
let crypto: AmanaCrypto;
let officer: Person;
let colleague: Person;
let custodians: Person[];
let record: CaseRecord;
let loginSecret: string;
let caseKey: Uint8Array;
const IDENTITY = 'Fatima Zahra B., 06 12 34 56 78';

beforeEach(async () => {
  t = await createStaffApp();
  crypto = await testCrypto();
  backend = await loadCrypto();
  const channelId = (await givenChannel(t.store)).id;
  officer = await activatePerson(t, { roles: ['officer'], channels: [channelId] });
  colleague = await activatePerson(t, { roles: ['officer'], channels: [channelId] });
  custodians = [await activatePerson(t, { roles: ['custodian'] }), await activatePerson(t, { roles: ['custodian'] })];
  const keys = crypto.newCaseKeys();
  caseKey = keys.caseKey;
  loginSecret = randomB64(32);
  const reporter = crypto.x25519Keypair();
  const officerKeys = [officer, colleague].flatMap((p) => [
    { kind: 'case' as const, recipient: p.staff.id, wrapped: crypto.wrapKey(keys.caseKey, p.keypair.publicKey, 'case'), grantedBy: null },
    { kind: 'notes' as const, recipient: p.staff.id, wrapped: crypto.wrapKey(keys.notesKey, p.keypair.publicKey, 'notes'), grantedBy: null },
  ]);
  record = await t.store.cases.create(
    newCaseInput({
      case: { channelId, receiptLookup: receiptLookup(t.config.secrets.serverPepper, loginSecret), identity: crypto.encryptEnvelope(keys.identityKey, utf8(IDENTITY), '', 'identity') },
      keys: [
        { kind: 'case', recipient: 'reporter', wrapped: crypto.wrapKeyForSelf(keys.caseKey, reporter.secretKey, 'case'), grantedBy: null },
        ...officerKeys,
        ...custodians.map((c) => ({ kind: 'identity' as const, recipient: c.staff.id, wrapped: crypto.wrapKey(keys.identityKey, c.keypair.publicKey, 'identity'), grantedBy: null })),
      ],
    }),
  );
});
afterEach(async () => {
  await t.close();
});

function ask(person: Person, reason: string, to: Person[] = custodians) {
  return as(t, person.token)
    .post(`/api/v1/cases/${record.id}/identity-requests`)
    .send({
      reason: b64(crypto.encryptEnvelope(caseKey, utf8(reason), randomUUID(), 'message')),
      custodianReasons: to.map((c) => ({ custodianId: c.staff.id, sealed: b64(backend.sealBox(utf8(reason.padEnd(256)), c.keypair.publicKey)) })),
    });
}

describe('identity disclosure', () => {
  it('goes from an officer’s request to a custodian’s approval to the officer reading the identity', async () => {
    const page = await as(t, officer.token).get(`/api/v1/cases/${record.id}`).expect(200);
    const view = page.body as { case: { hasIdentity: boolean }; custodians: { id: string; publicKey: string }[]; keys: { kind: string }[] };
    expect(view.case.hasIdentity).toBe(true);
    expect(view.custodians.map((c) => c.id).sort()).toEqual(custodians.map((c) => c.staff.id).sort());
    expect(view.keys.map((k) => k.kind)).not.toContain('identity');

    await ask(officer, 'to hear the witness', custodians.slice(0, 1)).expect(400);
    await ask(officer, 'to hear the witness', [...custodians, colleague]).expect(400);
    const created = await ask(officer, 'to hear the witness').expect(201);
    const requestId = (created.body as { id: string }).id;
    await ask(officer, 'again').expect(409);

    const [first, second] = custodians as [Person, Person];
    const listed = await as(t, first.token).get('/api/v1/identity-requests').expect(200);
    const [item] = (listed.body as { requests: { id: string; sealedReason: string; wrappedIdentityKey: string; requester: { id: string; publicKey: string } }[] }).requests;
    expect(item?.id).toBe(requestId);
    expect(item?.requester.id).toBe(officer.staff.id);
    expect(text(backend.openSealedBox(bytes(item?.sealedReason ?? ''), first.keypair.publicKey, first.keypair.secretKey)).trimEnd()).toBe('to hear the witness');
    expect(listed.text).not.toContain(b64(record.body));

    // The custodian's browser: open its own identity key, seal it to the requesting officer.
    const opened = crypto.unwrapKey(bytes(item?.wrappedIdentityKey ?? ''), first.keypair, 'identity');
    const forOfficer = crypto.wrapKey(opened, bytes(item?.requester.publicKey ?? ''), 'identity');
    await as(t, first.token).post(`/api/v1/identity-requests/${requestId}/decision`).send({ approve: true }).expect(400);
    await as(t, first.token).post(`/api/v1/identity-requests/${requestId}/decision`).send({ approve: true, wrappedIdentityKey: b64(forOfficer) }).expect(204);
    const late = await as(t, second.token).post(`/api/v1/identity-requests/${requestId}/decision`).send({ approve: false }).expect(409);
    expect((late.body as { error: { id: string } }).error.id).toBe('identity_request_decided');

    const after = await as(t, officer.token).get(`/api/v1/cases/${record.id}`).expect(200);
    const data = after.body as { keys: { kind: string; wrapped: string; grantedBy: string }[]; identity: string; identityRequests: { status: string }[] };
    const key = data.keys.find((k) => k.kind === 'identity');
    expect(key?.grantedBy).toBe(first.staff.id);
    const officerIdentityKey = crypto.unwrapKey(bytes(key?.wrapped ?? ''), officer.keypair, 'identity');
    expect(text(crypto.decryptEnvelope(officerIdentityKey, bytes(data.identity), '', 'identity'))).toBe(IDENTITY);
    expect(data.identityRequests).toEqual([expect.objectContaining({ status: 'approved' })]);
    // The colleague holds the case key but not the identity key: the server could not give it.
    const colleagueView = await as(t, colleague.token).get(`/api/v1/cases/${record.id}`).expect(200);
    expect((colleagueView.body as { keys: { kind: string }[] }).keys.map((k) => k.kind)).not.toContain('identity');

    const session = await request(t.app).post('/api/v1/reporter/session').send({ loginSecret }).expect(200);
    const followUp = await request(t.app).get('/api/v1/reporter/case').set('Authorization', `Bearer ${(session.body as { token: string }).token}`).expect(200);
    const events = (followUp.body as { events: { kind: string; role?: string; at: string }[] }).events.filter((e) => e.kind === 'identity_decision');
    expect(events).toEqual([expect.objectContaining({ kind: 'identity_decision', role: 'officer', at: expect.any(String) })]);
    expect((followUp.body as { events: { kind: string }[] }).events.map((e) => e.kind)).not.toContain('identity_request');

    const actions = (await t.store.audit.list({ caseId: record.id, limit: 20 })).map((e) => [e.action, e.actorId]);
    expect(actions).toContainEqual(['identity.requested', officer.staff.id]);
    expect(actions).toContainEqual(['identity.decided', first.staff.id]);
  });

  it('gives nothing on a refusal, tells the reporter nothing, and lets the officer ask again', async () => {
    const created = await ask(colleague, 'curious').expect(201);
    const requestId = (created.body as { id: string }).id;
    const [first] = custodians as [Person];
    await as(t, first.token).post(`/api/v1/identity-requests/${requestId}/decision`).send({ approve: false }).expect(204);
    expect((await t.store.cases.keysFor(record.id, colleague.staff.id)).map((k) => k.kind).sort()).toEqual(['case', 'notes']);
    const decided = await as(t, first.token).get('/api/v1/identity-requests?status=refused').expect(200);
    expect((decided.body as { requests: { id: string; decidedBy: string }[] }).requests).toEqual([expect.objectContaining({ id: requestId, decidedBy: first.staff.id })]);
    const events = await t.store.cases.events(record.id);
    expect(events.find((e) => e.kind === 'identity_decision')).toMatchObject({ visibleToReporter: false, detail: { approved: false } });
    await ask(colleague, 'a real reason now').expect(201);
  });

  it('keeps the two persons apart and the decision with custodians', async () => {
    const both = await activatePerson(t, { roles: ['officer', 'custodian'] });
    const committee = await activatePerson(t, { roles: ['committee'] });
    const created = await ask(officer, 'reason').expect(201);
    const requestId = (created.body as { id: string }).id;
    // A custodian the reason was not sealed to (no identity key for this case) sees nothing of it.
    expect(((await as(t, both.token).get('/api/v1/identity-requests').expect(200)).body as { requests: unknown[] }).requests).toEqual([]);
    await as(t, both.token).post(`/api/v1/identity-requests/${requestId}/decision`).send({ approve: false }).expect(404);
    await as(t, committee.token).post(`/api/v1/identity-requests/${requestId}/decision`).send({ approve: false }).expect(403);
    await as(t, officer.token).post(`/api/v1/identity-requests/${requestId}/decision`).send({ approve: false }).expect(403);
    expect((await t.store.identityRequests.get(requestId))?.status).toBe('pending');
  });

  it('refuses a request on a case without a disclosed identity', async () => {
    const plain = await t.store.cases.create(newCaseInput({ case: { channelId: record.channelId }, officers: [officer.staff.id] }));
    const res = await as(t, officer.token)
      .post(`/api/v1/cases/${plain.id}/identity-requests`)
      .send({ reason: fakeEnvelope('message'), custodianReasons: [{ custodianId: custodians[0]?.staff.id, sealed: fakeSealedReason() }] })
      .expect(409);
    expect((res.body as { error: { id: string } }).error.id).toBe('identity_not_disclosed');
  });
});
