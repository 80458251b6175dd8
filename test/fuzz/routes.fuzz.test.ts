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
import { createHash } from 'node:crypto';
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

type Auth = 'none' | 'junk' | 'staff' | 'reporter';

function authHeaders(auth: Auth): Record<string, string> {
  if (auth === 'none') return {};
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
