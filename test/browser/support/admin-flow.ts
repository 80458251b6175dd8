/**
 * An administrator's steps through the administration console, by its data-testid
 * attributes: a label typed in three languages, a channel with a conditional question, an
 * invitation to a given channel, and screenshots of a page at desktop and phone widths
 * (saved under test-results/screenshots/, git-ignored, for a person to look at).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(__dirname, '../../../test-results/screenshots');

export type Texts = { ar: string; fr: string; en: string };

export async function fillLocalized(page: Page, testId: string, texts: Texts): Promise<void> {
  for (const lang of ['ar', 'fr', 'en'] as const) await page.getByTestId(`${testId}-${lang}`).fill(texts[lang]);
}

/** The page at 1280 px and at 390 px wide, whole length; the viewport is restored after. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/** Waits until the server's live check has answered for the current draft and found nothing. */
export async function waitForCleanCheck(page: Page): Promise<void> {
  await page.locator('[data-testid=problem-summary][data-count="0"][data-checking=false]').waitFor({ timeout: 30_000 });
}

export interface ChannelSpec {
  slug: string;
  name: Texts;
  description: Texts;
  category: { id: string; label: Texts };
  what: Texts;
  choice: { id: string; label: Texts; yes: Texts; no: Texts };
  conditional: { id: string; label: Texts };
}

/** On the new-channel page: every field of a channel whose third question shows only after "yes". */
export async function writeChannel(page: Page, spec: ChannelSpec): Promise<void> {
  await page.getByTestId('channel-slug').fill(spec.slug);
  await fillLocalized(page, 'channel-name', spec.name);
  await fillLocalized(page, 'channel-description', spec.description);
  await page.getByTestId('category-0-id').fill(spec.category.id);
  await fillLocalized(page, 'category-0-label', spec.category.label);
  await fillLocalized(page, 'question-0-label', spec.what);

  await page.getByTestId('add-question-type').selectOption('single_choice');
  await page.getByTestId('add-question').click();
  await page.getByTestId('question-1-id').fill(spec.choice.id);
  await fillLocalized(page, 'question-1-label', spec.choice.label);
  await page.getByTestId('question-1-required').check();
  await page.getByTestId('question-1-option-0-id').fill('yes');
  await fillLocalized(page, 'question-1-option-0-label', spec.choice.yes);
  await page.getByTestId('question-1-option-1-id').fill('no');
  await fillLocalized(page, 'question-1-option-1-label', spec.choice.no);

  await page.getByTestId('add-question-type').selectOption('short_text');
  await page.getByTestId('add-question').click();
  await page.getByTestId('question-2-id').fill(spec.conditional.id);
  await fillLocalized(page, 'question-2-label', spec.conditional.label);
  await page.getByTestId('question-2-showif-question').selectOption(spec.choice.id);
  await page.getByTestId('question-2-showif-yes').check();
}

/** On the accounts tab: invites an officer of one channel, by its slug. */
export async function inviteOfficer(page: Page, email: string, name: string, channelSlug: string): Promise<void> {
  await page.getByTestId('invite-email').fill(email);
  await page.getByTestId('invite-name').fill(name);
  await page.getByTestId(`invite-channel-${channelSlug}`).check();
  await page.getByTestId('invite-submit').click();
  await page.locator(`[data-testid=staff-row][data-email="${email}"][data-status=invited]`).waitFor();
}
