/**
 * Statistics over HTTP on the real app and SQLite: a fixture of 23 cases of 2023 built with
 * the factories, whose figures were counted by hand (see the comments), read back through
 * the services with k = 1 (nothing suppressed) and over HTTP with k = 5; who may read them;
 * and the public page, off until an administrator switches it on, then noisy and frozen.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { AnnualReportResponse, Cell, DashboardResponse, RateTable, StatTable } from '../../shared/api/statistics.schema';
import type { CaseRecord } from '../../server/ports/store.port';
import { buildAnnualReport } from '../../server/services/statistics/annual-report.service';
import { buildDashboard } from '../../server/services/statistics/dashboard.service';
import { DAY_MS, givenCase, givenChannel } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { activatePerson, as, createStaffApp, fakeEnvelope, fakeSealedReason, fakeWrappedKey, type Person } from '../staff/staff-harness';

const HOUR_MS = 60 * 60 * 1000;
const definition = (name: string) => ({
  name: { ar: name, fr: name, en: name },
  categories: [{ id: 'corruption', label: { ar: 'فساد', fr: 'Corruption', en: 'Corruption' } }, { id: 'other', label: { ar: 'أخرى', fr: 'Autre', en: 'Other' } }],
});

let t: TestApp;
let a: string;
let b: string;
let committee: Person;
let admin: Person;
let officer: Person;

const after = (c: CaseRecord, ms: number): Date => new Date(c.createdAt.getTime() + ms);

beforeAll(async () => {
  t = await createStaffApp();
  a = (await givenChannel(t.store, { id: 'a-channel-0001', position: 0, definition: definition('A') })).id;
  b = (await givenChannel(t.store, { id: 'b-channel-0001', position: 1, definition: definition('B') })).id;
  const update = (c: CaseRecord, patch: Parameters<TestApp['store']['cases']['update']>[1]) => t.store.cases.update(c.id, patch, null, []);
  const created: CaseRecord[] = [];
  const make = async (channelId: string, iso: string, category: string, count: number): Promise<CaseRecord[]> => {
    const made: CaseRecord[] = [];
    for (let i = 0; i < count; i += 1) made.push(await givenCase(t.store, { case: { channelId, category, createdAt: new Date(iso) } }));
    created.push(...made);
    return made;
  };
  // A, March: 6 acknowledged in 24 h, first message after 10 days, substantiated.
  for (const c of await make(a, '2023-03-10T00:00:00Z', 'corruption', 6)) {
    await update(c, { status: 'acknowledged', acknowledgedAt: after(c, 24 * HOUR_MS) });
    await update(c, { firstFeedbackAt: after(c, 10 * DAY_MS) });
    await update(c, { status: 'closed', outcome: 'substantiated', closedAt: after(c, 20 * DAY_MS) });
  }
  // A, March: 4 acknowledged in 48 h, closed not substantiated after 30 days without a message.
  for (const c of await make(a, '2023-03-10T00:00:00Z', 'corruption', 4)) {
    await update(c, { status: 'acknowledged', acknowledgedAt: after(c, 48 * HOUR_MS) });
    await update(c, { status: 'closed', outcome: 'not_substantiated', closedAt: after(c, 30 * DAY_MS) });
  }
  // A, March: 2 acknowledged late (200 h > 7 days), under investigation, never answered.
  for (const c of await make(a, '2023-03-10T00:00:00Z', 'corruption', 2)) {
    await update(c, { status: 'acknowledged', acknowledgedAt: after(c, 200 * HOUR_MS) });
    await update(c, { status: 'investigating' });
  }
  // A, April: 3 acknowledged in 2 h, nothing since.
  for (const c of await make(a, '2023-04-05T00:00:00Z', 'other', 3)) await update(c, { status: 'acknowledged', acknowledgedAt: after(c, 2 * HOUR_MS) });
  // B, March: 7 never acknowledged.
  await make(b, '2023-03-20T00:00:00Z', 'corruption', 7);
  // B, May: 1 acknowledged in 1 h, referred after 5 days, later purged by retention.
  for (const c of await make(b, '2023-05-02T00:00:00Z', 'corruption', 1)) {
    await update(c, { status: 'acknowledged', acknowledgedAt: after(c, HOUR_MS) });
    await update(c, { status: 'closed', outcome: 'referred', closedAt: after(c, 5 * DAY_MS) });
    await t.store.cases.purge(c.id, after(c, 400 * DAY_MS), []);
  }
  expect(created).toHaveLength(23);
  committee = await activatePerson(t, { roles: ['committee'] });
  admin = await activatePerson(t, { roles: ['admin'] });
  officer = await activatePerson(t, { roles: ['officer'], channels: [a] });
});
afterAll(async () => {
  await t.close();
});

const value = (cell: Cell | undefined): number | string => (cell?.status === 'published' ? cell.value : (cell?.status ?? 'missing'));
const row = (table: StatTable, rowId: string): (number | string)[] => {
  const i = table.rows.indexOf(rowId);
  return [...(table.cells[i] ?? []).map(value), value(table.rowTotals[i])];
};
const rates = (table: RateTable, rowId: string): (number | string)[] => {
  const i = table.rows.indexOf(rowId);
  return [...(table.cells[i] ?? []).map(value), value(table.rowRates[i])];
};
/** every entry of a table: cells, totals */
const entries = (table: StatTable): Cell[] => [...table.cells.flat(), ...table.rowTotals, ...table.colTotals, table.total];

describe('aggregates equal the hand-counted figures', () => {
  const deps = () => ({ store: t.store, k: 1, now: t.clock.now });

  it('dashboard with nothing suppressed (k = 1)', async () => {
    const d = await buildDashboard(deps(), { from: '2023-01', to: '2023-12' });
    expect(d.received.byMonth.cols).toHaveLength(12);
    expect(row(d.received.byMonth, a)).toEqual([0, 0, 12, 3, 0, 0, 0, 0, 0, 0, 0, 0, 15]);
    expect(row(d.received.byMonth, b)).toEqual([0, 0, 7, 0, 1, 0, 0, 0, 0, 0, 0, 0, 8]);
    expect(value(d.received.byMonth.total)).toBe(23);
    expect(d.received.byCategory.cols).toEqual(['corruption', 'other']);
    expect(row(d.received.byCategory, a)).toEqual([12, 3, 15]);
    expect(d.received.byStatus.cols).toEqual(['received', 'acknowledged', 'investigating', 'closed']);
    expect(row(d.received.byStatus, a)).toEqual([0, 3, 2, 10, 15]);
    expect(row(d.received.byStatus, b)).toEqual([7, 0, 0, 1, 8]);
    expect(row(d.received.byOutcome, a)).toEqual([6, 4, 0, 0, 5, 15]);
    expect(row(d.received.byOutcome, b)).toEqual([0, 0, 1, 0, 7, 8]);
    // Acknowledgement: met = answered by the due date; missed = late, or overdue and unanswered.
    // A in March: 10 in time, 2 late; in April 3 in time. B in March: 7 never; in May 1 in time.
    expect(rates(d.deadlines.acknowledge, a).slice(2, 5)).toEqual([10 / 12, 1, 'none']);
    expect(rates(d.deadlines.acknowledge, b).slice(2, 5)).toEqual([0, 'none', 1]);
    expect(rates(d.deadlines.acknowledge, a)[12]).toBeCloseTo(13 / 15);
    expect(value(d.deadlines.acknowledge.colRates[2])).toBeCloseTo(10 / 19);
    expect(value(d.deadlines.acknowledge.overall)).toBeCloseTo(14 / 23);
    // Feedback: A in March 10 in time, 2 overdue; April 3 overdue; B March 7 overdue, May 1 in time.
    expect(rates(d.deadlines.feedback, a).slice(2, 4)).toEqual([10 / 12, 0]);
    expect(value(d.deadlines.feedback.overall)).toBeCloseTo(11 / 23);
    // Nearest-rank percentiles on bucket upper edges (hourly below 48 h, 6-hourly to 14 days,
    // daily to 90 days): A's 15 acknowledgements end 3 h (x3), 25 h (x6), 54 h (x4) and
    // 204 h (x2) after receipt; B's one 2 h.
    expect(d.durations.acknowledge.median.map(value)).toEqual([25, 2]);
    expect(d.durations.acknowledge.p90.map(value)).toEqual([204, 2]);
    expect([value(d.durations.acknowledge.overallMedian), value(d.durations.acknowledge.overallP90)]).toEqual([25, 204]);
    // Feedback: A's messages after 10 days end at 246 h (x6), its closings after 30 days at 744 h (x4); B's closing at 126 h.
    expect(d.durations.feedback.median.map(value)).toEqual([246, 126]);
    expect(d.durations.feedback.p90.map(value)).toEqual([744, 126]);
    expect([value(d.durations.feedback.overallMedian), value(d.durations.feedback.overallP90)]).toEqual([246, 744]);
    expect(row(d.openByAge, a)).toEqual([0, 0, 0, 0, 0, 5, 5]);
    expect(row(d.openByAge, b)).toEqual([0, 0, 0, 0, 0, 7, 7]);
    expect(d.labels.channels[a]?.fr).toBe('A');
  });

  it('one channel only', async () => {
    const d = await buildDashboard(deps(), { from: '2023-03', to: '2023-05', channel: b });
    expect(d.received.byMonth.rows).toEqual([b]);
    expect(row(d.received.byMonth, b)).toEqual([7, 0, 1, 8]);
  });

  it('annual report with nothing suppressed (k = 1)', async () => {
    const r = await buildAnnualReport(deps(), 2023);
    expect(r.stages.cols).toEqual(['received', 'acknowledged', 'investigating', 'substantiated', 'not_substantiated', 'referred', 'inadmissible', 'closed_other']);
    expect(row(r.stages, a)).toEqual([0, 3, 2, 6, 4, 0, 0, 0, 15]);
    expect(row(r.stages, b)).toEqual([7, 0, 0, 0, 0, 1, 0, 0, 8]);
    expect(row(r.acknowledge, a)).toEqual([13, 2, 0, 15]);
    expect(row(r.feedback, b)).toEqual([1, 7, 0, 8]);
    expect(value(r.summary.received)).toBe(23);
    expect(value(r.summary.investigated)).toBe(12);
    expect(value(r.summary.referred)).toBe(1);
    expect(value(r.summary.acknowledgedInTime)).toBeCloseTo(14 / 23);
    expect(value(r.summary.feedbackInTime)).toBeCloseTo(11 / 23);
  });
});

describe('the committee dashboard over HTTP (k = 5)', () => {
  it('releases no count below k, and hides what would give a small one away', async () => {
    const res = await as(t, committee.token).get('/api/v1/statistics/dashboard?from=2023-01&to=2023-12').expect(200);
    const d = res.body as DashboardResponse;
    expect(d.k).toBe(5);
    const tables = [...Object.values(d.received), d.openByAge];
    for (const cell of tables.flatMap(entries)) if (cell.status === 'published') expect(cell.value === 0 || cell.value >= 5).toBe(true);
    // Worked by hand. By month, A's April (3) and B's May (1) are small. Row A would give April
    // away by subtraction from 15, so A's March (12) is hidden too; likewise B's March (7). The
    // channel totals stay: with March's total 19 and the grand total 23, April and May only
    // add up to 4, and 1+3, 2+2 and 3+1 all fit.
    expect(row(d.received.byMonth, a).slice(2, 5)).toEqual(['suppressed', 'fewer_than_k', 0]);
    expect(row(d.received.byMonth, b).slice(2, 5)).toEqual(['suppressed', 0, 'fewer_than_k']);
    expect([value(d.received.byMonth.rowTotals[0]), value(d.received.byMonth.rowTotals[1]), value(d.received.byMonth.colTotals[2]), value(d.received.byMonth.total)]).toEqual([15, 8, 19, 23]);
    // By status: A acknowledged 3 and investigating 2 are small, so A's closed 10 goes; B's
    // closed 1 is small, so B's received 7 goes, and with it the received column's total.
    expect(row(d.received.byStatus, a)).toEqual([0, 'fewer_than_k', 'fewer_than_k', 'suppressed', 15]);
    expect(row(d.received.byStatus, b)).toEqual(['suppressed', 0, 0, 'fewer_than_k', 8]);
    expect(d.received.byStatus.colTotals.map(value)).toEqual(['suppressed', 'fewer_than_k', 'fewer_than_k', 11]);
    // March splits A's 12 (withheld) into 10 in time and 2 late, and B's 7 (withheld) into 7 missed:
    // the 2 is small, so no share of March can be shown, nor A's share over the year.
    expect(rates(d.deadlines.acknowledge, a).slice(2, 5)).toEqual(['suppressed', 'suppressed', 'none']);
    expect(value(d.deadlines.acknowledge.rowRates[0])).toBe('suppressed');
    expect(value(d.deadlines.acknowledge.overall)).toBe('suppressed');
    expect(d.durations.acknowledge.median.map(value)).toEqual([25, 'fewer_than_k']);
    expect(JSON.stringify(d)).not.toMatch(/receipt|body|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('exports the annual report as JSON and as CSV in each language', async () => {
    const json = await as(t, committee.token).get('/api/v1/statistics/annual-report?year=2023').expect(200);
    expect(value((json.body as AnnualReportResponse).summary.received)).toBe(23);
    const fr = await as(t, committee.token).get('/api/v1/statistics/annual-report?year=2023&format=csv&lang=fr').expect(200);
    expect(fr.headers['content-type']).toMatch(/text\/csv/);
    expect(fr.text).toMatch(/^\ufeffRubrique,Canal,Mesure,Valeur,Statut\r\n/);
    expect(fr.text).toContain('Synthèse,Total,Signalements reçus,23,');
    const ar = await as(t, committee.token).get('/api/v1/statistics/annual-report?year=2023&format=csv&lang=ar').expect(200);
    expect(ar.text).toContain('أقل من 5');
  });

  it('is refused to anyone signed out, to other roles and to a reporter token', async () => {
    await request(t.app).get('/api/v1/statistics/dashboard').expect(401);
    await request(t.app).get('/api/v1/statistics/dashboard').set('Authorization', `Bearer ${'x'.repeat(43)}`).expect(401);
    await as(t, officer.token).get('/api/v1/statistics/dashboard').expect(403);
    await as(t, officer.token).get('/api/v1/statistics/annual-report?year=2023').expect(403);
    await as(t, admin.token).get('/api/v1/statistics/dashboard').expect(200);
  });

  it('gives a committee member no case endpoint, where the officer holding the key gets the case', async () => {
    const held = await givenCase(t.store, { case: { channelId: a }, officers: [officer.staff.id] });
    await as(t, officer.token).get(`/api/v1/cases/${held.id}`).expect(200);
    const reads = ['/api/v1/cases', `/api/v1/cases/${held.id}`, `/api/v1/cases/${held.id}/officers`, `/api/v1/cases/${held.id}/attachments/${randomUUID()}/parts/0`];
    for (const url of reads) expect([url, [403, 404].includes((await as(t, committee.token).get(url)).status)]).toEqual([url, true]);
    // Well-formed requests, so a refusal cannot be a validation error.
    const writes: [string, object][] = [
      ['messages', { id: randomUUID(), kind: 'message', body: fakeEnvelope('message') }],
      ['status', { status: 'acknowledged', reason: fakeEnvelope('message') }],
      ['labels', { labels: ['urgent'] }],
      ['grants', { staffId: committee.staff.id, keys: [{ kind: 'case', wrapped: fakeWrappedKey() }] }],
      ['identity-requests', { reason: fakeEnvelope('message'), custodianReasons: [{ custodianId: admin.staff.id, sealed: fakeSealedReason() }] }],
      ['export', { format: 'json' }],
    ];
    for (const [what, body] of writes) {
      const { status } = await as(t, committee.token).post(`/api/v1/cases/${held.id}/${what}`).send(body);
      expect([what, [403, 404].includes(status)]).toEqual([what, true]);
    }
    expect((await t.store.cases.get(held.id))?.status).toBe('received');
  });
});
