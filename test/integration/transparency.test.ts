/**
 * The public transparency page over HTTP: 404 while off (the default); switched on by an
 * administrator only, with the change audited; then the same noisy figures at every request,
 * k-suppressed, with the open-data export in JSON and CSV carrying its schema fields.
 */
import request from 'supertest';
import type { OpenDataDocument } from '../../shared/api/open-data.schema';
import type { Cell, StatTable, TransparencyResponse } from '../../shared/api/statistics.schema';
import { monthsBetween } from '../../server/services/statistics/period';
import { publishedPeriod } from '../../server/services/statistics/transparency.service';
import { TRANSPARENCY_AUDIT_ACTION } from '../../server/services/statistics/transparency-settings';
import { DAY_MS, givenCase, givenChannel } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, createStaffApp, CSRF, type Person } from '../staff/staff-harness';

let t: TestApp;
let admin: Person;
let committee: Person;
let channelId: string;
const TRUE_TOTAL = 60;

beforeAll(async () => {
  t = await createStaffApp();
  const categories = [{ id: 'corruption', label: { ar: 'فساد', fr: 'Corruption', en: 'Corruption' } }, { id: 'other', label: { ar: 'أخرى', fr: 'Autre', en: 'Other' } }];
  channelId = (await givenChannel(t.store, { id: 'a-channel-0001', definition: { name: { ar: 'أ', fr: 'A', en: 'A' }, categories } })).id;
  const period = publishedPeriod(t.clock.now(), t.config.deadlines.feedbackDays);
  const [first] = monthsBetween(period.from, period.to);
  for (let i = 0; i < TRUE_TOTAL; i += 1) {
    const created = await givenCase(t.store, { case: { channelId, createdAt: new Date(`${first}-10T00:00:00Z`) } });
    await t.store.cases.update(created.id, { status: 'acknowledged', acknowledgedAt: new Date(created.createdAt.getTime() + DAY_MS) }, null, []);
  }
  admin = await activatePerson(t, { roles: ['admin'] });
  committee = await activatePerson(t, { roles: ['committee'] });
});
afterAll(async () => {
  await t.close();
});

const published = (cells: Cell[]): number[] => cells.flatMap((c) => (c.status === 'published' ? [c.value] : []));
const entries = (table: StatTable): Cell[] => [...table.cells.flat(), ...table.rowTotals, ...table.colTotals, table.total];

describe('the public transparency page', () => {
  it('does not exist until an administrator switches it on', async () => {
    await request(t.app).get('/api/v1/public/transparency').expect(404);
    await request(t.app).get('/api/v1/public/open-data').expect(404);
    await request(t.app).get('/api/v1/public/open-data?format=csv').expect(404);
  });

  it('can be switched only by an administrator, with the CSRF header, and the change is audited', async () => {
    const settings = { enabled: true, epsilon: 0.5, licence: 'CC-BY-4.0' };
    await request(t.app).put('/api/v1/admin/transparency').set(CSRF).send(settings).expect(401);
    await as(t, committee.token).put('/api/v1/admin/transparency').send(settings).expect(403);
    await request(t.app).put('/api/v1/admin/transparency').set('Authorization', `Bearer ${admin.token}`).send(settings).expect(403);
    await as(t, admin.token).put('/api/v1/admin/transparency').send({ ...settings, epsilon: 0 }).expect(400);
    await request(t.app).get('/api/v1/public/transparency').expect(404);
    const res = await as(t, admin.token).put('/api/v1/admin/transparency').send(settings).expect(200);
    expect(res.body).toEqual(settings);
    expect((await as(t, admin.token).get('/api/v1/admin/transparency').expect(200)).body).toEqual(settings);
    const audit = await t.store.audit.list({ action: TRANSPARENCY_AUDIT_ACTION, limit: 10 });
    expect(audit.map((e) => [e.actorId, e.detail])).toEqual([[admin.staff.id, settings]]);
  });

  it('publishes noisy figures, the same at every request, none of them below k', async () => {
    const first = (await request(t.app).get('/api/v1/public/transparency').expect(200)).body as TransparencyResponse;
    expect(first.epsilon).toBe(0.5);
    expect(first.k).toBe(5);
    expect(first.licence).toBe('CC-BY-4.0');
    const period = publishedPeriod(t.clock.now(), t.config.deadlines.feedbackDays);
    expect(first.received.byMonth.cols).toEqual(monthsBetween(period.from, period.to));
    const again = (await request(t.app).get('/api/v1/public/transparency').expect(200)).body as TransparencyResponse;
    expect({ ...again, generatedAt: null }).toEqual({ ...first, generatedAt: null });
    for (const table of Object.values(first.received)) for (const v of published(entries(table))) expect(v === 0 || v >= 5).toBe(true);
    // Scale 5/0.5 = 10 on each of 12 months x 3 cells of the channel: the figures cannot all be the true ones.
    expect(first.received.byCategory.cols).toEqual(['corruption', 'other', '_other']);
    const row = first.received.byCategory.cells[0] ?? [];
    const truth = [TRUE_TOTAL, 0, 0];
    expect(row.map((c) => (c.status === 'published' ? c.value : null)).some((v, j) => v !== truth[j])).toBe(true);
    expect(JSON.stringify(first)).not.toMatch(/receipt|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('exports the same figures as open data, JSON and CSV, with their schema fields', async () => {
    const page = (await request(t.app).get('/api/v1/public/transparency').expect(200)).body as TransparencyResponse;
    const doc = (await request(t.app).get('/api/v1/public/open-data').expect(200)).body as OpenDataDocument;
    expect(Object.keys(doc)).toEqual(['schema_version', 'licence', 'period', 'generated_at', 'epsilon', 'k', 'data']);
    expect(doc).toMatchObject({ schema_version: '1.0', licence: 'CC-BY-4.0', epsilon: 0.5, k: 5 });
    expect(doc.period.from).toBe(`${page.period.from}-01`);
    expect(doc.period.to).toMatch(/^\d{4}-\d{2}-01$/);
    const total = doc.data.records.find((r) => r.table === 'received_by_month' && r.channel === '_all' && r.column === '_all');
    expect(total?.value ?? total?.status).toEqual(page.received.byMonth.total.status === 'published' ? page.received.byMonth.total.value : page.received.byMonth.total.status);
    for (const r of doc.data.records) if (r.table.startsWith('received') && r.value !== null) expect(r.value === 0 || r.value >= 5).toBe(true);
    const csv = await request(t.app).get('/api/v1/public/open-data?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('table,channel,channel_name_ar,channel_name_fr,channel_name_en,column,value,status');
    expect(lines).toHaveLength(doc.data.records.length + 1);
  });
});
