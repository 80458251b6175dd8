/**
 * Checks and the reporter's part shared by the staff browser tests: what a clean staff page
 * is (nothing foreign, no CSP violation, no error but its own aborted requests), whether
 * Info-ZIP is installed for the export check, and a report filed in a browser of its own.
 */
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { browserJpeg } from './jpeg';
import { guardContext, type PageGuard } from './page-guard';
import { fileReport, type FiledReport } from './reporter-flow';

/**
 * A page that leaves or re-runs an effect aborts its own pending request (the inbox does);
 * React's development build, which the build under jest produces (NODE_ENV=test), re-runs
 * every effect once on mount, so such aborts are expected and are not failures.
 */
export const abortedByPage = (problem: string) => problem.startsWith('request failed: ') && problem.endsWith('net::ERR_ABORTED');

export function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function expectCleanPages(guards: PageGuard[]): void {
  for (const guard of guards) {
    expect(guard.foreignRequests()).toEqual([]);
    expect(guard.cspViolations).toEqual([]);
    expect(guard.problems.filter((p) => !abortedByPage(p))).toEqual([]);
  }
}

/** A reporter in a browser context of their own files a report on the corruption channel. */
export async function reporterFiles(browser: Browser, origin: string, what: string, identityName: string | null) {
  const context = await browser.newContext();
  const guard = await guardContext(context, origin);
  const page = await context.newPage();
  await page.goto(`${origin}/?lang=fr`);
  const photo = { name: 'recu.jpg', mimeType: 'image/jpeg', buffer: await browserJpeg(page) };
  const filed: FiledReport = await fileReport(page, { what: `Un agent demande 2000 MAD pour un permis. ${what}`, amount: '2000 MAD', photo, identityName });
  return { context, page, guard, filed };
}
