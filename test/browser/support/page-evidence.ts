/**
 * Evidence from a browser test: full-page screenshots under test-results/screenshots/
 * (git-ignored) for a reviewer to look at after a run, and axe-core's WCAG 2.1 A/AA scan of
 * the page as it stands. axe is evaluated through the DevTools protocol, so the page's strict
 * Content-Security-Policy (no inline script) is not loosened for it.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', '..', 'test-results', 'screenshots');
export const WIDTHS = [1280, 390] as const;
export const LANGS = ['ar', 'fr', 'en'] as const;

let axeSource: string | null = null;

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeFinding {
  id: string;
  impact: string | null;
  targets: string[];
}

/** axe-core's violations of WCAG 2.0/2.1 A and AA on the current page */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Changes the language in place, as the page's own links do: the URL's `lang`, without a reload (a staff session lives in memory). */
export async function switchLang(page: Page, lang: string): Promise<void> {
  await page.evaluate((next) => {
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.history.pushState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, lang);
  await page.waitForFunction((next) => document.documentElement.lang === next, lang);
}
