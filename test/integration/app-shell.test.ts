/**
 * The Express shell every feature is mounted in: security headers, JSON errors with
 * stable ids, body limits, readiness, and logs that carry no address, agent or body.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import express, { Router } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { buildConfig, parseEnv } from '../../config';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { validate } from '../../server/middleware/validate';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import type { Store } from '../../server/ports/store.port';

class MemoryLog extends Writable {
  lines: string[] = [];
  _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

const echoSchema = z.object({ name: z.string().min(1).max(20) });

function testRouter(): Router {
  const router = Router();
  router.post('/echo', validate(echoSchema), (_req, res) => {
    res.json({ ok: true, name: (res.locals.body as z.infer<typeof echoSchema>).name });
  });
  router.get('/boom', () => {
    throw new Error('secret internal detail /home/user');
  });
  return router;
}

describe('app shell', () => {
  let store: Store;
  let app: express.Express;
  let log: MemoryLog;
  let storeUp = true;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'amana-shell-'));
    const config = buildConfig(parseEnv({ DATA_DIR: dir, BODY_LIMIT_KB: '1' }));
    log = new MemoryLog();
    const logger = createLogger('info', log);
    store = await openSqliteStore(config.paths.sqlite, logger);
    app = createApp({
      config,
      logger,
      probes: [
        { name: 'store', ping: () => store.ping() },
        { name: 'jobs', ping: async () => { if (!storeUp) throw new Error('down'); } },
      ],
      api: [testRouter()],
    });
  });

  afterAll(async () => {
    await store.close();
  });

  it('answers /healthz and /readyz when everything is reachable', async () => {
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { store: 'ok', jobs: 'ok' } });
  });

  it('answers 503 on /readyz when a dependency is down', async () => {
    storeUp = false;
    try {
      const res = await request(app).get('/readyz').expect(503);
      expect(res.body.checks.jobs).toBe('down');
    } finally {
      storeUp = true;
    }
  });

  it('sets a strict content security policy and no referrer, and no cookie', async () => {
    const res = await request(app).get('/healthz');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('turns validation, malformed JSON and oversize bodies into stable 4xx ids', async () => {
    const bad = await request(app).post('/api/v1/echo').send({ name: '' }).expect(400);
    expect(bad.body.error.id).toBe('validation_failed');
    expect(bad.body.error.message).toMatch(/^name:/);
    const malformed = await request(app).post('/api/v1/echo').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(malformed.body.error.id).toBe('malformed_json');
    const big = await request(app).post('/api/v1/echo').send({ name: 'x'.repeat(4096) }).expect(413);
    expect(big.body.error.id).toBe('payload_too_large');
    await request(app).post('/api/v1/echo').send({ name: 'ok' }).expect(200, { ok: true, name: 'ok' });
  });

  it('answers unknown API paths with a JSON 404 and hides internal errors', async () => {
    const missing = await request(app).get('/api/v1/nothing-here').expect(404);
    expect(missing.body.error.id).toBe('not_found');
    const boom = await request(app).get('/api/v1/boom').expect(500);
    expect(boom.body.error.id).toBe('internal');
    expect(JSON.stringify(boom.body)).not.toContain('secret internal detail');
    expect(JSON.stringify(boom.body)).not.toContain('/home/user');
  });

  it('logs ids and timings only: no address, user agent, cookie, query or body', async () => {
    log.lines.length = 0;
    await request(app)
      .post('/api/v1/echo?token=query-canary')
      .set('User-Agent', 'CanaryAgent/1.0')
      .set('X-Forwarded-For', '203.0.113.77')
      .set('Cookie', 'session=cookie-canary')
      .send({ name: 'body-canary' })
      .expect(200);
    await request(app).get('/api/v1/boom').set('User-Agent', 'CanaryAgent/1.0');
    const text = log.lines.join('\n');
    expect(log.lines.length).toBeGreaterThanOrEqual(2);
    for (const canary of ['CanaryAgent', '203.0.113.77', '127.0.0.1', '::1', 'ffff', 'cookie-canary', 'query-canary', 'body-canary', 'secret internal detail']) {
      expect(text).not.toContain(canary);
    }
    const entry = JSON.parse(log.lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ method: 'POST', route: '/api/v1/echo', status: 200 });
    expect(entry).not.toHaveProperty('hostname');
    expect(entry).not.toHaveProperty('pid');
  });
});
