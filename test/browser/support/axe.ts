/**
 * axe-core in the page under test, WCAG 2.1 A and AA rules only. The page's CSP allows no
 * inline script, so a <script> tag with axe's text is refused; axe is then evaluated through
 * the DevTools protocol (page.evaluate), which the CSP does not govern and which leaves the
 * page's own policy untouched, so every other check of the run still holds.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  /** the CSS targets of the first nodes, and what axe says about the first one */
  targets: string[];
  summary: string;
}

async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')) return;
  try {
    await page.addScriptTag({ content: AXE_SOURCE });
  } catch {
    // refused by the CSP (script-src 'self'): evaluated below instead
  }
  if (await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')) return;
  await page.evaluate(AXE_SOURCE);
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))) throw new Error('axe-core could not be loaded into the page');
}

export async function runAxe(page: Page): Promise<Violation[]> {
  await injectAxe(page);
  return page.evaluate(async (tags) => {
    type AxeNode = { target: unknown[]; failureSummary?: string };
    type AxeResult = { id: string; impact: string | null; help: string; nodes: AxeNode[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' > ')),
      summary: (v.nodes[0]?.failureSummary ?? '').slice(0, 400),
    }));
  }, WCAG_TAGS);
}
