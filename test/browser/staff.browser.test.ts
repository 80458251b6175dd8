/**
 * The staff side in a real Chromium against the real `npm start` process on an empty
 * installation: the setup link the server printed makes the first administrator (password,
 * recovery key, TOTP); the administrator invites an officer of the corruption channel; the
 * officer activates from the mailed link; a reporter files a report in another browser; the
 * officer signs in with TOTP, finds it in the inbox, decrypts it in the page, acknowledges
 * it and replies; the reporter follows up with the receipt and reads the reply and the new
 * status. Along the way: no password or recovery key ever leaves the staff browser, and the
 * staff pages keep nothing in browser storage.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { ensureBuilt } from '../support/built';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { browserJpeg } from './support/jpeg';
import { browserTraces, guardContext, type PageGuard } from './support/page-guard';
import { fileReport, openCase } from './support/reporter-flow';
import { activateOnPage, signInOnPage, type Enrolled } from './support/staff-flow';
import { startStaffServer, type StaffServer } from './support/staff-server';

const availability = chromiumAvailability();
if (!availability.run) process.stdout.write(`Skipping the staff browser test: ${availability.reason}\n`);
const suite = availability.run ? describe : describe.skip;

const SLOW_MS = 120_000;
const canary = (what: string) => `CANARY-${what}-${randomBytes(6).toString('hex')}`;

/** Every request body the context sends, to prove what never leaves the browser. */
function recordBodies(context: BrowserContext, into: string[]): void {
  context.on('request', (request: Request) => {
    const body = request.postData();
    if (body) into.push(body);
  });
}

suite('staff in Chromium: setup, invitation, activation, an officer answers a report', () => {
  let server: StaffServer;

  beforeAll(async () => {
    ensureBuilt();
    server = await startStaffServer();
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('goes from the setup link to a reply the reporter reads with the receipt', async () => {
    const browser = await launchChromium();
    const guards: PageGuard[] = [];
    const bodies: string[] = [];
    const staffContext = async (): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await browser.newContext();
      guards.push(await guardContext(context, server.origin));
      recordBodies(context, bodies);
      return { context, page: await context.newPage() };
    };
    try {
      // 1. The first administrator, from the link only the server's operator saw.
      const admin = await staffContext();
      await admin.page.goto(`${server.origin}/setup?lang=fr#${server.setupToken}`);
      // The token leaves the address bar at once.
      await admin.page.getByTestId('setup-email').waitFor();
      expect(new URL(admin.page.url()).hash).toBe('');
      await admin.page.getByTestId('setup-email').fill('amina.admin@commune.example');
      await admin.page.getByTestId('setup-name').fill('Amina Admin');
      await admin.page.getByTestId('setup-submit').click();
      const adminAccount = await activateOnPage(admin.page, 'amina.admin@commune.example', 'correct horse battery admin');
      expect(adminAccount.recoveryKey).toMatch(/^([A-Z2-7]{4} ){12}[A-Z2-7]{4}$/);
      expect(adminAccount.recoveryCodes).toHaveLength(10);

      // 2. The administrator invites an officer of the corruption channel.
      await admin.page.getByTestId('nav-admin').click();
      await admin.page.getByTestId('invite-email').fill('omar.officer@commune.example');
      await admin.page.getByTestId('invite-name').fill('Omar Officer');
      await admin.page.getByTestId('invite-channel-corruption').check();
      await admin.page.getByTestId('invite-submit').click();
      await admin.page.getByTestId('invite-sent').waitFor();
      await admin.page.locator('[data-testid=staff-row][data-email="omar.officer@commune.example"][data-status=invited]').waitFor();

      // 3. The officer activates from the mailed link, in another browser.
      const link = await server.activationToken('omar.officer@commune.example');
      let officer = await staffContext();
      await officer.page.goto(`${server.origin}/activate?lang=fr#${link}`);
      const officerAccount: Enrolled = await activateOnPage(officer.page, 'omar.officer@commune.example', 'Omar’s long passphrase 2026');
      await officer.page.getByTestId('inbox-page').waitFor();
      await officer.context.close();

      // 4. A reporter files a report in a third browser.
      const reporterContext = await browser.newContext();
      const reporterGuard = await guardContext(reporterContext, server.origin);
      const reporter = await reporterContext.newPage();
      await reporter.goto(`${server.origin}/?lang=fr`);
      const what = canary('what');
      const filed = await fileReport(reporter, {
        what: `Un agent demande 2000 MAD pour un permis. ${what}`,
        amount: '2000 MAD',
        photo: { name: 'recu.jpg', mimeType: 'image/jpeg', buffer: await browserJpeg(reporter) },
        identityName: null,
      });

      // 5. The officer signs in again (TOTP), finds the case, decrypts it, acknowledges and replies.
      officer = await staffContext();
      await signInOnPage(officer.page, server.origin, officerAccount);
      const row = officer.page.getByTestId('inbox-row');
      await row.first().waitFor({ timeout: SLOW_MS });
      expect(await row.count()).toBe(1);
      expect(await row.first().innerText()).toContain('Corruption');
      await row.first().getByTestId('inbox-open').click();
      const report = officer.page.getByTestId('report-content');
      await report.waitFor({ timeout: SLOW_MS });
      expect(await report.innerText()).toContain(what);
      expect(await officer.page.getByTestId('case-status').getAttribute('data-status')).toBe('received');

      const reason = canary('ack');
      await officer.page.getByTestId('status-reason').fill(`Votre signalement a bien été reçu. ${reason}`);
      await officer.page.getByTestId('status-submit').click();
      await officer.page.locator('[data-testid=case-status][data-status=acknowledged]').waitFor({ timeout: SLOW_MS });
      expect(await officer.page.getByTestId('case-history').innerText()).toContain(reason);

      const reply = canary('reply');
      await officer.page.getByTestId('composer-text').fill(`Merci. Pouvez-vous préciser la date ? ${reply}`);
      await officer.page.getByTestId('composer-send').click();
      await officer.page.locator('[data-testid=thread-item][data-from=staff]').filter({ hasText: reply }).waitFor({ timeout: SLOW_MS });
      expect(await browserTraces(officer.context, officer.page)).toEqual({ cookies: 0, local: 0, session: 0, idb: 0 });
      await officer.page.getByTestId('sign-out').click();
      await officer.page.getByTestId('login-page').waitFor();
      await officer.context.close();
      await admin.context.close();

      // 6. The reporter follows up with the receipt: acknowledged, and the officer's reply.
      const opened = await openCase(reporter, filed.receipt);
      expect(opened.statusShown.status).toBe('acknowledged');
      const fromOfficer = reporter.locator('[data-testid=message][data-from=officer]');
      await fromOfficer.first().waitFor();
      expect(await fromOfficer.first().innerText()).toContain(reply);

      // Nothing the staff typed as a secret was ever sent; nothing foreign was asked for.
      for (const secret of [adminAccount.password, officerAccount.password, adminAccount.recoveryKey, officerAccount.recoveryKey.replace(/ /g, '')]) {
        expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
      }
      expect(bodies.length).toBeGreaterThan(5);
      for (const guard of [...guards, reporterGuard]) {
        expect(guard.foreignRequests()).toEqual([]);
        expect(guard.cspViolations).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  }, 300_000);
});
