/**
 * Administrators: staff accounts (list, roles and channels, deactivation with history
 * kept), the guard against losing the last administrator, the audit log browser and the
 * dead-letter routes behind the same administrator guard. Only administrators get in.
 */
import request from 'supertest';
import type { TestApp } from '../support/test-app';
import { givenChannel } from '../support/factories';
import { activatePerson, as, createStaffApp, CSRF, freshTotp, type Person } from './staff-harness';

let t: TestApp;
let admin: Person;
let officer: Person;
let channelId: string;

beforeEach(async () => {
  t = await createStaffApp();
  channelId = (await givenChannel(t.store)).id;
  admin = await activatePerson(t, { roles: ['admin'] });
  officer = await activatePerson(t, { roles: ['officer'], channels: [channelId] });
});
afterEach(async () => {
  await t.close();
});

describe('staff accounts', () => {
  it('lets only administrators list and change staff', async () => {
    await request(t.app).get('/api/v1/staff').expect(401);
    await as(t, officer.token).get('/api/v1/staff').expect(403);
    await as(t, officer.token).post('/api/v1/staff').send({ email: 'x@commune.example', displayName: 'X', language: 'fr', roles: ['admin'] }).expect(403);
    await as(t, officer.token).put(`/api/v1/staff/${officer.staff.id}/access`).send({ roles: ['admin', 'officer'], department: null, channels: [] }).expect(403);
    expect((await t.store.staff.get(officer.staff.id))?.roles).toEqual(['officer']);

    const res = await as(t, admin.token).get('/api/v1/staff').expect(200);
    const listed = (res.body as { staff: Record<string, unknown>[] }).staff;
    expect(listed.map((s) => s.id).sort()).toEqual([admin.staff.id, officer.staff.id].sort());
    for (const s of listed) expect(Object.keys(s).sort()).toEqual(['awayFrom', 'awayUntil', 'channels', 'createdAt', 'department', 'displayName', 'email', 'id', 'language', 'roles', 'status']);
  });

  it('sets roles, department and channels together, and only officers join channels', async () => {
    const second = (await givenChannel(t.store)).id;
    const res = await as(t, admin.token)
      .put(`/api/v1/staff/${officer.staff.id}/access`)
      .send({ roles: ['officer', 'custodian'], department: 'Urbanisme', channels: [{ channelId: second, supervisor: true }] })
      .expect(200);
    expect((res.body as { staff: unknown }).staff).toMatchObject({ roles: ['officer', 'custodian'], department: 'Urbanisme', channels: [{ channelId: second, supervisor: true }] });
    expect(await t.store.channels.members(channelId)).toEqual([]);

    const committee = await as(t, admin.token).put(`/api/v1/staff/${officer.staff.id}/access`).send({ roles: ['committee'], department: null, channels: [{ channelId, supervisor: false }] }).expect(400);
    expect((committee.body as { error: { details: { field: string } } }).error.details.field).toBe('channels');
    await as(t, admin.token).put(`/api/v1/staff/${officer.staff.id}/access`).send({ roles: ['officer'], department: null, channels: [{ channelId: 'no-such-channel', supervisor: false }] }).expect(400);
    const entry = (await t.store.audit.list({ action: 'staff.access_changed', limit: 5 }))[0];
    expect(entry).toMatchObject({ actorId: admin.staff.id, detail: { staffId: officer.staff.id, roles: ['officer', 'custodian'] } });
  });

  it('never leaves the installation without an active administrator', async () => {
    const demote = await as(t, admin.token).put(`/api/v1/staff/${admin.staff.id}/access`).send({ roles: ['officer'], department: null, channels: [] }).expect(409);
    expect((demote.body as { error: { id: string } }).error.id).toBe('last_administrator');
    await as(t, admin.token).post(`/api/v1/staff/${admin.staff.id}/deactivate`).expect(409);
    const second = await activatePerson(t, { roles: ['admin'] });
    await as(t, second.token).post(`/api/v1/staff/${admin.staff.id}/deactivate`).expect(200);
  });

  it('deactivates an account: sessions end at once, sign-in fails, memberships go, the record stays', async () => {
    const res = await as(t, admin.token).post(`/api/v1/staff/${officer.staff.id}/deactivate`).expect(200);
    expect((res.body as { staff: unknown }).staff).toMatchObject({ id: officer.staff.id, status: 'deactivated', channels: [] });
    await as(t, officer.token).get('/api/v1/me').expect(401);
    await request(t.app).post('/api/v1/auth/login').set(CSRF).send({ email: officer.email, loginSecret: officer.loginSecret, totp: freshTotp(t, officer) }).expect(401);
    expect((await t.store.staff.get(officer.staff.id))?.status).toBe('deactivated');
    const entry = (await t.store.audit.list({ action: 'staff.deactivated', limit: 5 }))[0];
    expect(entry).toMatchObject({ actorId: admin.staff.id, detail: { staffId: officer.staff.id, channels: [channelId], sessions: 1 } });
  });

  it('refuses a second account with the same address whatever its case', async () => {
    const res = await as(t, admin.token).post('/api/v1/staff').send({ email: officer.email.toUpperCase(), displayName: 'Twin', language: 'fr', roles: ['officer'] }).expect(409);
    expect((res.body as { error: { id: string } }).error.id).toBe('staff_exists');
  });
});

describe('own settings', () => {
  it('changes language and absence, and refuses an absence that ends before it starts', async () => {
    const res = await as(t, officer.token).patch('/api/v1/me').send({ language: 'ar', awayFrom: '2030-01-01T00:00:00Z', awayUntil: '2030-01-15T00:00:00Z' }).expect(200);
    expect(res.body).toMatchObject({ language: 'ar', awayFrom: '2030-01-01T00:00:00.000Z', awayUntil: '2030-01-15T00:00:00.000Z' });
    await as(t, officer.token).patch('/api/v1/me').send({ awayFrom: '2030-02-01T00:00:00Z' }).expect(400);
    await as(t, officer.token).patch('/api/v1/me').send({ awayFrom: null, awayUntil: null }).expect(200);
    expect((await t.store.audit.list({ action: 'me.updated', actorId: officer.staff.id, limit: 5 })).length).toBe(2);
  });
});

describe('audit log', () => {
  it('lets administrators browse and filter it, page by page; nobody else', async () => {
    await as(t, officer.token).get('/api/v1/audit').expect(403);
    const all = await as(t, admin.token).get('/api/v1/audit?limit=1').expect(200);
    const first = all.body as { entries: { seq: number; action: string; hash: string }[]; nextSeq: number | null };
    expect(first.entries).toHaveLength(1);
    expect(first.entries[0]).toMatchObject({ seq: 1, action: 'staff.activated' });
    expect(first.nextSeq).toBe(2);
    const next = await as(t, admin.token).get(`/api/v1/audit?limit=1&fromSeq=${first.nextSeq ?? 0}`).expect(200);
    expect((next.body as { entries: { seq: number }[] }).entries[0]?.seq).toBe(2);

    const byActor = await as(t, admin.token).get(`/api/v1/audit?actor=${officer.staff.id}`).expect(200);
    const actions = (byActor.body as { entries: { actorId: string }[] }).entries;
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((e) => e.actorId === officer.staff.id)).toBe(true);
    const byAction = await as(t, admin.token).get('/api/v1/audit?action=staff.activated').expect(200);
    expect((byAction.body as { entries: unknown[] }).entries).toHaveLength(2);
  });
});

describe('dead-letter list', () => {
  it('sits behind the administrator guard and its request-forgery check', async () => {
    await request(t.app).get('/api/v1/admin/jobs/dead').expect(401);
    await as(t, officer.token).get('/api/v1/admin/jobs/dead').expect(403);
    await as(t, admin.token).get('/api/v1/admin/jobs/dead').expect(200);
    await request(t.app).post(`/api/v1/admin/jobs/${encodeURIComponent('system.probe:missing')}/retry`).set('Authorization', `Bearer ${admin.token}`).expect(403);
    await as(t, admin.token).post(`/api/v1/admin/jobs/${encodeURIComponent('system.probe:missing')}/retry`).expect(404);
  });
});
