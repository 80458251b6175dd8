/**
 * Property-based fuzzing of every route (fast-check, fixed seeds, bounded runs). The routes are
 * read from the Express router itself, so a route added later is fuzzed without touching this
 * file; the built client's /assets and the page fallback are added by hand. Each request is
 * generated from junk: random JSON and byte bodies, wrong content types, a Content-Encoding the
 * body does not have, malformed percent-escapes and random values in path parameters, random
 * query strings, an oversized header; sent without credentials, with a junk bearer, with a
 * valid staff (administrator and officer) session and with a valid reporter session.
 *
 * For every answer: never a 5xx; a 4xx carries `{error: {id, message}}` with a stable id; no
 * error-level log line; and a refusal (4xx) leaves every SQLite table's row count unchanged.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import fc from 'fast-check';
import { createApp } from '../../server/app';
import { clientErrorHandler } from '../../server/middleware/error-handler';
import { buildApi } from '../../server/routes';
import { seedDefaults } from '../../server/services/seed-defaults';
import { relaxedLimits, rowCounts, type TestApp } from '../support/test-app';
import { activatePerson, createStaffApp, relaxedStaffLimits, type Person } from '../staff/staff-harness';
import { buildReport, openSession, submit } from '../integration/support/reporter-kit';

interface Route {
  method: string;
  path: string;
}

/** Every method + path the router answers, read from the layers Express builds (router 2). */
export function listRoutes(app: Express): Route[] {
  interface Layer {
    rawPath?: unknown;
    route?: { path: unknown; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const routes: Route[] = [];
  const walk = (stack: Layer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (layer.rawPath === '/' || typeof layer.rawPath !== 'string' ? '' : layer.rawPath));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}

interface Answer {
  status: number;
  body: string;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function send(port: number, r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.body !== null) headers['Content-Length'] = String(r.body.length);
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413, 400) and close before the whole body is written.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve({ status: -1, body: '' }) : reject(err)));
    req.end(r.body ?? undefined);
  });
}

/** A stable 32-bit seed per route, so adding a route does not change another route's runs. */
const seedOf = (text: string): number => createHash('sha256').update(text).digest().readInt32BE(0);

const MALFORMED_ESCAPES = ['%zz', '%', '%ff%fe', '%E0%A4%A', 'a%2', '%00', '%C0%AF', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%uD800'];

let t: TestApp;
let port: number;
let server: http.Server;
let routes: Route[];
let staff: Person;
let reporterToken: string;
let known: string[];
let requestsSent = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  t = await createStaffApp();
  await seedDefaults(t);
  staff = await activatePerson(t, { roles: ['admin', 'officer'], channels: ['ch-corruption'], supervisor: true });
  // One real case and a reporter session, so some generated ids reach past "not found".
  const keyed = { staff: staff.staff, keypair: staff.keypair };
  const { reporter, body } = await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [keyed] });
  await submit(t.app, body, 201);
  reporterToken = await openSession(t.app, reporter);
  const db = new Database(t.config.paths.sqlite, { readonly: true });
  const caseIds = db.prepare<[], { id: string }>('SELECT id FROM cases').all().map((row) => row.id);
  db.close();
  expect(caseIds).toHaveLength(1);
  known = [...caseIds, 'ch-corruption', 'ch-procurement', staff.staff.id, '0', '1', '-1', '99999999999999999999'];

  // The same app serving a built client of its own, to reach /assets and the page fallback.
  const dist = path.join(t.dir, 'client-dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Amana</title>');
  writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  const config = { ...t.config, paths: { ...t.config.paths, clientDist: dist } };
  const api = buildApi({ config, logger: t.logger, store: t.store, blobs: t.blobs, jobs: t.jobs }, { rateLimits: { ...relaxedLimits, failureDelayMs: 0 }, now: t.clock.now }, { limits: relaxedStaffLimits });
  const app = createApp({ config, logger: t.logger, probes: [], api });
  routes = [...listRoutes(app), { method: 'GET', path: '/assets/:name' }, { method: 'GET', path: '/:page' }];
  server = http.createServer(app);
  server.on('clientError', clientErrorHandler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  agent.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
  // The figures a reader of the test log wants: how much was sent, and what came back.
  process.stdout.write(`fuzz: ${requestsSent} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
});

const errorLines = (): string[] => t.log.lines.filter((line) => /"level":(50|60)/.test(line));

/** Sends one request and checks every rule; a thrown Error carries what fast-check shrinks to. */
async function check(r: FuzzRequest): Promise<void> {
  t.log.lines.length = 0;
  const before = rowCounts(t.config);
  const answer = await send(port, r);
  requestsSent += 1;
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const shown = { ...r.headers, ...(r.headers.Authorization ? { Authorization: r.headers.Authorization === authHeaders('staff').Authorization ? 'staff session' : 'other bearer' } : {}) };
  const what = `${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(shown).slice(0, 300)} -> ${answer.status} ${answer.body.slice(0, 200)}`;
  if (answer.status >= 500) throw new Error(`5xx: ${what}`);
  const errors = errorLines();
  if (errors.length > 0) throw new Error(`error log line: ${what}\n${errors.join('\n')}`);
  if (answer.status >= 400 && answer.status < 500) {
    if (r.method !== 'HEAD') {
      let id: unknown;
      try {
        id = (JSON.parse(answer.body) as { error?: { id?: unknown; message?: unknown } }).error?.id;
      } catch {
        id = undefined;
      }
      if (typeof id !== 'string' || !/^[a-z][a-z0-9_]*$/.test(id)) throw new Error(`4xx without a stable error id: ${what}`);
    }
    const after = rowCounts(t.config);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (changed.length > 0) throw new Error(`refusal wrote rows in ${changed.join(', ')}: ${what}`);
  }
}

// ---- generators ----

const paramValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...MALFORMED_ESCAPES),
    fc.constantFrom(...known),
    fc.uuid(),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
    fc.integer().map(String),
    fc.constant('x'.repeat(3000)),
  );

const query = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(''),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom('limit', 'cursor', 'status', 'channel', 'year', 'from', 'to', 'q', 'page', 'a[b]', 'lang'), fc.string({ maxLength: 8 }).map(encodeURIComponent)), fc.oneof(fc.string({ maxLength: 20 }).map(encodeURIComponent), fc.constantFrom(...MALFORMED_ESCAPES), fc.integer().map(String))), { maxLength: 5 })
      .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`)),
    fc.constantFrom('?%', '?a=%zz', '?limit=1&limit=2', '?=&&=', `?x=${'y'.repeat(2000)}`),
  );

const CONTENT_TYPES = ['application/json', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/json; charset=nope', '*/*', ';;;', 'image/png'];
const ENCODINGS = ['gzip', 'br', 'deflate', 'identity', 'gzip, br', 'x-unknown'];

const body = (): fc.Arbitrary<Buffer | null> =>
  fc.oneof(
    fc.constant(null),
    fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
    fc.dictionary(fc.constantFrom('channelId', 'category', 'loginSecret', 'token', 'email', 'body', 'keys', 'pow', 'size', 'parts', 'id', 'status', 'labels', 'text', 'totp', 'definition', 'active', 'order', 'value'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }).map((v) => Buffer.from(JSON.stringify(v))),
    fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
    fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
    fc.constantFrom(Buffer.from('{"a":'), Buffer.from('[]'), Buffer.from('null'), Buffer.from('"x"'), Buffer.from('{"__proto__":{"x":1}}'), Buffer.alloc(0)),
  );

/** `arbitrary` in `weight` of `weight + otherwise` cases, else undefined */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, weight: number, otherwise: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary, weight }, { arbitrary: fc.constant(undefined), weight: otherwise });

type Auth = 'none' | 'csrf' | 'junk' | 'staff' | 'reporter';

function authHeaders(auth: Auth): Record<string, string> {
  if (auth === 'none') return {};
  if (auth === 'csrf') return { 'X-Amana-CSRF': '1' };
  if (auth === 'junk') return { Authorization: 'Bearer not-a-token', 'X-Amana-CSRF': '1' };
  if (auth === 'staff') return { Authorization: `Bearer ${staff.token}`, 'X-Amana-CSRF': '1' };
  return { Authorization: `Bearer ${reporterToken}` };
}

/** Routes whose success ends the staff session every later request relies on. */
const ENDS_SESSION = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-all']);

function requestFor(route: Route): fc.Arbitrary<FuzzRequest> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const auths: Auth[] = ENDS_SESSION.has(`${route.method} ${route.path}`) ? ['none', 'junk', 'reporter'] : ['none', 'junk', 'staff', 'reporter'];
  return fc
    .record({
      params: fc.tuple(...names.map(() => paramValue())),
      query: query(),
      auth: fc.constantFrom(...auths),
      contentType: sometimes(fc.constantFrom(...CONTENT_TYPES), 3, 1),
      encoding: sometimes(fc.constantFrom(...ENCODINGS), 1, 2),
      bigHeader: sometimes(fc.constantFrom(17_000, 40_000), 1, 12),
      body: body(),
      wrongMethod: sometimes(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), 1, 8),
    })
    .map((g) => {
      let i = 0;
      const filled = route.path.replace(/:(\w+)/g, () => g.params[i++] ?? '');
      const headers: Record<string, string> = { ...authHeaders(g.auth) };
      if (g.contentType !== undefined) headers['Content-Type'] = g.contentType;
      if (g.encoding !== undefined) headers['Content-Encoding'] = g.encoding;
      if (g.bigHeader !== undefined) headers['X-Padding'] = 'a'.repeat(g.bigHeader);
      const method = g.wrongMethod ?? route.method;
      // A GET with a body is legal HTTP but rare; keep bodies mostly on methods that take one.
      const takesBody = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
      return { method, path: filled + g.query, headers, body: takesBody ? g.body : null };
    });
}

const RUNS = 24;
const NEAR_RUNS = 60;

describe('fuzzing every route', () => {
  it('finds the routes of every area in the router', () => {
    const names = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const expected of ['POST /api/v1/reports', 'PUT /api/v1/attachments/:id/parts/:index', 'GET /api/v1/reporter/case', 'POST /api/v1/auth/login', 'GET /api/v1/cases/:id', 'PUT /api/v1/admin/settings', 'GET /api/v1/admin/jobs/dead', 'GET /healthz']) {
      expect(names).toContain(expected);
    }
    expect(routes.length).toBeGreaterThan(60);
  });

  it('the staff and reporter sessions the fuzzing uses are valid', async () => {
    expect((await send(port, { method: 'GET', path: '/api/v1/me', headers: authHeaders('staff'), body: null })).status).toBe(200);
    expect((await send(port, { method: 'GET', path: '/api/v1/reporter/case', headers: authHeaders('reporter'), body: null })).status).toBe(200);
  });

  it('every route, every malformed escape in each path parameter and every false Content-Encoding', async () => {
    for (const route of routes) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const [n] of names.entries()) {
        for (const escape of MALFORMED_ESCAPES) {
          let i = 0;
          const filled = route.path.replace(/:(\w+)/g, () => (i++ === n ? escape : (known[0] ?? 'x')));
          for (const auth of ['none', 'staff'] as const) await check({ method: route.method, path: filled, headers: authHeaders(auth), body: null });
        }
      }
      if (route.method === 'GET') continue;
      const concrete = route.path.replace(/:(\w+)/g, known[0] ?? 'x');
      for (const encoding of ['gzip', 'br', 'deflate']) {
        for (const auth of ['none', 'staff'] as const) {
          if (auth === 'staff' && ENDS_SESSION.has(`${route.method} ${route.path}`)) continue;
          await check({ method: route.method, path: concrete, headers: { ...authHeaders(auth), 'Content-Type': 'application/json', 'Content-Encoding': encoding }, body: Buffer.from('{"not":"compressed"}') });
        }
      }
    }
  }, 120_000);

  it('every route, generated requests (fixed seed per route)', async () => {
    for (const route of routes) {
      await fc.assert(fc.asyncProperty(requestFor(route), check), { seed: seedOf(`${route.method} ${route.path}`), numRuns: RUNS, endOnFailure: true });
    }
    // the staff session survived the fuzzing, so the staff runs really ran signed in
    expect((await send(port, { method: 'GET', path: '/api/v1/me', headers: authHeaders('staff'), body: null })).status).toBe(200);
  }, 180_000);
});

// ---- near-valid bodies: a well-formed request with one to three fields broken ----

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value (object keys and array indexes), the root included. */
function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const inner =
    Array.isArray(value) ? value.flatMap((v, i) => pathsOf(v, [...prefix, i]))
    : value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))
    : [];
  return [prefix, ...inner];
}

const REPLACEMENTS: fc.Arbitrary<Json | typeof DELETE> = fc.oneof(
  fc.constant(Symbol.for('delete') as typeof DELETE),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, '', 0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, true, [], {}, 'x'.repeat(5000), '%zz', '\u0000', '__proto__'),
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('base64') as Json),
  fc.uuid() as fc.Arbitrary<Json>,
);
const DELETE: unique symbol = Symbol.for('delete') as never;

function mutated(seed: () => Json): fc.Arbitrary<Json> {
  const paths = pathsOf(seed());
  return fc.array(fc.tuple(fc.nat(paths.length - 1), REPLACEMENTS), { minLength: 1, maxLength: 3 }).map((edits) => {
    let value = structuredClone(seed());
    for (const [at, replacement] of edits) {
      const where = paths[at]!;
      if (where.length === 0) {
        value = replacement === DELETE ? {} : replacement;
        continue;
      }
      let parent: Json = value;
      for (const key of where.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? ((parent as Record<string, Json>)[key as string] ?? null) : null;
      if (parent === null || typeof parent !== 'object') continue;
      const last = where[where.length - 1]!;
      if (replacement === DELETE) {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete (parent as Record<string, Json>)[last as string];
      } else (parent as Record<string | number, Json>)[last] = replacement;
    }
    return value;
  });
}

interface NearValid {
  route: string;
  path: () => string;
  auth: Auth;
  seed: () => Json;
  /** a part of the request a fresh proof of work must fill before sending */
  pow?: boolean;
}

describe('fuzzing near-valid requests', () => {
  it('breaks one to three fields of a well-formed body on the routes that take one', async () => {
    const { fakeEnvelope, fakeWrappedKey } = await import('../staff/staff-harness');
    const { corruptionDefinition } = await import('../admin/admin-harness');
    const { solvedPow } = await import('../support/test-app');
    const caseId = known[0]!;
    const keyed = { staff: staff.staff, keypair: staff.keypair };
    const report = (await buildReport({ channelId: 'ch-corruption', category: 'bribery', officers: [keyed] })).body as unknown as Json;
    const settings = JSON.parse((await send(port, { method: 'GET', path: '/api/v1/admin/settings', headers: authHeaders('staff'), body: null })).body) as { settings: Json };
    const channelIds = (JSON.parse((await send(port, { method: 'GET', path: '/api/v1/admin/channels', headers: authHeaders('staff'), body: null })).body) as { channels: Array<{ id: string }> }).channels.map((c) => c.id);
    const cases: NearValid[] = [
      { route: 'POST /api/v1/reports', path: () => '/api/v1/reports', auth: 'none', seed: () => report, pow: true },
      { route: 'POST /api/v1/attachments', path: () => '/api/v1/attachments', auth: 'none', seed: () => ({ size: 65_552, parts: 1 }) },
      { route: 'POST /api/v1/reporter/session', path: () => '/api/v1/reporter/session', auth: 'none', seed: () => ({ loginSecret: Buffer.alloc(32, 7).toString('base64') }) },
      { route: 'POST /api/v1/reporter/messages', path: () => '/api/v1/reporter/messages', auth: 'reporter', seed: () => ({ id: randomUUID(), body: fakeEnvelope('message'), attachmentIds: [] }) },
      { route: 'POST /api/v1/auth/login', path: () => '/api/v1/auth/login', auth: 'csrf', seed: () => ({ email: staff.email, loginSecret: Buffer.alloc(32, 1).toString('base64'), totp: '000000' }) },
      { route: 'POST /api/v1/cases/:id/messages', path: () => `/api/v1/cases/${caseId}/messages`, auth: 'staff', seed: () => ({ id: randomUUID(), kind: 'note', body: fakeEnvelope('note'), attachmentIds: [] }) },
      { route: 'POST /api/v1/cases/:id/status', path: () => `/api/v1/cases/${caseId}/status`, auth: 'staff', seed: () => ({ status: 'closed', outcome: 'not_substantiated', reason: fakeEnvelope('message') }) },
      { route: 'POST /api/v1/cases/:id/labels', path: () => `/api/v1/cases/${caseId}/labels`, auth: 'staff', seed: () => ({ labels: ['urgent', 'permis'] }) },
      { route: 'POST /api/v1/cases/:id/grants', path: () => `/api/v1/cases/${caseId}/grants`, auth: 'staff', seed: () => ({ staffId: staff.staff.id, keys: [{ kind: 'case', wrapped: fakeWrappedKey() }], transfer: false }) },
      { route: 'POST /api/v1/cases/:id/export', path: () => `/api/v1/cases/${caseId}/export`, auth: 'staff', seed: () => ({ format: 'json' }) },
      { route: 'PUT /api/v1/admin/settings', path: () => '/api/v1/admin/settings', auth: 'staff', seed: () => settings.settings },
      { route: 'POST /api/v1/admin/channels/check', path: () => '/api/v1/admin/channels/check', auth: 'staff', seed: () => ({ definition: corruptionDefinition() as unknown as Json }) },
      { route: 'PUT /api/v1/admin/channels/:id', path: () => '/api/v1/admin/channels/ch-procurement', auth: 'staff', seed: () => ({ slug: 'procurement', definition: corruptionDefinition() as unknown as Json, expectedVersion: 1 }) },
      { route: 'PUT /api/v1/admin/channels/order', path: () => '/api/v1/admin/channels/order', auth: 'staff', seed: () => ({ ids: channelIds }) },
      { route: 'PUT /api/v1/admin/staff/:id/absence', path: () => `/api/v1/admin/staff/${staff.staff.id}/absence`, auth: 'staff', seed: () => ({ awayFrom: '2026-01-01T00:00:00.000Z', awayUntil: '2026-01-05T00:00:00.000Z' }) },
    ];
    const names = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const c of cases) {
      expect(names).toContain(c.route);
      const property = fc.asyncProperty(mutated(c.seed), async (body) => {
        let payload = body;
        if (c.pow && payload !== null && typeof payload === 'object' && !Array.isArray(payload) && !('pow' in payload)) payload = { ...payload, pow: (await solvedPow(t.app)) as unknown as Json };
        await check({ method: c.route.split(' ')[0]!, path: c.path(), headers: { ...authHeaders(c.auth), 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(payload)) });
      });
      await fc.assert(property, { seed: seedOf(`near ${c.route}`), numRuns: NEAR_RUNS, endOnFailure: true });
    }
  }, 180_000);
});

describe('fuzzing raw uploads', () => {
  it('attachment parts of random sizes and indexes to fresh uploads, and random logos', async () => {
    const upload = fc.record({
      size: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(65_552, 131_104)),
      parts: fc.integer({ min: 1, max: 4 }),
      index: fc.oneof(fc.integer({ min: -1, max: 5 }).map(String), fc.constantFrom('%zz', '1e3', '00', '0x1')),
      bytes: fc.oneof(fc.integer({ min: 0, max: 140_000 }), fc.constantFrom(16, 65_552, 65_553)),
      contentType: fc.constantFrom('application/octet-stream', 'application/json', 'text/plain', undefined),
      twice: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(upload, async (u) => {
        const created = await send(port, { method: 'POST', path: '/api/v1/attachments', headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ size: u.size, parts: u.parts })) });
        const id = created.status === 201 ? (JSON.parse(created.body) as { id: string }).id : randomUUID();
        const headers: Record<string, string> = u.contentType ? { 'Content-Type': u.contentType } : {};
        const part: FuzzRequest = { method: 'PUT', path: `/api/v1/attachments/${id}/parts/${u.index}`, headers, body: Buffer.alloc(u.bytes, 0xab) };
        await check(part);
        if (u.twice) await check(part);
        await check({ method: 'GET', path: `/api/v1/attachments/${id}`, headers: {}, body: null });
      }),
      { seed: seedOf('raw attachment parts'), numRuns: 40, endOnFailure: true },
    );
    const logo = fc.record({ bytes: fc.uint8Array({ maxLength: 3000 }), contentType: fc.constantFrom('image/png', 'image/svg+xml', 'image/jpeg', 'application/octet-stream', 'text/html', undefined) });
    await fc.assert(
      fc.asyncProperty(logo, async (l) => {
        const headers: Record<string, string> = { ...authHeaders('staff'), ...(l.contentType ? { 'Content-Type': l.contentType } : {}) };
        await check({ method: 'PUT', path: '/api/v1/admin/logo', headers, body: Buffer.from(l.bytes) });
      }),
      { seed: seedOf('raw logo'), numRuns: 30, endOnFailure: true },
    );
  }, 120_000);
});
