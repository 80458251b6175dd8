/**
 * A staff member's steps through the real staff pages, by their data-testid attributes:
 * activation (password, recovery key, authenticator, recovery codes) and sign-in with a TOTP
 * code. Codes are computed with the server's own RFC 6238 implementation from the secret the
 * page showed, as an authenticator app would.
 */
import type { Page } from 'playwright-core';
import { totpAt, TOTP_STEP_SECONDS } from '../../../server/services/totp';
import { base32Decode } from '../../staff/staff-harness';

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

/** A code for a step newer than `after`, within the server's one-step drift window. */
export function nextTotp(secret: string, after: number): { code: string; step: number } {
  const step = Math.max(stepNow(), after + 1);
  if (step > stepNow() + 1) throw new Error('no TOTP step left in the drift window; wait for the next one');
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
  const { code, step } = nextTotp(totpSecret, 0);
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

export async function signInOnPage(page: Page, origin: string, who: Enrolled): Promise<void> {
  await page.goto(`${origin}/staff/login?lang=fr`);
  await page.getByTestId('login-email').fill(who.email);
  await page.getByTestId('login-password').fill(who.password);
  const { code, step } = nextTotp(who.totpSecret, who.lastStep);
  await page.getByTestId('login-totp').fill(code);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-me').waitFor({ timeout: SLOW_MS });
  who.lastStep = step;
}
