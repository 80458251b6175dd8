/**
 * First setup wherever the administrator opens Amana. Without PUBLIC_URL the staff pages
 * are accepted on the listening address and its loopback names (localhost, 127.0.0.1,
 * [::1]) of that port, nothing else; with PUBLIC_URL only it (and ONION_URL); behind a
 * proxy PUBLIC_URL is required. A refusal is logged with both origins and answered
 * origin_not_allowed with the address to open. The real process prints the link for the
 * port it actually bound (PORT=0) on plain lines, and setup works at that address.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parseEnv } from '../../config/env';
import { announceSetup } from '../../server/services/staff/announce-setup';
import { PublicAddress } from '../../server/services/public-address';
import { ensureBuilt, serverEntry } from '../support/built';
import { isReadyLine, readyPort, startProcess } from '../support/spawn-process';
import { createTestApp, type TestApp } from '../support/test-app';
import { CSRF } from '../staff/staff-harness';

const prelogin = (t: TestApp, origin: string) =>
  request(t.app).post('/api/v1/auth/prelogin').set(CSRF).set('Origin', origin).send({ email: 'someone@commune.example' });

describe('PUBLIC_URL unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PORT: '18282' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['http://127.0.0.1:18282', 'http://localhost:18282', 'http://[::1]:18282'])('accepts staff requests from %s', async (origin) => {
    await prelogin(t, origin).expect(200);
  });

  it.each(['http://127.0.0.1:8080', 'http://192.168.1.5:18282', 'https://evil.example', 'null'])('refuses %s, says where to open Amana, and logs both origins only', async (origin) => {
    const res = await prelogin(t, origin).expect(403);
    expect(res.body.error).toMatchObject({ id: 'origin_not_allowed', details: { reason: 'origin', expected: 'http://127.0.0.1:18282', received: origin } });
    const line = t.log.lines.map((l) => JSON.parse(l) as Record<string, unknown>).reverse().find((l) => l.msg?.toString().startsWith('staff request refused'));
    expect(line).toMatchObject({ reason: 'origin', expectedOrigin: 'http://127.0.0.1:18282', receivedOrigin: origin });
    expect(Object.keys(line ?? {}).sort()).toEqual(['expectedOrigin', 'level', 'msg', 'reason', 'receivedOrigin', 'reqId', 'time']);
  });

  it('refuses a cross-site request without an Origin header', async () => {
    const res = await request(t.app).post('/api/v1/auth/prelogin').set(CSRF).set('Sec-Fetch-Site', 'cross-site').send({ email: 'a@b.example' }).expect(403);
    expect(res.body.error).toMatchObject({ id: 'origin_not_allowed', details: { reason: 'site', received: 'none' } });
  });

  it('prints the link for the listening address and says that PUBLIC_URL is unset', async () => {
    const address = new PublicAddress(t.config.env);
    address.listening(18282);
    const printed: string[] = [];
    const link = await announceSetup({ store: t.store, config: t.config, address, write: (s) => printed.push(s) });
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:18282\/setup#[A-Za-z0-9_-]{43}$/);
    expect(printed.join('')).toContain(`\n  ${link ?? '-'}\n`);
    expect(printed.join('')).toContain('PUBLIC_URL is not set');
  });
});

describe('PUBLIC_URL set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://amana.commune.ma/', ONION_URL: 'http://amanaxyz.onion', PORT: '18282', TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts only PUBLIC_URL and the onion address, not the loopback names', async () => {
    await prelogin(t, 'https://amana.commune.ma').expect(200);
    await prelogin(t, 'http://amanaxyz.onion').expect(200);
    const res = await prelogin(t, 'http://127.0.0.1:18282').expect(403);
    expect(res.body.error.details).toMatchObject({ expected: 'https://amana.commune.ma', received: 'http://127.0.0.1:18282' });
    await prelogin(t, 'http://localhost:18282').expect(403);
  });

  it('prints the PUBLIC_URL link and the onion link', async () => {
    const printed: string[] = [];
    const link = await announceSetup({ store: t.store, config: t.config, address: new PublicAddress(t.config.env), write: (s) => printed.push(s) });
    const token = new URL(link ?? 'http://x').hash.slice(1);
    expect(link).toBe(`https://amana.commune.ma/setup#${token}`);
    expect(printed.join('')).toContain(`http://amanaxyz.onion/setup#${token}`);
  });
});

describe('behind a reverse proxy', () => {
  it('refuses to start without PUBLIC_URL', () => {
    expect(() => parseEnv({ TRUST_PROXY: '1' })).toThrow(/PUBLIC_URL is required when TRUST_PROXY is set/);
    expect(parseEnv({ TRUST_PROXY: '1', PUBLIC_URL: 'https://amana.commune.ma' }).PUBLIC_URL_EXPLICIT).toBe(true);
    expect(parseEnv({ PORT: '9000' })).toMatchObject({ PUBLIC_URL: 'http://localhost:9000', PUBLIC_URL_EXPLICIT: false });
  });
});

describe('the real process', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('with PORT=0 prints the listening line and a setup link for the bound port, and setup works there', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'amana-setup-origin-'));
    const proc = startProcess(serverEntry, { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      const port = readyPort(await proc.waitForLine(isReadyLine, 60_000));
      expect(await proc.waitForLine((l) => l.startsWith('Amana is listening on '))).toBe(`Amana is listening on http://127.0.0.1:${port}`);
      const linkLine = await proc.waitForLine((l) => l.trim().startsWith(`http://127.0.0.1:${port}/setup#`));
      expect(proc.lines).toContain('AMANA FIRST SETUP');
      const link = new URL(linkLine.trim());
      const token = link.hash.slice(1);
      // As the setup page's fetch does from that address; "localhost" works as well.
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/setup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Amana-CSRF': '1', Origin: `http://localhost:${port}` },
        body: JSON.stringify({ token, email: 'admin@commune.example', displayName: 'Amina', language: 'fr' }),
      });
      expect(res.status).toBe(201);
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
  }, 120_000);
});
