/**
 * Installation settings through the administration API: the limits that protect reporters
 * are enforced (deadlines, retention, k, accent contrast) and a refusal saves nothing; the
 * services apply a saved policy from the next request on (deadlines of a new report, k of
 * the committee's statistics); the history names changed paths, never the texts; the logo
 * is checked by its bytes and served from the installation; the readiness checklist.
 */
import request from 'supertest';
import type { InstallationSettings, Readiness } from '../../shared/api/admin.schema';
import { as, CSRF } from '../staff/staff-harness';
import { givenKeyedStaff, rowCounts } from '../support/test-app';
import { buildReport, submit } from '../integration/support/reporter-kit';
import { countChanges } from '../integration/support/submit-fixture';
import { adminWorld, type AdminWorld } from './admin-harness';

let w: AdminWorld;
beforeAll(async () => {
  w = await adminWorld();
});
afterAll(async () => {
  await w.t.close();
});

const DAY = 24 * 3600 * 1000;
const text = (en: string) => ({ ar: `ع ${en}`, fr: `fr ${en}`, en });

function settings(over: Partial<InstallationSettings> = {}): InstallationSettings {
  return {
    organisation: { name: text('Commune of Tiznit'), contact: text('Town hall, open 8-16') },
    accentColor: '#0b5c4b',
    texts: { home: text('Report safely'), privacy: text('We keep nothing that identifies you'), otherChannels: text('Call the ombudsman at 080') },
    deadlines: { acknowledgeDays: 5, feedbackDays: 60 },
    retention: { closedCaseMonths: 24 },
    statistics: { k: 8 },
    ...over,
  };
}

async function refused(body: unknown, id: string, status = 400): Promise<request.Response> {
  const before = rowCounts(w.t.config);
  const res = await w.asAdmin.put('/api/v1/admin/settings').send(body as object);
  expect({ status: res.status, id: res.body?.error?.id }).toEqual({ status, id });
  expect(countChanges(before, rowCounts(w.t.config))).toEqual({});
  return res;
}

describe('installation settings', () => {
  it('starts from config/settings.ts and sends the limits', async () => {
    const res = await w.asAdmin.get('/api/v1/admin/settings').expect(200);
    expect(res.body.settings).toMatchObject({ deadlines: { acknowledgeDays: 7, feedbackDays: 90 }, retention: { closedCaseMonths: 12 }, statistics: { k: 5 } });
    expect(res.body.limits).toEqual({
      acknowledgeDays: { min: 1, max: 7 }, feedbackDays: { min: 7, max: 90 }, closedCaseMonths: { min: 3, max: 120 }, k: { min: 5, max: 100 }, minContrast: 4.5,
    });
  });

  it.each([
    ['deadline_too_long', settings({ deadlines: { acknowledgeDays: 8, feedbackDays: 60 } })],
    ['deadline_too_long', settings({ deadlines: { acknowledgeDays: 7, feedbackDays: 91 } })],
    ['deadline_too_short', settings({ deadlines: { acknowledgeDays: 0, feedbackDays: 60 } })],
    ['retention_out_of_range', settings({ retention: { closedCaseMonths: 2 } })],
    ['retention_out_of_range', settings({ retention: { closedCaseMonths: 121 } })],
    ['k_too_small', settings({ statistics: { k: 4 } })],
    ['accent_contrast_low', settings({ accentColor: '#ffcc00' })],
    ['validation_failed', settings({ accentColor: 'red' })],
    ['validation_failed', { ...settings(), extra: true }],
    ['validation_failed', { ...settings(), texts: { home: text('x'), privacy: text('x') } }],
  ])('refuses %s and saves nothing', async (id, body) => {
    await refused(body, id);
  });

  it('saves, and the services apply it from the next request on', async () => {
    const before = await w.asAdmin.put('/api/v1/admin/settings').send(settings()).expect(200);
    expect(before.body.settings).toEqual(settings());
    expect((await w.asAdmin.get('/api/v1/admin/settings').expect(200)).body.settings).toEqual(settings());

    // Reporters see the new deadlines and texts, and a new report gets them.
    const pub = await request(w.t.app).get('/api/v1/public/channels').expect(200);
    expect(pub.body.installation.deadlines).toEqual({ acknowledgeDays: 5, feedbackDays: 60 });
    expect(pub.body.installation.site).toEqual({
      organisation: { name: text('Commune of Tiznit'), contact: text('Town hall, open 8-16') }, accentColor: '#0b5c4b',
      texts: settings().texts, hasLogo: false,
    });
    const sentAt = Date.now();
    const { body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [{ staff: w.officer.staff, keypair: w.officer.keypair }] });
    const filed = await submit(w.t.app, body, 201);
    expect(Date.parse(filed.body.acknowledgeBy) - sentAt).toBeGreaterThanOrEqual(5 * DAY - 1000);
    expect(Date.parse(filed.body.acknowledgeBy) - sentAt).toBeLessThan(5 * DAY + 60_000);
    expect(Date.parse(filed.body.feedbackBy) - Date.parse(filed.body.acknowledgeBy)).toBe(55 * DAY);

    // The committee's figures use the saved k.
    const dashboard = await as(w.t, w.committee.token).get('/api/v1/statistics/dashboard').expect(200);
    expect(dashboard.body.k).toBe(8);
  });

  it('keeps a history of what changed, as paths, without the texts', async () => {
    await w.asAdmin.put('/api/v1/admin/settings').send(settings({ texts: { ...settings().texts, home: text('Speak up, safely') } })).expect(200);
    const res = await w.asAdmin.get('/api/v1/admin/settings/history').expect(200);
    const [latest] = res.body.entries;
    expect(latest).toMatchObject({ action: 'settings.update', actorId: w.admin.staff.id, actorName: w.admin.staff.displayName, changed: ['texts.home.ar', 'texts.home.en', 'texts.home.fr'] });
    const log = JSON.stringify(await w.t.store.audit.list({ limit: 1000 }));
    expect(log).not.toContain('Speak up');
    expect(log).not.toContain('Tiznit');
  });
});

describe('logo', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const put = (type: string, data: Buffer) => w.asAdmin.put('/api/v1/admin/logo').set('Content-Type', type).send(data);

  it('accepts a PNG by its bytes, serves it with its type and nosniff, and deletes it', async () => {
    expect((await put('image/png', png).expect(200)).body).toEqual({ hasLogo: true });
    const served = await request(w.t.app).get('/api/v1/public/logo').expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(served.body as Buffer, png)).toBe(0);
    expect((await request(w.t.app).get('/api/v1/public/channels').expect(200)).body.installation.site.hasLogo).toBe(true);
    expect((await request(w.t.app).delete('/api/v1/admin/logo').set({ Authorization: `Bearer ${w.admin.token}`, ...CSRF }).expect(200)).body).toEqual({ hasLogo: false });
    expect((await request(w.t.app).get('/api/v1/public/logo').expect(404)).body.error.id).toBe('logo_not_found');
  });

  it.each([
    ['an SVG', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 415],
    ['HTML called a PNG', 'image/png', Buffer.from('<html><script>alert(1)</script></html>'), 400],
    ['a PNG called a JPEG', 'image/jpeg', png, 400],
    ['an empty body', 'image/png', Buffer.alloc(0), 400],
    ['a PNG over 256 KiB', 'image/png', Buffer.concat([png, Buffer.alloc(256 * 1024)]), 400],
  ])('refuses %s with logo_invalid, saving nothing', async (_name, type, data, status) => {
    const before = rowCounts(w.t.config);
    const res = await put(type, data);
    expect({ status: res.status, id: res.body?.error?.id }).toEqual({ status, id: 'logo_invalid' });
    expect(countChanges(before, rowCounts(w.t.config))).toEqual({});
  });
});

describe('readiness checklist', () => {
  const item = (r: Readiness, id: string) => r.items.find((i) => i.id === id);

  it('turns each item green when it is done, and confirms only the self-attested ones', async () => {
    const start = (await w.asAdmin.get('/api/v1/admin/readiness').expect(200)).body as Readiness;
    expect(start.complete).toBe(false);
    expect(item(start, 'officers')).toMatchObject({ done: false, href: '/staff/admin/channels' });
    expect(item(start, 'officers')?.detail.channels).toEqual(['ch-maladministration', 'ch-procurement', 'ch-service-complaint']);
    expect(item(start, 'mail')).toMatchObject({ done: false, detail: { transport: 'file' }, confirmedAt: null });
    expect(item(start, 'organisation')?.done).toBe(true); // saved above, in three languages

    await givenKeyedStaff(w.t.store, { channelId: 'ch-maladministration' });
    await givenKeyedStaff(w.t.store, { channelId: 'ch-procurement' });
    await w.asAdmin.put('/api/v1/admin/channels/ch-service-complaint/active').send({ active: false }).expect(200);
    for (const id of ['mail', 'recovery_key']) await w.asAdmin.post(`/api/v1/admin/readiness/${id}/confirm`).expect(200);
    await w.t.store.settings.set('backup.last', { at: '2026-12-01T03:00:00.000Z' }, new Date());
    await w.asAdmin.put('/api/v1/admin/transparency').send({ enabled: false, epsilon: 1, licence: 'CC-BY-4.0' }).expect(200);

    const done = (await w.asAdmin.get('/api/v1/admin/readiness').expect(200)).body as Readiness;
    expect(done.items.filter((i) => !i.done)).toEqual([]);
    expect(done.complete).toBe(true);
    expect(item(done, 'backups')?.detail).toEqual({ lastBackupAt: '2026-12-01T03:00:00.000Z' });
    expect(item(done, 'mail')?.confirmedAt).toEqual(expect.any(String));

    expect((await w.asAdmin.post('/api/v1/admin/readiness/officers/confirm').expect(400)).body.error.id).toBe('readiness_item_not_confirmable');
    expect((await w.asAdmin.post('/api/v1/admin/readiness/coffee/confirm').expect(404)).body.error.id).toBe('readiness_item_unknown');
  });
});
