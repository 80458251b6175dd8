/**
 * A lost answer to POST /reports, in a real Chromium against the real server process: the
 * request reaches the server and is stored, but the browser sees the connection reset instead
 * of the 201 (page.route: route.fetch() sends it, route.abort() drops the answer). The page
 * must end up with exactly one case and show the receipt of that case, the one that opens it.
 *   1. only the first answer is lost: the page retries by itself with the same request;
 *   2. with an attachment, every automatic attempt's answer is lost: the page invites the
 *      reporter to send again, and that sends the same request (no `attachment_attached`).
 */
import Database from 'better-sqlite3';
import type { Page, Route } from 'playwright-core';
import { ensureBuilt } from '../support/built';
import { startAmanaServer, type AmanaServer } from './support/amana-server';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { browserJpeg } from './support/jpeg';
import { openCase } from './support/reporter-flow';

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the browser tests: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

const SLOW_MS = 150_000;

function countRows(server: AmanaServer, table: string): number {
  const db = new Database(server.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`).get()?.n ?? 0;
  } finally {
    db.close();
  }
}

interface Dropper {
  /** POST /reports requests the server answered */
  posts: number;
  /** of those, answers the browser never saw */
  dropped: number;
  /** the request bodies, to compare attempts */
  bodies: string[];
}

/** The first `lose` answers of POST /reports reach the server but not the page. */
async function loseAnswers(page: Page, lose: number): Promise<Dropper> {
  const seen: Dropper = { posts: 0, dropped: 0, bodies: [] };
  await page.route('**/api/v1/reports', async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    seen.bodies.push(route.request().postData() ?? '');
    const answer = await route.fetch();
    seen.posts += 1;
    if (seen.dropped < lose && answer.status() === 201) {
      seen.dropped += 1;
      return route.abort('connectionreset');
    }
    return route.fulfill({ response: answer });
  });
  return seen;
}

async function writeReport(page: Page, what: string, photo: Buffer | null): Promise<void> {
  await page.getByTestId('channel-corruption').click();
  await page.getByTestId('field-category').selectOption('bribery');
  await page.getByTestId('field-what').fill(what);
  await page.getByTestId('field-ongoing-yes').check();
  await page.getByTestId('field-money_involved-no').check();
  if (photo) {
    await page.getByTestId('field-evidence').setInputFiles({ name: 'evidence.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-testid=attachment-item][data-status=done]').waitFor({ timeout: SLOW_MS });
  }
  await page.getByTestId('review-button').click();
  await page.getByTestId('review').waitFor();
}

async function shownReceipt(page: Page): Promise<string> {
  const code = page.getByTestId('receipt-text');
  await code.waitFor({ timeout: SLOW_MS });
  const receipt = (await code.innerText()).trim().replace(/ /g, '');
  await page.getByTestId('receipt-saved').check();
  await page.getByTestId('receipt-done').click();
  await page.getByTestId('channel-list').waitFor();
  return receipt;
}

suite('a lost answer to POST /reports files one case and shows its receipt', () => {
  let server: AmanaServer;

  beforeAll(async () => {
    ensureBuilt();
    server = await startAmanaServer();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('the first 201 is lost: the page sends the same request again by itself', async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.origin}/?lang=fr`);
      await page.getByTestId('channel-corruption').waitFor({ timeout: 30_000 });
      const casesBefore = countRows(server, 'cases');
      const seen = await loseAnswers(page, 1);
      await writeReport(page, 'Premier envoi perdu : le guichet demande 500 dirhams.', null);
      await page.getByTestId('submit-button').click();
      const receipt = await shownReceipt(page);

      expect({ posts: seen.posts, dropped: seen.dropped }).toEqual({ posts: 2, dropped: 1 });
      expect(seen.bodies[1]).toBe(seen.bodies[0]);
      expect(countRows(server, 'cases') - casesBefore).toBe(1);
      const opened = await openCase(page, receipt);
      expect(opened.answer.status).toBe('received');
      expect(opened.reportText).toContain('Premier envoi perdu');
    } finally {
      await browser.close();
    }
  }, 300_000);

  it('with an attachment, every automatic attempt is lost: "send again" files the same case once', async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.origin}/?lang=fr`);
      await page.getByTestId('channel-corruption').waitFor({ timeout: 30_000 });
      const photo = await browserJpeg(page);
      const casesBefore = countRows(server, 'cases');
      // more than the page's automatic attempts: only the reporter's "send again" gets through
      const seen = await loseAnswers(page, 1_000);
      await writeReport(page, 'Toutes les réponses perdues, avec une photo.', photo);
      await page.getByTestId('submit-button').click();
      await page.getByTestId('resend-button').waitFor({ timeout: SLOW_MS });
      const automatic = seen.posts;
      expect(automatic).toBeGreaterThanOrEqual(2);
      expect(seen.dropped).toBe(automatic);
      expect(countRows(server, 'cases') - casesBefore).toBe(1);

      await page.unroute('**/api/v1/reports');
      const resent = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/reports' && r.method() === 'POST');
      await page.getByTestId('resend-button').click();
      const again = await resent;
      // the same receipt (login secret), body and attachment; only a refused proof of work may change
      const same = (body: string) => {
        const { pow: _pow, ...rest } = JSON.parse(body) as Record<string, unknown>;
        return rest;
      };
      expect(same(again.postData() ?? '')).toEqual(same(seen.bodies[0]!));
      const receipt = await shownReceipt(page);

      expect(countRows(server, 'cases') - casesBefore).toBe(1);
      const opened = await openCase(page, receipt);
      expect(opened.answer.status).toBe('received');
      expect(opened.reportText).toContain('Toutes les réponses perdues');
      expect(await page.locator('[data-testid=case-view] [data-testid=attachment-download]').count()).toBeGreaterThanOrEqual(1);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
