/**
 * Only administrators reach the administration API: officers, committee members and
 * custodians are refused (403) on every route, signed-out callers get 401, and a write
 * without the staff request-forgery header is refused before anything else. A refused
 * request writes nothing.
 */
import request from 'supertest';
import { as, CSRF } from '../staff/staff-harness';
import { rowCounts } from '../support/test-app';
import { adminWorld, sampleDefinition, type AdminWorld } from './admin-harness';

let w: AdminWorld;
beforeAll(async () => {
  w = await adminWorld();
});
afterAll(async () => {
  await w.t.close();
});

type Method = 'get' | 'post' | 'put' | 'delete';
const ROUTES: [Method, string, unknown?][] = [
  ['get', '/api/v1/admin/channels'],
  ['post', '/api/v1/admin/channels', { slug: 'water', definition: sampleDefinition(), active: true }],
  ['put', '/api/v1/admin/channels/order', { ids: ['ch-corruption'] }],
  ['put', '/api/v1/admin/channels/ch-corruption', { slug: 'corruption', definition: sampleDefinition(), expectedVersion: 1 }],
  ['put', '/api/v1/admin/channels/ch-corruption/active', { active: false }],
  ['post', '/api/v1/admin/channels/check', { definition: sampleDefinition() }],
  ['get', '/api/v1/admin/channels/ch-corruption/versions'],
  ['get', '/api/v1/admin/channels/ch-corruption/recipients'],
  ['put', '/api/v1/admin/staff/SELF/absence', { awayFrom: null, awayUntil: null }],
  ['get', '/api/v1/admin/settings'],
  ['put', '/api/v1/admin/settings', {}],
  ['get', '/api/v1/admin/settings/history'],
  ['put', '/api/v1/admin/logo'],
  ['delete', '/api/v1/admin/logo'],
  ['get', '/api/v1/admin/readiness'],
  ['post', '/api/v1/admin/readiness/mail/confirm'],
];

function call(token: string | null, method: Method, url: string, body: unknown, csrf = true) {
  let r = request(w.t.app)[method](url);
  if (token) r = r.set('Authorization', `Bearer ${token}`);
  if (csrf) r = r.set(CSRF);
  return body === undefined ? r : r.send(body as object);
}

describe('administration API permissions', () => {
  it.each(['officer', 'committee', 'custodian'] as const)('refuses a %s on every route, writing nothing', async (role) => {
    const person = w[role];
    const before = rowCounts(w.t.config);
    for (const [method, url, body] of ROUTES) {
      const res = await call(person.token, method, url.replace('SELF', person.staff.id), body);
      expect({ route: `${method} ${url}`, status: res.status, id: res.body?.error?.id }).toEqual({ route: `${method} ${url}`, status: 403, id: 'forbidden' });
    }
    const after = rowCounts(w.t.config);
    // Sessions are touched by every signed-in request; nothing else may change.
    expect({ ...after, sessions: 0 }).toEqual({ ...before, sessions: 0 });
  });

  it('answers 401 without a session', async () => {
    for (const [method, url, body] of ROUTES) {
      const res = await call(null, method, url, body);
      expect({ route: `${method} ${url}`, status: res.status }).toEqual({ route: `${method} ${url}`, status: 401 });
    }
  });

  it('refuses a write without the request-forgery header, even from an administrator', async () => {
    for (const [method, url, body] of ROUTES.filter(([m]) => m !== 'get')) {
      const res = await call(w.admin.token, method, url, body, false);
      expect({ route: `${method} ${url}`, id: res.body?.error?.id }).toEqual({ route: `${method} ${url}`, id: 'csrf_rejected' });
    }
  });

  it('lets an administrator read every read route', async () => {
    for (const [, url] of ROUTES.filter(([m]) => m === 'get')) {
      await as(w.t, w.admin.token).get(url).expect(200);
    }
  });

  it('serves a version to an officer of the channel and an administrator, not to other staff', async () => {
    await as(w.t, w.officer.token).get('/api/v1/channels/ch-corruption/versions/1').expect(200);
    await as(w.t, w.admin.token).get('/api/v1/channels/ch-corruption/versions/1').expect(200);
    await as(w.t, w.officer.token).get('/api/v1/channels/ch-procurement/versions/1').expect(403);
    await as(w.t, w.committee.token).get('/api/v1/channels/ch-corruption/versions/1').expect(403);
    await as(w.t, w.custodian.token).get('/api/v1/channels/ch-corruption/versions/1').expect(403);
    await request(w.t.app).get('/api/v1/channels/ch-corruption/versions/1').expect(401);
    const missing = await as(w.t, w.admin.token).get('/api/v1/channels/ch-corruption/versions/99').expect(404);
    expect(missing.body.error.id).toBe('not_found');
  });
});
