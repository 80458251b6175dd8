/**
 * The real `npm start` process: a bad configuration stops it with one line; a fresh start
 * with nothing configured serves the client and /readyz, writes only under DATA_DIR, and
 * SIGTERM closes it cleanly.
 */
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuilt, serverEntry } from '../support/built';
import { isReadyLine, readyPort, startProcess } from '../support/spawn-process';

beforeAll(() => ensureBuilt(), 300_000);

describe('npm start', () => {
  it('stops with a one-line message naming a bad variable', async () => {
    const proc = startProcess(serverEntry, { PORT: 'eighty', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'amana-bad-')) });
    const { code } = await proc.exited;
    expect(code).toBe(78);
    const lines = proc.stderr.join('').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT is invalid/);
  });

  it('runs embedded with nothing installed, keeps data under DATA_DIR and stops on SIGTERM', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'amana-start-'));
    const proc = startProcess(serverEntry, { PORT: '0', LOG_LEVEL: 'info' }, cwd);
    try {
      const port = readyPort(await proc.waitForLine(isReadyLine, 30000));
      const ready = JSON.parse(proc.lines.find(isReadyLine)!) as Record<string, unknown>;
      expect(ready).toMatchObject({ store: 'sqlite', jobs: 'outbox', blobs: 'disk', mail: 'file' });
      const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(readyz.status).toBe(200);
      expect(await readyz.json()).toMatchObject({ status: 'ready' });
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style/);
      expect(page.headers.get('set-cookie')).toBeNull();
      expect(readdirSync(cwd)).toEqual(['data']);
      expect(existsSync(path.join(cwd, 'data', 'amana.sqlite'))).toBe(true);
      expect(existsSync(path.join(cwd, 'data', 'secrets.json'))).toBe(true);
    } finally {
      proc.child.kill('SIGTERM');
    }
    const { code } = await proc.exited;
    expect(code).toBe(0);
    expect(proc.lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  }, 60_000);
});
