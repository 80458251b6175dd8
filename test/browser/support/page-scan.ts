/**
 * Looks at one page the way the accessibility test does: in Arabic, French and English (the
 * page's own language buttons, so in-memory state such as a receipt or an open case
 * survives), at a desktop and a phone width; each time a full-page screenshot under
 * test-results/screenshots/ and an axe run. Results are collected, not thrown, so one run
 * lists every violation of every page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../../support/built';
import { runAxe, type Violation } from './axe';

export const SCAN_LANGS = ['ar', 'fr', 'en'] as const;
export const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

export const SCREENSHOTS = path.join(repoRoot, 'test-results', 'screenshots');

export interface ScanResult {
  page: string;
  lang: string;
  width: string;
  violations: Violation[];
  /** wider than the viewport: something is cut off or scrolls the whole page sideways */
  overflowX: number;
}

export class PageScanner {
  readonly results: ScanResult[] = [];

  constructor() {
    mkdirSync(SCREENSHOTS, { recursive: true });
  }

  /** `ready(page)` must resolve once the page shows what it should (after a language change too). */
  async scan(page: Page, name: string, ready: (page: Page) => Locator, options: { langs?: readonly string[] } = {}): Promise<void> {
    const langs = options.langs ?? SCAN_LANGS;
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const lang of langs) {
        await setLanguage(page, lang);
        await ready(page).first().waitFor({ timeout: 60_000 });
        // Lets a layout triggered by the resize or the language settle before looking.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const overflowX = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${lang}-${size.name}.png`), fullPage: true });
        this.results.push({ page: name, lang, width: size.name, violations: await runAxe(page), overflowX });
      }
    }
  }

  /** One line per page: how many violations in each language and width, and which rules. */
  table(): string {
    const pages = [...new Set(this.results.map((r) => r.page))];
    return pages
      .map((name) => {
        const rows = this.results.filter((r) => r.page === name);
        const cells = rows.map((r) => `${r.lang}/${r.width}:${r.violations.length}${r.overflowX > 0 ? ` (+${r.overflowX}px wide)` : ''}`).join(' ');
        const rules = [...new Set(rows.flatMap((r) => r.violations.map((v) => `${v.id}[${v.impact}]`)))].join(', ');
        return `${name.padEnd(28)} ${cells}${rules ? `  -> ${rules}` : ''}`;
      })
      .join('\n');
  }

  write(file: string): void {
    writeFileSync(path.join(repoRoot, 'test-results', file), JSON.stringify(this.results, null, 2));
  }

  /** Every axe violation, and every page wider than the screen (a column cut off, or the whole page scrolling sideways). */
  failures(): string[] {
    return this.results.flatMap((r) => [
      ...r.violations.map((v) => `${r.page} ${r.lang}/${r.width}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(' | ')} — ${v.summary.replace(/\s+/g, ' ')}`),
      ...(r.overflowX > 0 ? [`${r.page} ${r.lang}/${r.width}: the page is ${r.overflowX}px wider than the screen`] : []),
    ]);
  }
}

/** Clicks the header's language button unless the page already speaks `lang`. */
export async function setLanguage(page: Page, lang: string): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === lang) return;
  await page.getByTestId(`lang-${lang}`).first().click();
  await page.waitForFunction((want) => document.documentElement.lang === want, lang);
}

/** In-app navigation, as a link would do it: the staff session lives in the page's memory and a reload would end it. */
export async function goInApp(page: Page, to: string): Promise<void> {
  await page.evaluate((target) => {
    window.history.pushState(null, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, to);
}
