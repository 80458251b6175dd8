/**
 * The public transparency page in a real Chromium against the real `npm start` process:
 * "not published" while off; once switched on, the charts drawn by chart.js (loaded then, not
 * on the reporter's pages) under the strict Content-Security-Policy, each followed by its
 * table, small figures in words, right to left in Arabic, and nothing asked of anyone else.
 */
import type { Page } from 'playwright-core';
import type { Store } from '../../server/ports/store.port';
import { monthsBetween } from '../../server/services/statistics/period';
import { publishedPeriod } from '../../server/services/statistics/transparency.service';
import { TRANSPARENCY_KEY } from '../../server/services/statistics/transparency-settings';
import { ensureBuilt } from '../support/built';
import { DAY_MS, givenCase } from '../support/factories';
import { CORRUPTION_CHANNEL, startAmanaServer, type AmanaServer } from './support/amana-server';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { guardContext, type PageGuard } from './support/page-guard';
import { abortedByPage } from './support/staff-checks';

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the browser tests: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

/** The running server writes to the same file (its job runner polls); a write that loses the race is retried. */
async function retried<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= 20 || !(err instanceof Error) || !/database is locked|SQLITE_BUSY/.test(err.message)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function fill(store: Store): Promise<void> {
  const { from, to } = publishedPeriod(new Date(), 90);
  const months = monthsBetween(from, to);
  for (const [i, month] of months.entries()) {
    // 30 to 52 reports a month, most acknowledged the next day, a few a fortnight late.
    for (let n = 0; n < 30 + 2 * i; n += 1) {
      const created = await retried(() => givenCase(store, { case: { channelId: CORRUPTION_CHANNEL, createdAt: new Date(`${month}-05T10:00:00Z`), category: 'other' } }));
      const late = n % 10 === 0;
      await retried(() => store.cases.update(created.id, { status: 'acknowledged', acknowledgedAt: new Date(created.createdAt.getTime() + (late ? 14 : 1) * DAY_MS) }, null, []));
    }
  }
}

/** whether the canvas holds any drawn pixel */
const drawn = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"] canvas`).evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    return c.width > 0 && data.some((v, i) => i % 4 === 3 && v > 0);
  });

suite('public transparency page in Chromium', () => {
  let server: AmanaServer;
  beforeAll(async () => {
    ensureBuilt();
    server = await startAmanaServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('shows nothing while off, then noisy figures as charts and tables, with chart.js loaded only there', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const guard: PageGuard = await guardContext(context, server.origin);
      const page = await context.newPage();
      await page.goto(`${server.origin}/?lang=fr`, { waitUntil: 'networkidle' });
      await page.goto(`${server.origin}/transparency?lang=fr`, { waitUntil: 'networkidle' });
      await page.waitForSelector('[data-testid="transparency-off"]');
      // The page's own 404 (switched off) is expected, reported twice: by the response and by the console.
      expect(guard.problems.filter((p) => !p.includes('/api/v1/public/transparency') && !/Failed to load resource.*404/.test(p) && !abortedByPage(p))).toEqual([]);
      expect(guard.requests.some((url) => /chart-setup/.test(url))).toBe(false);

      const store = await server.openStore();
      try {
        await fill(store);
        await retried(() => store.settings.set(TRANSPARENCY_KEY, { enabled: true, epsilon: 1, licence: 'CC-BY-4.0' }, new Date()));
      } finally {
        await store.close();
      }
      guard.problems.length = 0;
      await page.goto(`${server.origin}/transparency?lang=ar`, { waitUntil: 'networkidle' });
      await page.waitForSelector('[data-testid="transparency-page"]');
      await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 6);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.locator('[data-testid="transparency-k"]').textContent()).toContain('أقل من 5');
      expect(await page.locator('[data-testid="transparency-epsilon"]').textContent()).toContain('5');
      expect(await drawn(page, 'public-by-month')).toBe(true);
      expect(await drawn(page, 'public-ack-rate')).toBe(true);
      // Each chart is an image pointing at its table, which holds the figures.
      expect(await page.locator('[data-testid="public-by-month"] canvas').getAttribute('role')).toBe('img');
      const rows = await page.locator('[data-testid="public-by-month-table"] tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="public-by-month-table"] thead th').count()).toBe(14);
      expect(guard.requests.some((url) => /chart-setup/.test(url))).toBe(true);
      expect(guard.cspViolations).toEqual([]);
      // The page cancels its own request when React runs its effect again; that is not an error.
      expect(guard.problems.filter((p) => !abortedByPage(p))).toEqual([]);
      expect(guard.foreignRequests()).toEqual([]);
      const openData = await page.locator('[data-testid="open-data-csv"]').getAttribute('href');
      expect(openData).toBe('/api/v1/public/open-data?format=csv');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
