/**
 * A reporter's steps through the real pages, by their data-testid attributes: write a report
 * with a photo, read the receipt, open the case again with it, answer. Each step waits for
 * what a person would wait for and returns what they would see, for the tests to judge.
 */
import type { Page, Request } from 'playwright-core';
import { ar } from '../../../client/src/i18n/ar';
import type { MessageKey } from '../../../client/src/i18n/en';
import { fr } from '../../../client/src/i18n/fr';
import { LOCALES } from '../../../client/src/i18n/languages';

export type Lang = 'fr' | 'ar';
export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { fr, ar };

// Argon2id in a browser without JIT takes seconds per derivation; generous, not tight.
const SLOW_MS = 150_000;

export interface FileSpec {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface ReportInput {
  what: string;
  amount: string;
  photo: FileSpec;
  /** a name to disclose confidentially to the custodians, or null to stay anonymous */
  identityName: string | null;
}

export interface FiledReport {
  /** 20 ASCII digits */
  receipt: string;
  /** the attachment's metadata notes as the page showed them */
  metadataNotes: string;
  /** whether the conditional question was hidden before its condition was met */
  amountHiddenFirst: boolean;
  reviewText: string;
  /** how the receipt is isolated from the page's direction */
  receiptBox: { tag: string; dir: string | null; direction: string; unicodeBidi: string };
  /** the leave guard held the reporter on the receipt page until "saved" was ticked */
  leaveRefused: boolean;
  /** the proof-of-work challenges the page sent: one per POST /attachments, and the report's */
  proofs: { uploads: string[]; report: string[] };
}

/** the challenge of the proof of work a JSON POST to `path` carried, or null */
function sentChallenge(request: Request, path: string): string | null {
  if (request.method() !== 'POST' || new URL(request.url()).pathname !== path) return null;
  const body = request.postDataJSON() as { pow?: { challenge?: unknown } } | null;
  return typeof body?.pow?.challenge === 'string' ? body.pow.challenge : 'none';
}

export async function fileReport(page: Page, input: ReportInput): Promise<FiledReport> {
  const proofs = { uploads: [] as string[], report: [] as string[] };
  const watch = (request: Request): void => {
    const upload = sentChallenge(request, '/api/v1/attachments');
    if (upload !== null) proofs.uploads.push(upload);
    const report = sentChallenge(request, '/api/v1/reports');
    if (report !== null) proofs.report.push(report);
  };
  page.on('request', watch);
  await page.getByTestId('channel-corruption').click();
  await page.getByTestId('field-category').selectOption('bribery');
  await page.getByTestId('field-what').fill(input.what);
  await page.getByTestId('field-ongoing-yes').check();
  const amountHiddenFirst = (await page.getByTestId('field-amount').count()) === 0;
  await page.getByTestId('field-money_involved-yes').check();
  await page.getByTestId('field-amount').fill(input.amount);
  await page.getByTestId('field-evidence').setInputFiles(input.photo);
  await page.locator('[data-testid=attachment-item][data-status=done]').waitFor({ timeout: SLOW_MS });
  const metadataNotes = await page.getByTestId('attachment-metadata').innerText();
  if (input.identityName !== null) {
    await page.getByTestId('identity-section').click();
    await page.getByTestId('identity-toggle').check();
    await page.getByTestId('identity-name').fill(input.identityName);
  }
  await page.getByTestId('review-button').click();
  const reviewText = await page.getByTestId('review').innerText();
  await page.getByTestId('submit-button').click();

  const code = page.getByTestId('receipt-text');
  await code.waitFor({ timeout: SLOW_MS });
  const shown = (await code.innerText()).trim();
  if (!/^\d{3}( \d{3}){6}$/.test(shown)) throw new Error(`the receipt is not shown as seven groups of three digits (version 2): "${shown}"`);
  const receiptBox = await code.evaluate((el) => ({
    tag: el.tagName.toLowerCase(),
    dir: el.getAttribute('dir'),
    direction: getComputedStyle(el).direction,
    unicodeBidi: getComputedStyle(el).unicodeBidi,
  }));
  // Trying to leave before confirming the code is saved must keep the reporter here.
  await page.getByTestId('nav-home').click();
  await page.getByTestId('receipt-must-confirm').waitFor();
  const leaveRefused = await code.isVisible();
  await page.getByTestId('receipt-saved').check();
  await page.getByTestId('receipt-done').click();
  await page.getByTestId('channel-list').waitFor();
  page.off('request', watch);
  return { receipt: shown.replace(/ /g, ''), metadataNotes, amountHiddenFirst, reviewText, receiptBox, leaveRefused, proofs };
}

/** The parts of GET /reporter/case the tests look at. */
export interface CaseAnswer {
  status: string;
  previousAccessAt: string | null;
}

export interface OpenedCase {
  answer: CaseAnswer;
  /** the server's clock cannot be read, so the opening is bracketed by this process's clock */
  openedAfter: number;
  openedBefore: number;
  previousAccessNotice: string;
  statusShown: { status: string | null; text: string };
  reportText: string;
}

/** Types the receipt (in whatever form) into the follow-up form and waits for the case. */
export async function openCase(page: Page, typed: string): Promise<OpenedCase> {
  await page.getByTestId('nav-follow-up').click();
  await page.getByTestId('follow-up-receipt').fill(typed);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/reporter/case' && r.request().method() === 'GET', {
    timeout: SLOW_MS,
  });
  const openedAfter = Date.now();
  await page.getByTestId('follow-up-open').click();
  const answer = (await (await answered).json()) as CaseAnswer;
  await page.getByTestId('case-view').waitFor({ timeout: SLOW_MS });
  const openedBefore = Date.now();
  const status = page.getByTestId('case-status');
  return {
    answer,
    openedAfter,
    openedBefore,
    previousAccessNotice: await page.getByTestId('previous-access').innerText(),
    statusShown: { status: await status.getAttribute('data-status'), text: await status.innerText() },
    reportText: await page.getByTestId('report-content').innerText(),
  };
}

/** How the page itself writes a date and time (the same Intl options as client/src/i18n). */
export function pageDateTime(page: Page, iso: string, lang: Lang): Promise<string> {
  return page.evaluate(
    ([value, locale]) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(value)),
    [iso, LOCALES[lang]] as const,
  );
}

/** Sends a reply with one file from the open case; returns the reporter's message as shown. */
export async function sendReply(page: Page, text: string, file: FileSpec): Promise<string> {
  await page.getByTestId('reply-text').fill(text);
  await page.getByTestId('reply-attachments').setInputFiles(file);
  await page.locator('[data-testid=attachment-item][data-status=done]').waitFor({ timeout: SLOW_MS });
  await page.getByTestId('reply-send').click();
  const mine = page.locator('[data-testid=message][data-from=reporter]').filter({ hasText: text });
  await mine.waitFor({ timeout: SLOW_MS });
  return mine.innerText();
}
