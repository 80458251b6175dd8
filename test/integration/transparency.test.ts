/**
 * The public transparency page over HTTP. First the installation of issue 13: brand new,
 * three channels that never had an officer, two reports from this month. Switched on, it
 * publishes nothing invented: no month before the installation, no figure while no month is
 * final, and once the month is final, figures that add up, each with its margin, none far
 * above the truth. Then a year of history: twelve months, consistent tables, and nothing for
 * a channel before it existed. The admin preview returns exactly what is published; the
 * open data carries the same figures, margins and ranges.
 */
import request from 'supertest';
import type { OpenDataDocument } from '../../shared/api/open-data.schema';
import type { PublicFigure, PublicTable, TransparencyResponse } from '../../shared/api/statistics.schema';
import { monthKey } from '../../server/ports/stats.port';
import { monthsBetween } from '../../server/services/statistics/period';
import { publishedPeriod } from '../../server/services/statistics/transparency.service';
import { TRANSPARENCY_AUDIT_ACTION, TRANSPARENCY_ENABLED_AT_KEY } from '../../server/services/statistics/transparency-settings';
import { DAY_MS, givenCase, givenChannel } from '../support/factories';
import { backdateInstallation } from '../support/installation-history';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, createStaffApp, CSRF, type Person } from '../staff/staff-harness';

const categories = [{ id: 'corruption', label: { ar: 'فساد', fr: 'Corruption', en: 'Corruption' } }, { id: 'other', label: { ar: 'أخرى', fr: 'Autre', en: 'Other' } }];
const definition = (name: string) => ({ name: { ar: name, fr: name, en: name }, categories });

const figures = (t: PublicTable): PublicFigure[] => [...t.cells.flat(), ...t.rowTotals, ...t.colTotals, t.total];
const valueOf = (f: PublicFigure | undefined): number | null => (f && (f.status === 'about' || f.status === 'small') ? f.value : null);
const sum = (values: (number | null)[]): number => values.reduce<number>((a, b) => a + (b ?? 0), 0);
/** the page's count tables add up: every total is the sum of its cells */
function expectConsistent(table: PublicTable): void {
  table.rows.forEach((_, i) => {
    const cells = (table.cells[i] ?? []).map(valueOf);
    if (cells.some((v) => v !== null)) expect(valueOf(table.rowTotals[i])).toBe(sum(cells));
  });
  table.cols.forEach((_, j) => expect(valueOf(table.colTotals[j])).toBe(sum(table.cells.map((r) => valueOf(r[j])))));
  if (table.cols.length > 0) expect(valueOf(table.total)).toBe(sum(table.colTotals.map(valueOf)));
}
/** Within three times its margin of the truth: a 90% margin misses that far about once in a thousand. */
function expectNear(figure: PublicFigure | undefined, truth: number): void {
  expect(figure?.status === 'about' || figure?.status === 'small').toBe(true);
  if (figure?.status === 'small') expect(truth).toBeLessThanOrEqual(figure.upTo + 2 * figure.margin);
  if (figure?.status === 'about') expect(Math.abs(figure.value - truth)).toBeLessThanOrEqual(3 * figure.margin);
}

describe('the public page of a new installation (issue 13: 2 reports this month, 3 channels without an officer)', () => {
  let t: TestApp;
  let admin: Person;
  let committee: Person;
  let ids: string[];
  const page = async (): Promise<TransparencyResponse> => (await request(t.app).get('/api/v1/public/transparency').expect(200)).body as TransparencyResponse;

  beforeAll(async () => {
    t = await createStaffApp();
    ids = [];
    for (const [i, name] of ['A', 'B', 'C'].entries()) ids.push((await givenChannel(t.store, { id: `${name.toLowerCase()}-channel-0001`, position: i, definition: definition(name) })).id);
    for (let i = 0; i < 2; i += 1) await givenCase(t.store, { case: { channelId: ids[0] as string, category: 'corruption', createdAt: t.clock.now() } });
    admin = await activatePerson(t, { roles: ['admin'] });
    committee = await activatePerson(t, { roles: ['committee'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not exist until an administrator switches it on', async () => {
    await request(t.app).get('/api/v1/public/transparency').expect(404);
    await request(t.app).get('/api/v1/public/open-data').expect(404);
    await request(t.app).get('/api/v1/public/open-data?format=csv').expect(404);
  });

  it('offers administrators a preview before they switch it on, and only them', async () => {
    await request(t.app).get('/api/v1/admin/transparency/preview').expect(401);
    await as(t, committee.token).get('/api/v1/admin/transparency/preview').expect(403);
    const preview = (await as(t, admin.token).get('/api/v1/admin/transparency/preview').expect(200)).body as TransparencyResponse;
    expect(preview.period).toBeNull();
    expect(preview.startMonth).toBe(monthKey(t.clock.now()));
    await request(t.app).get('/api/v1/public/transparency').expect(404);
  });

  it('can be switched only by an administrator, with the CSRF header; the first switch-on date is kept and audited', async () => {
    const settings = { enabled: true, epsilon: 1, licence: 'CC-BY-4.0' };
    await request(t.app).put('/api/v1/admin/transparency').set(CSRF).send(settings).expect(401);
    await as(t, committee.token).put('/api/v1/admin/transparency').send(settings).expect(403);
    await request(t.app).put('/api/v1/admin/transparency').set('Authorization', `Bearer ${admin.token}`).send(settings).expect(403);
    await as(t, admin.token).put('/api/v1/admin/transparency').send({ ...settings, epsilon: 0 }).expect(400);
    await as(t, admin.token).put('/api/v1/admin/transparency').send({ ...settings, enabledAt: '2020-01-01T00:00:00.000Z' }).expect(400);
    const res = await as(t, admin.token).put('/api/v1/admin/transparency').send(settings).expect(200);
    const enabledAt = (res.body as { enabledAt: string }).enabledAt;
    expect(res.body).toEqual({ ...settings, enabledAt });
    expect(Math.abs(Date.parse(enabledAt) - t.clock.now().getTime())).toBeLessThan(60_000);
    // Off and on again: the first date stays, so no earlier month becomes publishable.
    await as(t, admin.token).put('/api/v1/admin/transparency').send({ ...settings, enabled: false }).expect(200);
    t.clock.advance(60_000);
    expect((await as(t, admin.token).put('/api/v1/admin/transparency').send(settings).expect(200)).body).toEqual({ ...settings, enabledAt });
    expect((await as(t, admin.token).get('/api/v1/admin/transparency').expect(200)).body).toEqual({ ...settings, enabledAt });
    const audit = await t.store.audit.list({ action: TRANSPARENCY_AUDIT_ACTION, limit: 10 });
    expect(audit).toHaveLength(3);
    expect(audit.every((e) => e.actorId === admin.staff.id)).toBe(true);
  });

  it('publishes nothing while no month since the installation is final: no month, no figure, and says when the first will come', async () => {
    const body = await page();
    expect(body.period).toBeNull();
    expect(body.received.byMonth.cols).toEqual([]);
    expect(body.firstPublicationOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const table of [...Object.values(body.received), ...Object.values(body.deadlines)]) for (const f of figures(table)) expect(f.status).toBe('absent');
    const doc = (await request(t.app).get('/api/v1/public/open-data').expect(200)).body as OpenDataDocument;
    expect(doc.period).toBeNull();
    expect(doc.data.records.every((r) => r.value === null && r.status === 'absent')).toBe(true);
    expect((await as(t, admin.token).get('/api/v1/admin/transparency/preview').expect(200)).body).toEqual({ ...body, generatedAt: expect.any(String) });
  });

  it('once that month is final, publishes it alone, adding up, each channel near its truth, the same at every request', async () => {
    const reportsMonth = monthKey(new Date(t.clock.now().getTime() - DAY_MS));
    t.clock.advance(150 * DAY_MS);
    // Signed in again: the session of five months ago has expired.
    admin = await activatePerson(t, { roles: ['admin'] });
    const body = await page();
    expect(body.period).toEqual({ from: reportsMonth, to: reportsMonth });
    expect(body.received.byMonth.cols).toEqual([reportsMonth]);
    for (const table of Object.values(body.received)) expectConsistent(table);
    [2, 0, 0].forEach((truth, i) => expectNear(body.received.byMonth.rowTotals[i], truth));
    expectNear(body.received.byMonth.total, 2);
    for (const f of figures(body.received.byMonth)) if (f.status === 'about' || f.status === 'small') expect(f.margin).toBeGreaterThan(0);
    expect({ ...(await page()), generatedAt: null }).toEqual({ ...body, generatedAt: null });
    expect({ ...(await as(t, admin.token).get('/api/v1/admin/transparency/preview').expect(200)).body, generatedAt: null }).toEqual({ ...body, generatedAt: null });
    expect(JSON.stringify(body)).not.toMatch(/receipt|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('exports the same figures as open data 2.0, JSON and CSV, with margins and ranges', async () => {
    const body = await page();
    const doc = (await request(t.app).get('/api/v1/public/open-data').expect(200)).body as OpenDataDocument;
    expect(Object.keys(doc)).toEqual(['schema_version', 'licence', 'period', 'start_month', 'generated_at', 'epsilon', 'k', 'confidence', 'data']);
    expect(doc).toMatchObject({ schema_version: '2.0', licence: 'CC-BY-4.0', epsilon: 1, k: 5, confidence: 0.9, start_month: body.startMonth });
    expect(doc.period?.from).toBe(`${body.period?.from}-01`);
    const total = doc.data.records.find((r) => r.table === 'received_by_month' && r.channel === '_all' && r.column === '_all');
    expect(total?.value).toBe(valueOf(body.received.byMonth.total));
    for (const r of doc.data.records) {
      if (r.value === null) continue;
      expect(r.low).toBeLessThanOrEqual(r.value);
      expect(r.high).toBeGreaterThanOrEqual(r.value);
      if (r.status === 'small') expect(r.low).toBe(0);
    }
    const csv = await request(t.app).get('/api/v1/public/open-data?format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('table,channel,channel_name_ar,channel_name_fr,channel_name_en,column,value,margin,low,high,status');
    expect(lines).toHaveLength(doc.data.records.length + 1);
  });
});

describe('the public page of an installation with a year of history', () => {
  let t: TestApp;
  let old: string;
  let recent: string;
  const TRUE_TOTAL = 60;

  beforeAll(async () => {
    t = await createStaffApp();
    old = (await givenChannel(t.store, { id: 'old-channel-0001', position: 0, definition: definition('Old') })).id;
    const now = t.clock.now();
    backdateInstallation(t.config.paths.sqlite, new Date(now.getTime() - 730 * DAY_MS));
    await t.store.settings.set(TRANSPARENCY_ENABLED_AT_KEY, new Date(now.getTime() - 700 * DAY_MS).toISOString(), now);
    await t.store.settings.set('transparency', { enabled: true, epsilon: 1, licence: 'CC-BY-4.0' }, now);
    // Created today, after the backdating: it existed in none of the published months.
    recent = (await givenChannel(t.store, { id: 'new-channel-0001', position: 1, definition: definition('New') })).id;
    const period = publishedPeriod(now, t.config.deadlines.feedbackDays);
    const [first] = monthsBetween(period?.from ?? now, period?.to ?? now);
    for (let i = 0; i < TRUE_TOTAL; i += 1) {
      const created = await givenCase(t.store, { case: { channelId: old, category: 'corruption', createdAt: new Date(`${first}-10T00:00:00Z`) } });
      await t.store.cases.update(created.id, { status: 'acknowledged', acknowledgedAt: new Date(created.createdAt.getTime() + DAY_MS) }, null, []);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes the twelve final months, adding up, the busy month near its truth, nothing for a channel before it existed', async () => {
    const body = (await request(t.app).get('/api/v1/public/transparency').expect(200)).body as TransparencyResponse;
    const period = publishedPeriod(t.clock.now(), t.config.deadlines.feedbackDays);
    const months = monthsBetween(period?.from ?? new Date(), period?.to ?? new Date());
    expect(months).toHaveLength(12);
    expect(body.received.byMonth.cols).toEqual(months);
    for (const table of Object.values(body.received)) expectConsistent(table);
    expectNear(body.received.byMonth.cells[0]?.[0], TRUE_TOTAL);
    expectNear(body.received.byMonth.rowTotals[0], TRUE_TOTAL);
    const row = body.received.byMonth.rows.indexOf(recent);
    expect(body.received.byMonth.cells[row]?.every((f) => f.status === 'absent')).toBe(true);
    expect(body.received.byCategory.rowTotals[row]).toEqual({ status: 'absent' });
    expect(body.channelSince[recent]).toBe(monthKey(t.clock.now()));
    expect(body.received.byCategory.cols).toEqual(['corruption', 'other', '_other']);
    // Acknowledged the next day: the share in time of the busy month is about 1, if shown.
    const share = body.deadlines.acknowledge.cells[0]?.[0];
    if (share?.status === 'about') expect(share.value).toBeGreaterThan(0.6);
  });
});
