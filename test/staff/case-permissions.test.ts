/**
 * Who gets what of a case, for every role on every case endpoint. Only an officer holding
 * the case key sees content; everyone else (an administrator, a committee member, a
 * custodian, an officer of the same channel without a grant, an officer of another
 * channel, even an administrator who is also an officer elsewhere) gets 404
 * `report_not_found`, no ciphertext and no wrapped key of anyone, and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CaseRecord } from '../../server/ports/store.port';
import { bytesOf, givenChannel, givenCompleteAttachment, newCaseInput, newKey, newMessage } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, b64, createStaffApp, fakeEnvelope, fakeSealedReason, fakeWrappedKey, type Person } from './staff-harness';

let t: TestApp;
let record: CaseRecord;
let attachmentId: string;
let holder: Person;
let secrets: string[];
const outsiders: Record<string, Person> = {};

beforeAll(async () => {
  t = await createStaffApp();
  const channel = (await givenChannel(t.store)).id;
  const other = (await givenChannel(t.store)).id;
  holder = await activatePerson(t, { roles: ['officer'], channels: [channel] });
  outsiders.admin = await activatePerson(t, { roles: ['admin'] });
  outsiders.committee = await activatePerson(t, { roles: ['committee'] });
  outsiders.custodian = await activatePerson(t, { roles: ['custodian'] });
  outsiders.peerWithoutGrant = await activatePerson(t, { roles: ['officer'], channels: [channel] });
  outsiders.otherChannelOfficer = await activatePerson(t, { roles: ['officer'], channels: [other] });
  outsiders.adminOfficerElsewhere = await activatePerson(t, { roles: ['admin', 'officer'], channels: [other] });
  outsiders.demotedHolder = await activatePerson(t, { roles: ['committee'] });

  attachmentId = await givenCompleteAttachment(t.store, 1);
  await t.blobs.put(`${attachmentId}/0`, Readable.from([Buffer.from(bytesOf(64))]), 1024);
  const input = newCaseInput({
    case: { channelId: channel, identity: bytesOf(200) },
    attachmentIds: [attachmentId],
    keys: [
      newKey('reporter'),
      newKey(holder.staff.id, 'case'),
      newKey(holder.staff.id, 'notes'),
      newKey(outsiders.custodian.staff.id, 'identity'),
      // Keys wrapped to someone whose officer role was later removed open nothing.
      newKey(outsiders.demotedHolder.staff.id, 'case'),
    ],
  });
  record = await t.store.cases.create(input);
  const message = newMessage(record.id);
  const note = newMessage(record.id, { author: holder.staff.id, kind: 'note' });
  await t.store.messages.add(message, []);
  await t.store.messages.add(note, []);
  await givenChannelCase(other);
  secrets = [record.body, record.identity ?? new Uint8Array(1), message.body, note.body, ...input.keys.map((k) => k.wrapped)].map(b64);
});
afterAll(async () => {
  await t.close();
});

/** a case in the other channel, so the other channel's officers have an inbox of their own */
async function givenChannelCase(channelId: string): Promise<void> {
  const officers = [outsiders.otherChannelOfficer, outsiders.adminOfficerElsewhere].map((p) => p?.staff.id ?? '');
  await t.store.cases.create(newCaseInput({ case: { channelId }, officers }));
}

const wrapped = fakeWrappedKey;
const endpoints = () => [
  { name: 'open', call: (p: Person) => as(t, p.token).get(`/api/v1/cases/${record.id}`) },
  { name: 'officers', call: (p: Person) => as(t, p.token).get(`/api/v1/cases/${record.id}/officers`) },
  { name: 'attachment', call: (p: Person) => as(t, p.token).get(`/api/v1/cases/${record.id}/attachments/${attachmentId}/parts/0`) },
  { name: 'message', call: (p: Person) => as(t, p.token).post(`/api/v1/cases/${record.id}/messages`).send({ id: randomUUID(), kind: 'message', body: fakeEnvelope('message') }) },
  { name: 'note', call: (p: Person) => as(t, p.token).post(`/api/v1/cases/${record.id}/messages`).send({ id: randomUUID(), kind: 'note', body: fakeEnvelope('note') }) },
  { name: 'status', call: (p: Person) => as(t, p.token).post(`/api/v1/cases/${record.id}/status`).send({ status: 'acknowledged', reason: fakeEnvelope('message') }) },
  { name: 'labels', call: (p: Person) => as(t, p.token).post(`/api/v1/cases/${record.id}/labels`).send({ labels: ['urgent'] }) },
  {
    name: 'grant',
    call: (p: Person) => as(t, p.token).post(`/api/v1/cases/${record.id}/grants`).send({ staffId: outsiders.peerWithoutGrant?.staff.id, keys: [{ kind: 'case', wrapped: wrapped() }] }),
  },
  {
    name: 'identity request',
    call: (p: Person) =>
      as(t, p.token)
        .post(`/api/v1/cases/${record.id}/identity-requests`)
        .send({ reason: fakeEnvelope('message'), custodianReasons: [{ custodianId: outsiders.custodian?.staff.id, sealed: fakeSealedReason() }] }),
  },
  { name: 'export', call: (p: Person) => as(t, p.token).post(`/api/v1/cases/${record.id}/export`).send({ format: 'pdf' }) },
];

describe.each(['admin', 'committee', 'custodian', 'peerWithoutGrant', 'otherChannelOfficer', 'adminOfficerElsewhere', 'demotedHolder'])('%s', (role) => {
  it.each(endpoints().map((e) => [e.name, e] as const))('gets 404 report_not_found and nothing of the case from %s', async (_name, endpoint) => {
    const person = outsiders[role];
    if (!person) throw new Error(`no ${role}`);
    const eventsBefore = (await t.store.cases.events(record.id)).length;
    const res = await endpoint.call(person).expect(404);
    expect((res.body as { error: { id: string } }).error.id).toBe('report_not_found');
    const text = res.text;
    for (const secret of secrets) expect(text).not.toContain(secret);
    const after = await t.store.cases.get(record.id);
    expect(after).toMatchObject({ status: 'received', labels: [] });
    expect((await t.store.cases.events(record.id)).length).toBe(eventsBefore);
    expect(await t.store.messages.list(record.id, ['message', 'note'])).toHaveLength(2);
    expect(await t.store.cases.keysFor(record.id, outsiders.peerWithoutGrant?.staff.id ?? '')).toEqual([]);
  });

  it('sees nothing of the case in the inbox', async () => {
    const person = outsiders[role];
    if (!person) throw new Error(`no ${role}`);
    const res = await as(t, person.token).get('/api/v1/cases');
    if (person.staff.roles.includes('officer')) {
      expect(res.status).toBe(200);
      expect((res.body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(record.id);
    } else {
      expect(res.status).toBe(403);
    }
    for (const secret of secrets) expect(res.text).not.toContain(secret);
  });
});

describe('the officer holding the case key', () => {
  it('opens the case with their own keys only, the notes, and who holds what without anyone else’s wrapped key', async () => {
    const res = await as(t, holder.token).get(`/api/v1/cases/${record.id}`).expect(200);
    const body = res.body as { keys: { kind: string }[]; messages: { kind: string }[]; access: { staffId: string; kind: string }[]; body: string; identity: string };
    expect(body.keys.map((k) => k.kind).sort()).toEqual(['case', 'notes']);
    expect(body.messages.map((m) => m.kind).sort()).toEqual(['message', 'note']);
    expect(body.body).toBe(b64(record.body));
    expect(body.access).toContainEqual(expect.objectContaining({ staffId: outsiders.custodian?.staff.id, kind: 'identity' }));
    const own = secrets.slice(4);
    const visible = own.filter((s) => res.text.includes(s));
    expect(visible).toHaveLength(2);
    const part = await as(t, holder.token).get(`/api/v1/cases/${record.id}/attachments/${attachmentId}/parts/0`).buffer(true).expect(200);
    expect(part.body).toHaveLength(64);
  });

  it('lists the case in the inbox, and the other channel’s case only for its own officers', async () => {
    const res = await as(t, holder.token).get('/api/v1/cases').expect(200);
    expect((res.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([record.id]);
  });

  it('is audited opening it', async () => {
    const entries = await t.store.audit.list({ action: 'case.opened', caseId: record.id, limit: 10 });
    expect(entries.every((e) => e.actorId === holder.staff.id)).toBe(true);
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('a custodian', () => {
  it('reads identity requests; nobody else does', async () => {
    await as(t, outsiders.custodian?.token ?? '').get('/api/v1/identity-requests').expect(200);
    for (const role of ['admin', 'committee', 'peerWithoutGrant']) await as(t, outsiders[role]?.token ?? '').get('/api/v1/identity-requests').expect(403);
    await as(t, holder.token).get('/api/v1/identity-requests').expect(403);
  });
});
