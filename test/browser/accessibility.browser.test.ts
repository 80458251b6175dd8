/**
 * Every page, reporter and staff, in Arabic, French and English at 1280 and 390 px, checked
 * with axe-core (WCAG 2.1 A/AA) against the real `npm start` process; the run fails on any
 * violation and lists them all. Pages that need state held only in memory (review, receipt,
 * an open case, a signed-in staff session) are reached the way people reach them, once, and
 * their language changed in place with the header's buttons. Screenshots of every page, in
 * each language and width, are left under test-results/screenshots/ for a reviewer.
 * A second test walks the reporter's path in Arabic with the keyboard alone.
 */
import { ensureBuilt } from '../support/built';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { browserJpeg } from './support/jpeg';
import { goInApp, PageScanner, SCREENSHOTS } from './support/page-scan';
import { nextTotp, staffBrowser, type Enrolled, type StaffBrowser } from './support/staff-flow';
import { startStaffServer, type StaffServer } from './support/staff-server';
import type { Browser, Page } from 'playwright-core';

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the accessibility browser test: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

// Argon2id at 64 MiB in a browser on a loaded machine: generous, not tight.
const SLOW_MS = 150_000;
const byTestId = (id: string) => (page: Page) => page.getByTestId(id);

/** What has focus: its data-testid, else its id, else its tag. */
const focusedId = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? (el?.id || el?.tagName.toLowerCase() || '');
  });

/** Presses Tab (or Shift+Tab) until `testId` has focus; fails after `max` presses, listing where focus went. */
async function tabTo(page: Page, testId: string, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 80); i += 1) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const now = await focusedId(page);
    if (now === testId) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${testId}; focus went through: ${seen.join(', ')}`);
}

/** Activation from its first screen, each screen scanned on the way. */
async function activateScanning(page: Page, scanner: PageScanner | null, email: string, password: string): Promise<Enrolled> {
  const scan = async (name: string, id: string) => scanner?.scan(page, name, byTestId(id));
  await page.getByTestId('activate-page').waitFor({ timeout: SLOW_MS });
  await scan('staff-activate-password', 'new-password');
  // Refused without a password: the errors are part of the page too.
  await page.getByTestId('activate-password-next').click();
  await page.locator('.field-error').first().waitFor();
  await scan('staff-activate-password-errors', 'new-password');
  await page.getByTestId('new-password').fill(password);
  await page.getByTestId('new-password-confirm').fill(password);
  await page.getByTestId('activate-password-next').click();
  const recoveryKey = (await page.getByTestId('recovery-key').innerText()).trim();
  await scan('staff-activate-recovery-key', 'recovery-key');
  await page.getByTestId('recovery-key-step-saved').check();
  await page.getByTestId('recovery-key-step-next').click();
  await scan('staff-activate-totp', 'totp-qr');
  const totpSecret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
  const { code, step } = await nextTotp(totpSecret, 0);
  await page.getByTestId('activate-totp').fill(code);
  await page.getByTestId('activate-submit').click();
  await page.getByTestId('recovery-codes').waitFor({ timeout: SLOW_MS });
  const recoveryCodes = (await page.getByTestId('recovery-codes').locator('li').allInnerTexts()).map((c) => c.trim());
  await scan('staff-activate-recovery-codes', 'recovery-codes');
  await page.getByTestId('recovery-codes-step-saved').check();
  await page.getByTestId('recovery-codes-step-next').click();
  await page.getByTestId('nav-me').waitFor();
  return { email, password, recoveryKey, totpSecret, recoveryCodes, lastStep: step };
}

async function signIn(page: Page, who: Enrolled): Promise<void> {
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  const { code, step } = await nextTotp(who.totpSecret, who.lastStep);
  await page.getByTestId('login-totp').fill(code);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-me').waitFor({ timeout: SLOW_MS });
  who.lastStep = step;
}

/** The officer of the corruption channel, who is also custodian and committee member, so one account opens every staff page. */
async function inviteEveryRole(page: Page, email: string): Promise<void> {
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-name').fill('Omar Officer');
  await page.getByTestId('invite-channel-corruption').check();
  await page.getByTestId('invite-role-custodian').check();
  await page.getByTestId('invite-role-committee').check();
  await page.getByTestId('invite-submit').click();
  await page.locator(`[data-testid=staff-row][data-email="${email}"][data-status=invited]`).waitFor();
}

/** Walks the reporter's pages; returns the page, left on the open case, and its receipt. */
async function reporterPages(browser: Browser, origin: string, scanner: PageScanner): Promise<{ page: Page; receipt: string; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/?lang=ar`);
    await scanner.scan(page, 'home', byTestId('channel-list'));
    const slugs = await page.locator('[data-testid=channel-list] [data-testid^=channel-]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.slice('channel-'.length)));
    for (const slug of slugs) {
      await page.goto(`${origin}/report/${slug}?lang=ar`);
      await scanner.scan(page, `form-${slug}`, (p) => p.locator('[data-testid=review-button], [data-testid=report-unavailable]'));
    }
    // The corruption channel has an officer: refused review (error summary), review, receipt.
    await page.goto(`${origin}/report/corruption?lang=ar`);
    await page.getByTestId('review-button').click();
    await page.getByTestId('form-notice').waitFor();
    await scanner.scan(page, 'form-errors', byTestId('form-notice'));
    await page.getByTestId('field-category').selectOption('bribery');
    await page.getByTestId('field-what').fill('Un agent demande de l’argent pour un permis.');
    await page.getByTestId('field-money_involved-yes').check();
    await page.getByTestId('field-amount').fill('2000 MAD');
    await page.getByTestId('field-ongoing-yes').check();
    await page.getByTestId('field-evidence').setInputFiles({ name: 'recu.jpg', mimeType: 'image/jpeg', buffer: await browserJpeg(page) });
    await page.locator('[data-testid=attachment-item][data-status=done]').waitFor({ timeout: SLOW_MS });
    await scanner.scan(page, 'form-filled', byTestId('attachment-item'));
    await page.getByTestId('review-button').click();
    await scanner.scan(page, 'review', byTestId('review'));
    await page.getByTestId('submit-button').click();
    await page.getByTestId('receipt-text').waitFor({ timeout: SLOW_MS });
    await scanner.scan(page, 'receipt', byTestId('receipt-text'));
    // "Print this receipt" prints the code and the advice, nothing else.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() =>
      ['.site-header', '.site-footer', '[data-testid=receipt-saved]', '[data-testid=receipt-done]', '[data-testid=receipt-copy]', '[data-testid=receipt-text]', '[data-testid=receipt-advice]'].map(
        (selector) => [selector, getComputedStyle(document.querySelector(selector)!).display !== 'none' && document.querySelector(selector)!.getClientRects().length > 0],
      ),
    );
    await page.screenshot({ path: `${SCREENSHOTS}/receipt-print-${await page.evaluate(() => document.documentElement.lang)}.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(Object.fromEntries(printed)).toEqual({
      '.site-header': false,
      '.site-footer': false,
      '[data-testid=receipt-saved]': false,
      '[data-testid=receipt-done]': false,
      '[data-testid=receipt-copy]': false,
      '[data-testid=receipt-text]': true,
      '[data-testid=receipt-advice]': true,
    });
    const receipt = (await page.getByTestId('receipt-text').innerText()).replace(/\D/g, '');
    await page.getByTestId('receipt-saved').check();
    await page.getByTestId('receipt-done').click();
    await page.getByTestId('channel-list').waitFor();
    await page.getByTestId('nav-follow-up').click();
    await scanner.scan(page, 'follow-up', byTestId('follow-up-receipt'));
    // A code that opens nothing: the message says so and what was typed is still there to correct.
    const wrong = `${receipt.slice(0, -1)}${(Number(receipt.slice(-1)) + 1) % 10}`;
    await page.getByTestId('follow-up-receipt').fill(wrong);
    await page.getByTestId('follow-up-open').click();
    await page.locator('[data-testid=follow-up-error], .field-error').first().waitFor({ timeout: SLOW_MS });
    expect(await page.getByTestId('follow-up-receipt').inputValue()).toBe(wrong);
    await scanner.scan(page, 'follow-up-refused', (p) => p.locator('[data-testid=follow-up-error], .field-error'));
    await page.getByTestId('follow-up-receipt').fill(receipt);
    await page.getByTestId('follow-up-open').click();
    await page.getByTestId('case-view').waitFor({ timeout: SLOW_MS });
    await scanner.scan(page, 'case-view', byTestId('case-view'));
    const transparency = await context.newPage();
    await transparency.goto(`${origin}/transparency?lang=ar`);
    await scanner.scan(transparency, 'transparency', (p) => p.locator('main h1'));
    await transparency.close();
    return { page, receipt, close: () => context.close() };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/** The officer's reply reaches the reporter: marked new on the next visit, with refresh and Leave in plain words. */
async function reporterSeesReply(page: Page, receipt: string, scanner: PageScanner): Promise<void> {
  // "Follow up on a report" while a case is open goes back to the receipt form.
  await page.getByTestId('nav-follow-up').click();
  await page.getByTestId('follow-up-receipt').waitFor();
  expect(await page.getByTestId('case-view').count()).toBe(0);
  await page.getByTestId('follow-up-receipt').fill(receipt);
  await page.getByTestId('follow-up-open').click();
  await page.getByTestId('case-view').waitFor({ timeout: SLOW_MS });
  const fresh = page.locator('[data-testid=message][data-from=officer][data-new]');
  await fresh.first().waitFor();
  // Newest first: the reply is the first message shown, and the news line counts it.
  expect(await page.getByTestId('message').first().getAttribute('data-from')).toBe('officer');
  expect(await page.getByTestId('case-news').innerText()).toMatch(/1/);
  await scanner.scan(page, 'case-view-new', byTestId('case-news'));
  await page.getByTestId('follow-up-refresh').click();
  await page.locator('[data-testid=follow-up-refreshed]:not(:empty)').waitFor({ timeout: SLOW_MS });
  await page.getByTestId('follow-up-close').click();
  await page.getByTestId('follow-up-receipt').waitFor();
}

suite('accessibility of every page in Chromium, against the real server process', () => {
  let server: StaffServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureBuilt();
    server = await startStaffServer();
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds no WCAG 2.1 A/AA violation on any page, in ar, fr and en, at 1280 and 390 px', async () => {
    const scanner = new PageScanner();
    const staff: StaffBrowser = staffBrowser(browser, server.origin);
    try {
      // The first administrator, from the printed link; the setup form refused empty, then filled.
      const admin = await staff.open();
      await admin.page.goto(`${server.origin}/setup?lang=ar#${server.setupToken}`);
      await scanner.scan(admin.page, 'staff-setup', byTestId('setup-email'));
      await admin.page.getByTestId('setup-submit').click();
      await admin.page.locator('.field-error').first().waitFor();
      await scanner.scan(admin.page, 'staff-setup-errors', byTestId('setup-email'));
      await admin.page.getByTestId('setup-email').fill('amina.admin@commune.example');
      await admin.page.getByTestId('setup-name').fill('Amina Admin');
      await admin.page.getByTestId('setup-submit').click();
      await activateScanning(admin.page, scanner, 'amina.admin@commune.example', 'correct horse battery admin');
      await admin.page.getByTestId('nav-admin').click();
      await scanner.scan(admin.page, 'staff-admin', byTestId('invite-form'));
      await inviteEveryRole(admin.page, 'omar.officer@commune.example');

      // The officer activates from the mail (already scanned above), in a context of its own.
      const link = await server.activationToken('omar.officer@commune.example');
      const first = await staff.open();
      await first.page.goto(`${server.origin}/activate?lang=fr#${link}`);
      const officer = await activateScanning(first.page, null, 'omar.officer@commune.example', 'Omar’s long passphrase 2026');
      await first.context.close();

      const reporter = await reporterPages(browser, server.origin, scanner);

      // Sign-in (empty, then refused fields), then every page the officer's roles open.
      const { page } = await staff.open();
      await page.goto(`${server.origin}/staff/login?lang=ar`);
      await scanner.scan(page, 'staff-login', byTestId('login-email'));
      await page.getByTestId('login-submit').click();
      await page.locator('.field-error').first().waitFor();
      await scanner.scan(page, 'staff-login-errors', byTestId('login-email'));
      await signIn(page, officer);
      await page.getByTestId('nav-inbox').click();
      await page.getByTestId('inbox-row').first().waitFor({ timeout: SLOW_MS });
      await scanner.scan(page, 'staff-inbox', byTestId('inbox-row'));
      await page.getByTestId('inbox-open').first().click();
      await scanner.scan(page, 'staff-case', (p) => p.getByTestId('case-page').locator('h2').first());
      await page.getByTestId('composer-text').fill('Merci. Pouvez-vous préciser la date ?');
      await page.getByTestId('composer-send').click();
      await page.locator('[data-testid=thread-item][data-from=staff]').first().waitFor({ timeout: SLOW_MS });
      await reporterSeesReply(reporter.page, reporter.receipt, scanner);
      await reporter.close();
      await page.getByTestId('nav-identity').click();
      await scanner.scan(page, 'staff-identity-requests', (p) => p.locator('main h1'));
      await page.getByTestId('nav-me').click();
      await scanner.scan(page, 'staff-me', byTestId('me-page'));
      await goInApp(page, '/staff/statistics');
      await scanner.scan(page, 'staff-statistics', (p) => p.locator('main h1'));
      await goInApp(page, '/staff/annual-report');
      await scanner.scan(page, 'staff-annual-report', (p) => p.locator('main h1'));
      const recover = await staff.open();
      await recover.page.goto(`${server.origin}/staff/recover?lang=ar`);
      await scanner.scan(recover.page, 'staff-recover', byTestId('recover-page'));
    } finally {
      scanner.write('axe-results.json');
      process.stdout.write(`\naxe (WCAG 2.1 A/AA), violations per page, language and width:\n${scanner.table()}\n`);
    }
    const failures = scanner.failures();
    expect(failures).toEqual([]);
  }, 1_200_000);
  // Continues on the installation the first test set up (the corruption channel has its officer).
  it('lets a reporter go from the home page to the receipt in Arabic with the keyboard alone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/?lang=ar`);
      await page.getByTestId('channel-list').waitFor();
      await tabTo(page, 'channel-corruption');
      // Focus is shown where it is (the outline of :focus-visible).
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
      await page.keyboard.press('Enter');
      await page.getByTestId('review-button').waitFor();

      // Asking to review too early: focus goes to the error summary, whose first link leads to the field.
      await tabTo(page, 'review-button');
      await page.keyboard.press('Enter');
      await page.getByTestId('form-notice').waitFor();
      expect(await focusedId(page)).toBe('form-notice');
      await tabTo(page, 'error-summary-link', { max: 1 });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-category');

      // A closed <select> changes its choice with the arrow keys, the one key beyond Tab, Space and Enter a native control needs.
      await page.keyboard.press('ArrowDown');
      expect(await page.getByTestId('field-category').inputValue()).not.toBe('');
      await tabTo(page, 'field-what');
      await page.keyboard.type('موظف طلب مبلغاً مقابل رخصة البناء.');
      await tabTo(page, 'field-money_involved-yes');
      await page.keyboard.press('Space');
      await tabTo(page, 'field-ongoing-yes');
      await page.keyboard.press('Space');
      // The summary went as the answers were given, field by field.
      // React re-renders after the key press: wait for the notice to go (it fails if it never does).
      await page.getByTestId('form-notice').waitFor({ state: 'detached', timeout: 10_000 });
      await tabTo(page, 'review-button');
      await page.keyboard.press('Enter');
      await page.getByTestId('review').waitFor();

      await tabTo(page, 'submit-button');
      await tabTo(page, 'edit-button', { back: true, max: 1 });
      await tabTo(page, 'submit-button', { max: 1 });
      await page.keyboard.press('Enter');
      await page.getByTestId('receipt-text').waitFor({ timeout: SLOW_MS });
      expect((await page.getByTestId('receipt-text').innerText()).replace(/\D/g, '')).toMatch(/^\d{20,21}$/);

      await tabTo(page, 'receipt-saved');
      await page.keyboard.press('Space');
      await tabTo(page, 'receipt-done');
      await page.keyboard.press('Enter');
      await page.getByTestId('channel-list').waitFor();
    } finally {
      await page.screenshot({ path: `${SCREENSHOTS}/keyboard-flow-ar-end.png`, fullPage: true }).catch(() => undefined);
      await context.close();
    }
  }, 600_000);
});
