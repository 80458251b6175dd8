/**
 * An officer's work on a case over HTTP: the inbox (filters, urgency, unread reporter
 * messages, deadlines), status changes in order with a reason the reporter sees, the first
 * message to the reporter meeting the feedback deadline, notes for officers only, labels,
 * grants and transfers, and the export audit. What the reporter sees is read through the
 * reporter's own follow-up API.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CaseRecord, CaseRepo, Store } from '../../server/ports/store.port';
import { changeStatus } from '../../server/services/cases/change-status';
import { receiptLookup } from '../../server/services/receipt-lookup';
import { DAY_MS, givenChannel, newCaseInput, newKey, newMessage } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, createStaffApp, fakeEnvelope, fakeWrappedKey, randomB64, type Person } from './staff-harness';

let t: TestApp;
let channelId: string;
let officer: Person;
let colleague: Person;

beforeEach(async () => {
  t = await createStaffApp();
  channelId = (await givenChannel(t.store)).id;
  officer = await activatePerson(t, { roles: ['officer'], channels: [channelId] });
  colleague = await activatePerson(t, { roles: ['officer'], channels: [channelId] });
});
afterEach(async () => {
  await t.close();
});

/** A case the reporter can open with `loginSecret`, sealed to the officer (case and notes keys). */
async function givenCase(overrides: Partial<CaseRecord> = {}, loginSecret = randomB64(32)): Promise<{ record: CaseRecord; loginSecret: string }> {
  const input = newCaseInput({
    case: { channelId, receiptLookup: receiptLookup(t.config.secrets.serverPepper, loginSecret), ...overrides },
    keys: [newKey('reporter'), newKey(officer.staff.id, 'case'), newKey(officer.staff.id, 'notes')],
  });
  return { record: await t.store.cases.create(input), loginSecret };
}

async function reporterView(loginSecret: string): Promise<{ status: string; events: { kind: string; status?: string; outcome?: string; sealed?: string }[]; messages: { from: string }[] }> {
  const session = await request(t.app).post('/api/v1/reporter/session').send({ loginSecret }).expect(200);
  const res = await request(t.app).get('/api/v1/reporter/case').set('Authorization', `Bearer ${(session.body as { token: string }).token}`).expect(200);
  return res.body as Awaited<ReturnType<typeof reporterView>>;
}

describe('inbox', () => {
  it('shows the officer’s cases by urgency with deadlines and unread reporter messages, and filters them', async () => {
    const now = t.clock.now().getTime();
    const overdue = (await givenCase({ createdAt: new Date(now - 10 * DAY_MS), ackDueAt: new Date(now - 3 * DAY_MS), feedbackDueAt: new Date(now + 80 * DAY_MS) })).record;
    const fresh = (await givenCase({ createdAt: new Date(now), ackDueAt: new Date(now + 7 * DAY_MS), feedbackDueAt: new Date(now + 90 * DAY_MS) })).record;
    const closed = (await givenCase({ status: 'closed' })).record;
    await t.store.messages.add(newMessage(fresh.id, { createdAt: new Date(now - 1000) }), []);
    await t.store.messages.add(newMessage(fresh.id, { createdAt: new Date(now - 500) }), []);

    const res = await as(t, officer.token).get('/api/v1/cases').expect(200);
    const items = (res.body as { items: { id: string; unread: number; ageDays: number; deadline: { kind: string; state: string } | null }[] }).items;
    expect(items.map((i) => i.id)).toEqual([overdue.id, fresh.id, closed.id]);
    expect(items[0]).toMatchObject({ ageDays: 10, deadline: { kind: 'acknowledge', state: 'overdue' }, unread: 0 });
    expect(items[1]).toMatchObject({ unread: 2, deadline: { kind: 'acknowledge', state: 'on_track' } });
    expect(items[2]?.deadline).toBeNull();

    // Opening the case marks its messages read; a newer one counts again.
    await as(t, officer.token).get(`/api/v1/cases/${fresh.id}`).expect(200);
    t.clock.advance(1000);
    await t.store.messages.add(newMessage(fresh.id, { createdAt: t.clock.now() }), []);
    const after = await as(t, officer.token).get(`/api/v1/cases?status=received`).expect(200);
    expect((after.body as { items: { id: string; unread: number }[] }).items).toEqual([
      expect.objectContaining({ id: overdue.id, unread: 0 }),
      expect.objectContaining({ id: fresh.id, unread: 1 }),
    ]);

    const page = await as(t, officer.token).get('/api/v1/cases?sort=newest&limit=2').expect(200);
    const first = page.body as { items: { id: string }[]; nextCursor: string };
    expect(first.items).toHaveLength(2);
    const rest = await as(t, officer.token).get(`/api/v1/cases?sort=newest&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`).expect(200);
    expect((rest.body as { items: unknown[]; nextCursor: string | null }).nextCursor).toBeNull();
    await as(t, officer.token).get(`/api/v1/cases?channel=${channelId}&status=closed`).expect(200);
    await as(t, officer.token).get('/api/v1/cases?status=nonsense').expect(400);
    await as(t, officer.token).get('/api/v1/cases?limit=1000').expect(400);
    expect((await as(t, colleague.token).get('/api/v1/cases').expect(200)).body).toEqual({ items: [], nextCursor: null });
  });
});

describe('status', () => {
  it('lets only one of two officers who read the case at the same moment change its status', async () => {
    const input = newCaseInput({
      case: { channelId },
      keys: [newKey('reporter'), ...[officer, colleague].flatMap((p) => [newKey(p.staff.id, 'case'), newKey(p.staff.id, 'notes')])],
    });
    const record = await t.store.cases.create(input);
    // The colleague's request read the case before the officer's change committed.
    const staleCases = Object.create(t.store.cases) as CaseRepo;
    let reads = 0;
    staleCases.get = async (id: string) => (reads++ === 0 ? record : t.store.cases.get(id));
    const staleStore = Object.create(t.store) as Store;
    staleStore.cases = staleCases;

    await changeStatus({ store: t.store, now: t.clock.now }, officer.staff, record.id, { status: 'acknowledged', reason: fakeEnvelope('message') });
    await expect(changeStatus({ store: staleStore, now: t.clock.now }, colleague.staff, record.id, { status: 'acknowledged', reason: fakeEnvelope('message') })).rejects.toMatchObject({ id: 'status_transition_invalid' });
    const statusEvents = (await t.store.cases.events(record.id)).filter((e) => e.kind === 'status');
    expect(statusEvents.map((e) => e.actorId)).toEqual([officer.staff.id]);
  });

  it('moves forward one allowed step at a time with a reason, and the reporter sees each change', async () => {
    const { record, loginSecret } = await givenCase();
    const change = (status: string, extra: Record<string, string> = {}) => as(t, officer.token).post(`/api/v1/cases/${record.id}/status`).send({ status, reason: fakeEnvelope('message'), ...extra });

    const skip = await change('investigating').expect(409);
    expect((skip.body as { error: { id: string } }).error.id).toBe('status_transition_invalid');
    await change('closed', { outcome: 'inadmissible' }).expect(409);
    const ack = await change('acknowledged').expect(200);
    expect((ack.body as { case: { status: string; acknowledgedAt: string | null; deadline: { kind: string } } }).case).toMatchObject({ status: 'acknowledged', deadline: { kind: 'feedback' } });
    await change('acknowledged').expect(409);
    await change('investigating').expect(200);
    await change('closed').expect(400);
    await change('investigating', { outcome: 'referred' }).expect(400);
    const closed = await change('closed', { outcome: 'substantiated' }).expect(200);
    expect((closed.body as { case: { status: string; outcome: string; closedAt: string | null; deadline: unknown } }).case).toMatchObject({ status: 'closed', outcome: 'substantiated', deadline: null });
    await change('investigating').expect(409);

    const stored = await t.store.cases.get(record.id);
    expect(stored?.acknowledgedAt).not.toBeNull();
    expect(stored?.closedAt).not.toBeNull();
    const view = await reporterView(loginSecret);
    expect(view.status).toBe('closed');
    const statusEvents = view.events.filter((e) => e.kind === 'status');
    expect(statusEvents.map((e) => e.status)).toEqual(['acknowledged', 'investigating', 'closed']);
    expect(statusEvents[2]?.outcome).toBe('substantiated');
    expect(statusEvents.every((e) => typeof e.sealed === 'string')).toBe(true);
    const audit = await t.store.audit.list({ action: 'case.status', caseId: record.id, limit: 10 });
    expect(audit.map((e) => e.detail)).toEqual([
      { from: 'received', status: 'acknowledged' },
      { from: 'acknowledged', status: 'investigating' },
      { from: 'investigating', status: 'closed', outcome: 'substantiated' },
    ]);
  });

  it('lets an acknowledged report be closed without an investigation', async () => {
    const { record } = await givenCase();
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/status`).send({ status: 'acknowledged', reason: fakeEnvelope('message') }).expect(200);
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/status`).send({ status: 'closed', outcome: 'inadmissible', reason: fakeEnvelope('message') }).expect(200);
  });
});

describe('messages and notes', () => {
  it('records the first message to the reporter as feedback; notes stay with officers', async () => {
    const { record, loginSecret } = await givenCase();
    const note = await as(t, officer.token).post(`/api/v1/cases/${record.id}/messages`).send({ id: randomUUID(), kind: 'note', body: fakeEnvelope('note') }).expect(201);
    expect((await t.store.cases.get(record.id))?.firstFeedbackAt).toBeNull();
    const id = randomUUID();
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/messages`).send({ id, kind: 'message', body: fakeEnvelope('message') }).expect(201);
    const first = (await t.store.cases.get(record.id))?.firstFeedbackAt;
    expect(first).not.toBeNull();
    t.clock.advance(5000);
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/messages`).send({ id: randomUUID(), kind: 'message', body: fakeEnvelope('message') }).expect(201);
    expect((await t.store.cases.get(record.id))?.firstFeedbackAt).toEqual(first);
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/messages`).send({ id, kind: 'message', body: fakeEnvelope('message') }).expect(409);

    const view = await reporterView(loginSecret);
    expect(view.messages).toHaveLength(2);
    expect(view.messages.every((m) => m.from === 'officer')).toBe(true);
    expect(JSON.stringify(view)).not.toContain((note.body as { id: string }).id);
    expect((await t.store.audit.list({ caseId: record.id, limit: 10 })).map((e) => e.action)).toEqual(['case.note', 'case.message', 'case.message']);
  });

  it('refuses a note from an officer without the notes key', async () => {
    const { record } = await givenCase();
    await t.store.cases.addKeys(record.id, [newKey(colleague.staff.id, 'case')], { id: randomUUID(), at: new Date(), kind: 'grant', actorId: officer.staff.id, detail: {}, sealed: null, visibleToReporter: false });
    const res = await as(t, colleague.token).post(`/api/v1/cases/${record.id}/messages`).send({ id: randomUUID(), kind: 'note', body: fakeEnvelope('note') }).expect(403);
    expect((res.body as { error: { id: string } }).error.id).toBe('notes_key_required');
    const view = await as(t, colleague.token).get(`/api/v1/cases/${record.id}`).expect(200);
    expect((view.body as { keys: { kind: string }[] }).keys.map((k) => k.kind)).toEqual(['case']);
  });
});

describe('labels and export', () => {
  it('sets short labels, refuses free text, and audits an export', async () => {
    const { record } = await givenCase();
    const res = await as(t, officer.token).post(`/api/v1/cases/${record.id}/labels`).send({ labels: ['marchés', 'urgent'] }).expect(200);
    expect((res.body as { case: { labels: string[] } }).case.labels).toEqual(['marchés', 'urgent']);
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/labels`).send({ labels: ['the mayor took a bribe'] }).expect(400);
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/export`).send({ format: 'pdf' }).expect(204);
    expect(await t.store.audit.list({ action: 'case.export', caseId: record.id, limit: 5 })).toEqual([expect.objectContaining({ actorId: officer.staff.id, detail: { format: 'pdf' } })]);
  });
});

describe('grants and transfers', () => {
  it('grants to an active officer of the channel only, records it on the case, and transfers the lead', async () => {
    const { record } = await givenCase();
    const outsider = await activatePerson(t, { roles: ['officer'], channels: [(await givenChannel(t.store)).id] });
    const grant = (staffId: string, extra: Record<string, unknown> = {}) =>
      as(t, officer.token).post(`/api/v1/cases/${record.id}/grants`).send({ staffId, keys: [{ kind: 'case', wrapped: fakeWrappedKey() }, { kind: 'notes', wrapped: fakeWrappedKey() }], ...extra });

    await grant(outsider.staff.id).expect(400);
    await grant(officer.staff.id).expect(400);
    const officers = await as(t, officer.token).get(`/api/v1/cases/${record.id}/officers`).expect(200);
    expect((officers.body as { officers: { id: string; holds: string[] }[] }).officers).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: colleague.staff.id, holds: [] }), expect.objectContaining({ id: officer.staff.id, holds: ['case', 'notes'] })]),
    );

    await grant(colleague.staff.id).expect(204);
    await grant(colleague.staff.id).expect(409);
    const seen = await as(t, colleague.token).get(`/api/v1/cases/${record.id}`).expect(200);
    const view = seen.body as { keys: { kind: string; grantedBy: string }[]; access: { staffId: string; grantedBy: string | null }[]; events: { kind: string; actorId: string }[] };
    expect(view.keys.map((k) => [k.kind, k.grantedBy])).toEqual([['case', officer.staff.id], ['notes', officer.staff.id]]);
    expect(view.access.filter((a) => a.staffId === colleague.staff.id).every((a) => a.grantedBy === officer.staff.id)).toBe(true);
    expect(view.events).toContainEqual(expect.objectContaining({ kind: 'grant', actorId: officer.staff.id, detail: { staffId: colleague.staff.id, kinds: ['case', 'notes'] } }));

    await as(t, colleague.token).post(`/api/v1/cases/${record.id}/grants`).send({ staffId: officer.staff.id, keys: [{ kind: 'case', wrapped: fakeWrappedKey() }], transfer: true }).expect(204);
    expect((await t.store.cases.get(record.id))?.assigneeId).toBe(officer.staff.id);
    await grant(colleague.staff.id, { transfer: true }).expect(204);
    expect((await t.store.cases.get(record.id))?.assigneeId).toBe(colleague.staff.id);
    const mails = (await t.store.outbox.unrelayed(20)).filter((j) => j.name === 'mail.notify').map((j) => j.payload);
    expect(mails).toEqual(expect.arrayContaining([
      { caseId: record.id, event: 'new-case', staffId: officer.staff.id },
      { caseId: record.id, event: 'new-case', staffId: colleague.staff.id },
    ]));
    const events = (await t.store.cases.events(record.id)).filter((e) => e.kind === 'transfer');
    expect(events).toHaveLength(2);
    expect(events.every((e) => !e.visibleToReporter)).toBe(true);
    expect((await t.store.audit.list({ caseId: record.id, limit: 20 })).map((e) => e.action).filter((a) => a !== 'case.opened')).toEqual(['case.grant', 'case.transfer', 'case.transfer']);
  });

  it('refuses to pass on a notes key the granting officer does not hold, and an identity key at all', async () => {
    const { record } = await givenCase();
    await t.store.cases.addKeys(record.id, [newKey(colleague.staff.id, 'case')], { id: randomUUID(), at: new Date(), kind: 'grant', actorId: officer.staff.id, detail: {}, sealed: null, visibleToReporter: false });
    const third = await activatePerson(t, { roles: ['officer'], channels: [channelId] });
    await as(t, colleague.token).post(`/api/v1/cases/${record.id}/grants`).send({ staffId: third.staff.id, keys: [{ kind: 'case', wrapped: fakeWrappedKey() }, { kind: 'notes', wrapped: fakeWrappedKey() }] }).expect(403);
    await as(t, officer.token).post(`/api/v1/cases/${record.id}/grants`).send({ staffId: third.staff.id, keys: [{ kind: 'identity', wrapped: fakeWrappedKey() }] }).expect(400);
    expect(await t.store.cases.keysFor(record.id, third.staff.id)).toEqual([]);
  });
});
