/**
 * The built client's hashed files: precompressed copies chosen by Accept-Encoding, the headers
 * a cache needs, identity for clients that accept neither coding, and a 404 with a stable id for
 * a file that is not there. A temporary dist folder is built here (index.html, a script with
 * its .br and .gz, a stylesheet with only a .gz), so the test does not depend on a Vite build.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { buildConfig, parseEnv } from '../../config';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { chooseEncoding } from '../../server/middleware/static-assets';

const script = Buffer.from(`export const greeting = ${JSON.stringify('مرحبا '.repeat(400))};\n`);
const style = Buffer.from(`body { margin: 0; }\n${'.x { color: red; }\n'.repeat(200)}`);

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

// node:http, not supertest: superagent adds its own Accept-Encoding and inflates gzip itself,
// and these tests need the exact request header and the bytes as sent.
function fetchRaw(server: Server, method: 'GET' | 'HEAD', url: string, acceptEncoding: string | null): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  const headers: Record<string, string> = acceptEncoding === null ? {} : { 'Accept-Encoding': acceptEncoding };
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static assets', () => {
  let server: Server;
  const get = (url: string, accept: string | null) => fetchRaw(server, 'GET', url, accept);

  beforeAll(() => {
    const dist = mkdtempSync(path.join(tmpdir(), 'amana-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Amana</title><script type="module" src="/assets/app-Ab12.js"></script>');
    writeFileSync(path.join(dist, 'assets', 'app-Ab12.js'), script);
    writeFileSync(path.join(dist, 'assets', 'app-Ab12.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(dist, 'assets', 'app-Ab12.js.gz'), gzipSync(script));
    writeFileSync(path.join(dist, 'assets', 'index-Cd34.css'), style);
    writeFileSync(path.join(dist, 'assets', 'index-Cd34.css.gz'), gzipSync(style));
    const base = buildConfig(parseEnv({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'amana-data-')) }));
    const config = { ...base, paths: { ...base.paths, clientDist: dist } };
    const sink = new Writable({ write: (_chunk, _enc, done) => done() });
    const app = createApp({ config, logger: createLogger('silent', sink), probes: [], api: [] });
    server = app.listen(0, '127.0.0.1');
    return new Promise<void>((resolve) => server.once('listening', () => resolve()));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends brotli to a browser that accepts it, with Vary and immutable caching', async () => {
    const res = await get('/assets/app-Ab12.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/^text\/javascript; charset=utf-8$/);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('sends gzip when brotli is not accepted, or is not wanted as much', async () => {
    for (const accept of ['gzip', 'gzip;q=1, br;q=0.5', 'br;q=0, *']) {
      const res = await get('/assets/app-Ab12.js', accept);
      expect([accept, res.status, res.headers['content-encoding']]).toEqual([accept, 200, 'gzip']);
      expect(gunzipSync(res.body).equals(script)).toBe(true);
    }
  });

  it('sends the file itself to a client that accepts neither coding, still with Vary', async () => {
    for (const accept of [null, '', 'identity', 'deflate', 'br;q=0, gzip;q=0']) {
      const res = await get('/assets/app-Ab12.js', accept);
      expect([accept, res.status, res.headers['content-encoding']]).toEqual([accept, 200, undefined]);
      expect(res.headers['vary']).toBe('Accept-Encoding');
      expect(res.body.equals(script)).toBe(true);
    }
  });

  it('falls back to gzip or identity when the build left no brotli copy', async () => {
    const gz = await get('/assets/index-Cd34.css', 'br, gzip');
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/^text\/css/);
    const plain = await get('/assets/index-Cd34.css', 'br');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((plain.body as Buffer).equals(style)).toBe(true);
  });

  it('answers HEAD with the headers and length of the chosen copy and no body', async () => {
    const res = await fetchRaw(server, 'HEAD', '/assets/app-Ab12.js', 'gzip');
    expect([res.status, res.body.length]).toEqual([200, 0]);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Number(res.headers['content-length'])).toBe(gzipSync(script).length);
  });

  it('answers a missing file, a precompressed copy asked by name and a nested path with 404 not_found, never index.html', async () => {
    for (const url of ['/assets/missing-Zz99.js', '/assets/app-Ab12.js.br', '/assets/app-Ab12.js.gz', '/assets/sub/app-Ab12.js', '/assets/']) {
      const res = await get(url, 'br, gzip');
      expect([url, res.status, JSON.parse(res.body.toString('utf8'))]).toEqual([url, 404, { error: { id: 'not_found', message: expect.any(String) } }]);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('still serves index.html for the pages, uncached', async () => {
    const res = await get('/follow-up', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.body.toString('utf8')).toContain('/assets/app-Ab12.js');
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});

test('chooseEncoding reads q-values and the wildcard', () => {
  const both = { br: true, gzip: true };
  expect(chooseEncoding('gzip, br', both)).toBe('br');
  expect(chooseEncoding('BR;Q=0.1, GZIP', both)).toBe('gzip');
  expect(chooseEncoding('*', both)).toBe('br');
  expect(chooseEncoding('*;q=0', both)).toBe('identity');
  expect(chooseEncoding('gzip;q=0, *;q=0.5', both)).toBe('br');
  expect(chooseEncoding('br', { br: false, gzip: true })).toBe('identity');
  expect(chooseEncoding(undefined, both)).toBe('identity');
});
