/**
 * The public transparency page in a real Chromium against the real `npm start` process:
 * "not published" while off; switched on in a new installation, nothing invented (no month,
 * no figure, the date the first month will appear); with a year of history (installation and
 * channels backdated), the charts drawn by chart.js (loaded then, not on the reporter's pages)
 * under the strict Content-Security-Policy, each followed by its table in a focusable scroll
 * region, figures with their margins, right to left in Arabic, and nothing asked of anyone
 * else. Screenshots in ar/fr/en at 1280 and 390 px, each scanned by axe (WCAG 2.1 A/AA).
 */
import type { Page } from 'playwright-core';
import type { Store } from '../../server/ports/store.port';
import { monthsBetween } from '../../server/services/statistics/period';
import { publishedPeriod } from '../../server/services/statistics/transparency.service';
import { TRANSPARENCY_ENABLED_AT_KEY, TRANSPARENCY_KEY } from '../../server/services/statistics/transparency-settings';
import { ensureBuilt } from '../support/built';
import { DAY_MS, givenCase } from '../support/factories';
import { backdateInstallation } from '../support/installation-history';
import { CORRUPTION_CHANNEL, startAmanaServer, type AmanaServer } from './support/amana-server';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { axeViolations, LANGS, saveScreenshot, WIDTHS } from './support/page-evidence';
import { guardContext, type PageGuard } from './support/page-guard';
import { abortedByPage } from './support/staff-checks';

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the browser tests: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

/**
 * 30 to 52 reports a month, never acknowledged (so the shares in time are near 0). Only
 * inserts: a case insert takes SQLite's write lock with its first statement and waits out
 * the running server's writes, where an update (read, then write, in a deferred transaction
 * until the store takes the lock up front) fails with SQLITE_BUSY when the server commits
 * in between.
 */
async function fill(store: Store, months: string[]): Promise<void> {
  for (const [i, month] of months.entries()) {
    for (let n = 0; n < 30 + 2 * i; n += 1) {
      await givenCase(store, { case: { channelId: CORRUPTION_CHANNEL, createdAt: new Date(`${month}-05T10:00:00Z`), category: 'other' } });
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
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('shows nothing while off, nothing invented in a new installation, then figures with margins as charts and tables', async () => {
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

      // Switched on in the installation as it started: not a single month is final yet.
      const store = await server.openStore();
      const now = new Date();
      try {
        await store.settings.set(TRANSPARENCY_KEY, { enabled: true, epsilon: 1, licence: 'CC-BY-4.0' }, now);
        await store.settings.putIfAbsent(TRANSPARENCY_ENABLED_AT_KEY, now.toISOString(), now);
      } finally {
        await store.close();
      }
      guard.problems.length = 0;
      await page.goto(`${server.origin}/transparency?lang=en`, { waitUntil: 'networkidle' });
      await page.getByTestId('public-nothing-yet').waitFor();
      expect(await page.locator('canvas').count()).toBe(0);
      expect(await page.locator('table').count()).toBe(0);
      expect(await page.getByTestId('public-nothing-yet').innerText()).toMatch(/will appear on \d{1,2} \w+ \d{4}/);
      await saveScreenshot(page, 'transparency-new-installation-en-1280');

      // A year of history: the installation, its channels and the switch two years old.
      const since = new Date(now.getTime() - 730 * DAY_MS);
      backdateInstallation(server.sqlitePath, since);
      const history = await server.openStore();
      try {
        await history.settings.set(TRANSPARENCY_ENABLED_AT_KEY, since.toISOString(), now);
        const period = publishedPeriod(now, 90);
        await fill(history, period ? monthsBetween(period.from, period.to) : []);
      } finally {
        await history.close();
      }

      guard.problems.length = 0;
      await page.goto(`${server.origin}/transparency?lang=ar`, { waitUntil: 'networkidle' });
      await page.waitForSelector('[data-testid="transparency-page"]');
      await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 6);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await page.getByTestId('public-how-to-read').innerText()).toContain('± 6');
      expect(await page.getByTestId('public-protection').innerText()).toContain('متوازنة');
      expect(await page.locator('body').innerText()).not.toMatch(/epsilon|إبسيلون|لابلاس|Laplace/i);
      expect(await drawn(page, 'public-by-month')).toBe(true);
      expect(await drawn(page, 'public-ack-rate')).toBe(true);
      // Each chart is an image pointing at its table, which holds the figures in a focusable region.
      expect(await page.locator('[data-testid="public-by-month"] canvas').getAttribute('role')).toBe('img');
      const region = page.locator('[data-testid="public-by-month"] [role="region"]');
      expect(await region.getAttribute('tabindex')).toBe('0');
      expect(await region.getAttribute('aria-label')).toBeTruthy();
      expect(await page.locator('[data-testid="public-by-month-table"] tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="public-by-month-table"] thead th').count()).toBe(14);
      // The busy channel's year total is a figure with its margin; the page says it in words too.
      const total = await page.locator('[data-testid="public-by-month-table"] tfoot td').last().innerText();
      expect(total).toMatch(/\d+ ± \d+/);
      expect(await page.getByTestId('public-in-short').innerText()).toMatch(/حوالي \d+، بزيادة أو نقصان \d+/);
      expect(guard.requests.some((url) => /chart-setup/.test(url))).toBe(true);

      for (const lang of LANGS) {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${server.origin}/transparency?lang=${lang}`, { waitUntil: 'networkidle' });
          await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 6);
          await page.waitForTimeout(300);
          await saveScreenshot(page, `transparency-${lang}-${width}`);
          expect({ lang, width, violations: await axeViolations(page) }).toEqual({ lang, width, violations: [] });
          // No page wider than the screen: wide tables scroll inside their own region.
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        }
      }
      expect(guard.cspViolations).toEqual([]);
      // The page cancels its own request when React runs its effect again; that is not an error.
      expect(guard.problems.filter((p) => !abortedByPage(p))).toEqual([]);
      expect(guard.foreignRequests()).toEqual([]);
      expect(await page.getByTestId('open-data-csv').getAttribute('href')).toBe('/api/v1/public/open-data?format=csv');
    } finally {
      await browser.close();
    }
  }, 300_000);
});
