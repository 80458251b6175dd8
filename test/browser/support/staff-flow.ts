/**
 * A staff member's steps through the real staff pages, by their data-testid attributes:
 * activation (password, recovery key, authenticator, recovery codes) and sign-in with a TOTP
 * code. Codes are computed with the server's own RFC 6238 implementation from the secret the
 * page showed, as an authenticator app would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpAt, TOTP_STEP_SECONDS } from '../../../server/services/totp';
import { base32Decode } from '../../staff/staff-harness';
import { guardContext, type PageGuard } from './page-guard';
import type { StaffServer } from './staff-server';

// Argon2id at 64 MiB runs twice at activation; generous, not tight.
const SLOW_MS = 120_000;

export interface Enrolled {
  email: string;
  password: string;
  recoveryKey: string;
  totpSecret: string;
  recoveryCodes: string[];
  /** the last TOTP step this account used: the server refuses a step twice */
  lastStep: number;
}

const stepNow = () => Math.floor(Date.now() / 1000 / TOTP_STEP_SECONDS);

/**
 * A code for a step newer than `after` (the server refuses a step twice) and within its
 * one-step drift window; like a person, it waits for the app's next code when it must.
 */
export async function nextTotp(secret: string, after: number): Promise<{ code: string; step: number }> {
  while (after + 1 > stepNow() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  const step = Math.max(stepNow(), after + 1);
  return { code: totpAt(base32Decode(secret), step * TOTP_STEP_SECONDS * 1000), step };
}

/** From the first activation screen to the signed-in workspace. */
export async function activateOnPage(page: Page, email: string, password: string): Promise<Enrolled> {
  await page.getByTestId('activate-page').waitFor();
  await page.getByTestId('new-password').fill(password);
  await page.getByTestId('new-password-confirm').fill(password);
  await page.getByTestId('activate-password-next').click();

  const recoveryKey = (await page.getByTestId('recovery-key').innerText()).trim();
  // Going on without confirming the key is saved must be refused (the button is only
  // aria-disabled, so a screen reader still reaches it; dispatch the click as a person would).
  await page.getByTestId('recovery-key-step-next').dispatchEvent('click');
  await page.getByRole('alert').waitFor();
  if ((await page.getByTestId('recovery-key').count()) !== 1) throw new Error('the recovery key step was left without confirming');
  await page.getByTestId('recovery-key-step-saved').check();
  await page.getByTestId('recovery-key-step-next').click();

  const totpSecret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
  const { code, step } = await nextTotp(totpSecret, 0);
  await page.getByTestId('activate-totp').fill(code);
  await page.getByTestId('activate-submit').click();
  const codes = page.getByTestId('recovery-codes');
  await codes.waitFor({ timeout: SLOW_MS });
  const recoveryCodes = (await codes.locator('li').allInnerTexts()).map((c) => c.trim());
  await page.getByTestId('recovery-codes-step-saved').check();
  await page.getByTestId('recovery-codes-step-next').click();
  await page.getByTestId('nav-me').waitFor();
  return { email, password, recoveryKey, totpSecret, recoveryCodes, lastStep: step };
}

/** Signs in with a fresh TOTP code; with `expectFailure`, waits for the refusal instead. */
export async function signInOnPage(page: Page, origin: string, who: Enrolled, options: { expectFailure?: boolean } = {}): Promise<void> {
  await page.goto(`${origin}/staff/login?lang=fr`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  const { code, step } = await nextTotp(who.totpSecret, who.lastStep);
  await page.getByTestId('login-totp').fill(code);
  await page.getByTestId('login-submit').click();
  if (options.expectFailure) {
    await page.getByTestId('login-error').waitFor({ timeout: SLOW_MS });
    return;
  }
  await page.getByTestId('nav-me').waitFor({ timeout: SLOW_MS });
  who.lastStep = step;
}

export interface Invitation {
  email: string;
  name: string;
  role: 'officer' | 'custodian' | 'committee';
}

/** On the administration page: invite someone; an officer joins the corruption channel, other roles none. */
export async function inviteOnPage(page: Page, invitation: Invitation): Promise<void> {
  await page.getByTestId('invite-email').fill(invitation.email);
  await page.getByTestId('invite-name').fill(invitation.name);
  if (invitation.role !== 'officer') {
    await page.getByTestId(`invite-role-${invitation.role}`).check();
    await page.getByTestId('invite-role-officer').uncheck();
  } else {
    await page.getByTestId('invite-channel-corruption').check();
  }
  await page.getByTestId('invite-submit').click();
  await page.locator(`[data-testid=staff-row][data-email="${invitation.email}"][data-status=invited]`).waitFor();
}

export interface StaffBrowser {
  /** a fresh context (its own memory: a staff session never outlives it) and its page */
  open(): Promise<{ context: BrowserContext; page: Page }>;
  guards: PageGuard[];
  /** every request body any staff page sent, to prove what never left the browser */
  bodies: string[];
}

export function staffBrowser(browser: Browser, origin: string): StaffBrowser {
  const guards: PageGuard[] = [];
  const bodies: string[] = [];
  return {
    guards,
    bodies,
    async open() {
      const context = await browser.newContext();
      guards.push(await guardContext(context, origin));
      context.on('request', (request) => {
        const body = request.postData();
        if (body) bodies.push(body);
      });
      return { context, page: await context.newPage() };
    },
  };
}

/** Activates from a mailed invitation in a context of its own, then closes it. */
export async function activateInvited(staff: StaffBrowser, server: StaffServer, email: string, password: string): Promise<Enrolled> {
  const link = await server.activationToken(email);
  const { context, page } = await staff.open();
  await page.goto(`${server.origin}/activate?lang=fr#${link}`);
  const enrolled = await activateOnPage(page, email, password);
  // Let the first page's requests settle before the browser closes (a committee member lands on the statistics).
  await page.locator('[data-testid=inbox-empty], [data-testid=inbox-table], [data-testid=me-page], [data-testid=stats-by-month-table]').first().waitFor();
  await context.close();
  return enrolled;
}
