/**
 * Watches a browser context for what a reporter's page must never do: ask anyone but the
 * Amana server for anything, violate its Content-Security-Policy, throw, log an error, or
 * leave a trace in the browser (cookies, storage). Also records the workers it started and
 * whether WebAssembly existed inside them.
 */
import type { BrowserContext, Page } from 'playwright-core';

const CSP_BINDING = 'amanaTestCspViolation';

export interface PageGuard {
  /** every URL requested by the pages and their workers */
  requests: string[];
  /** CSP violations reported by `securitypolicyviolation` events */
  cspViolations: string[];
  /** console errors and warnings, uncaught exceptions, failed requests, HTTP errors */
  problems: string[];
  /** `typeof WebAssembly` as seen inside each worker the page started (while it lived) */
  workerWasm: Promise<string>[];
  /** requests to any origin other than the server's */
  foreignRequests(): string[];
  userAgent: string | null;
}

export async function guardContext(context: BrowserContext, origin: string): Promise<PageGuard> {
  const guard: PageGuard = {
    requests: [],
    cspViolations: [],
    problems: [],
    workerWasm: [],
    userAgent: null,
    foreignRequests: () => guard.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin),
  };
  // A binding, not a global array: the page cannot clear or fake what it reports, and it
  // arrives here even if the page navigates or crashes afterwards.
  await context.exposeBinding(CSP_BINDING, (_source, text: string) => {
    guard.cspViolations.push(text);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report: unknown = Reflect.get(globalThis, binding);
      if (typeof report === 'function') report(`${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  }, CSP_BINDING);
  context.on('request', (request) => {
    guard.requests.push(request.url());
    guard.userAgent ??= request.headers()['user-agent'] ?? null;
  });
  context.on('requestfailed', (request) => guard.problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  context.on('response', (response) => {
    if (response.status() >= 400) guard.problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  context.on('page', (page) => watchPage(guard, page));
  return guard;
}

function watchPage(guard: PageGuard, page: Page): void {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') guard.problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => guard.problems.push(`uncaught: ${error.message}`));
  page.on('worker', (worker) => {
    // The key-derivation worker lives for the seconds Argon2id takes; one that has already
    // ended answers "ended", which the tests tell apart from a real answer.
    guard.workerWasm.push(worker.evaluate(() => typeof WebAssembly).catch(() => 'ended'));
  });
}

/** What a reporter's visit left in the browser: it must be nothing at all. */
export async function browserTraces(context: BrowserContext, page: Page): Promise<{ cookies: number; local: number; session: number; idb: number }> {
  const cookies = (await context.cookies()).length;
  const storage = await page.evaluate(async () => ({
    local: window.localStorage.length,
    session: window.sessionStorage.length,
    idb: (await window.indexedDB.databases()).length,
  }));
  return { cookies, ...storage };
}
