/**
 * Bad input is never a 500: bodies that are not what their Content-Encoding says, unknown
 * encodings, malformed percent-escapes in path parameters, missing or hostile asset paths and
 * oversized headers each get a 4xx with a stable id, no error-level log line, and no row.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { createApp } from '../../server/app';
import { clientErrorHandler } from '../../server/middleware/error-handler';
import { buildApi } from '../../server/routes';
import { createTestApp, relaxedLimits, rowCounts, type TestApp } from '../support/test-app';

let t: TestApp;
let withClient: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await createTestApp();
  // The same app serving a built client from a folder of its own, to reach /assets.
  const dist = path.join(t.dir, 'client-dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Amana</title>');
  writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  const config = { ...t.config, paths: { ...t.config.paths, clientDist: dist } };
  const api = buildApi({ config, logger: t.logger, store: t.store, blobs: t.blobs, jobs: t.jobs }, { rateLimits: relaxedLimits, now: t.clock.now });
  withClient = createApp({ config, logger: t.logger, probes: [], api });
});
afterAll(() => t.close());

const errorLines = (): string[] => t.log.lines.filter((line) => (JSON.parse(line) as { level: string | number }).level === 'error' || /"level":50/.test(line));

async function expect4xx(res: request.Response, status: number, id: string): Promise<void> {
  expect({ status: res.status, id: (res.body as { error?: { id?: string } }).error?.id }).toEqual({ status, id });
}

describe('never a 500 for bad input', () => {
  let before: Record<string, number>;
  beforeEach(() => {
    before = rowCounts(t.config);
    t.log.lines.length = 0;
  });
  afterEach(() => {
    expect(errorLines()).toEqual([]);
    expect(rowCounts(t.config)).toEqual(before);
  });

  it.each(['gzip', 'br', 'deflate'])('a body that is not %s-encoded though it says so', async (encoding) => {
    for (const route of ['/api/v1/reports', '/api/v1/reporter/session', '/api/v1/attachments']) {
      const res = await request(t.app).post(route).set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('{"not":"compressed"}');
      await expect4xx(res, 400, 'content_encoding_invalid');
    }
  });

  it('a well-encoded gzip body is read (the check is not a blanket refusal)', async () => {
    const server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = gzipSync('{"loginSecret":"short"}');
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const headers = { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) };
        const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/v1/reporter/session', headers }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(answer.status).toBe(400);
      expect((JSON.parse(answer.body) as { error: { id: string; details: unknown } }).error).toMatchObject({ id: 'validation_failed', details: { field: 'loginSecret' } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('an unknown content encoding', async () => {
    const res = await request(t.app).post('/api/v1/reports').set('Content-Type', 'application/json').set('Content-Encoding', 'zstd-ish').send('{}');
    await expect4xx(res, 415, 'unsupported_media_type');
  });

  it.each(['%zz', '%', '%ff%fe', '%E0%A4%A', 'a%2'])('a malformed escape in a path parameter: /attachments/%s', async (param) => {
    await expect4xx(await request(t.app).get(`/api/v1/attachments/${param}`), 400, 'malformed_path');
    await expect4xx(await request(t.app).put(`/api/v1/attachments/${param}/parts/0`).set('Content-Type', 'application/octet-stream').send(Buffer.alloc(3)), 400, 'malformed_path');
  });

  it('missing and hostile asset paths are 404 not_found, a real asset is served', async () => {
    await request(withClient).get('/assets/app-1234.js').expect(200);
    for (const asset of ['/assets/missing-5678.js', '/assets/x%00y', '/assets/%2e%2e/index.html', '/assets/..%2f..%2fetc%2fpasswd', '/assets/%zz', '/assets/.hidden']) {
      await expect4xx(await request(withClient).get(asset), 404, 'not_found');
    }
    await expect4xx(await request(withClient).post('/assets/app-1234.js'), 404, 'not_found');
  });

  it('oversized headers: 431 headers_too_large, from the server itself', async () => {
    const server = http.createServer({ maxHeaderSize: 4096 }, t.app);
    server.on('clientError', clientErrorHandler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ port, host: '127.0.0.1', path: '/api/v1/channels', headers: { 'X-Padding': 'a'.repeat(8000) } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(431);
      expect(JSON.parse(answer.body)).toEqual({ error: { id: 'headers_too_large', message: expect.any(String) } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
