/**
 * The committee test's staff: the first administrator from the printed setup link, and the
 * bearer token a signed-in page holds only in memory, read off its own requests so the test
 * can ask the API what that member may see.
 */
import type { BrowserContext } from 'playwright-core';
import { activateOnPage, type Enrolled, type StaffBrowser } from './staff-flow';
import type { StaffServer } from './staff-server';

export async function firstAdministrator(staff: StaffBrowser, server: StaffServer, email: string, password: string) {
  const tab = await staff.open();
  await tab.page.goto(`${server.origin}/setup?lang=fr#${server.setupToken}`);
  await tab.page.getByTestId('setup-email').fill(email);
  await tab.page.getByTestId('setup-name').fill('Administratrice');
  await tab.page.getByTestId('setup-submit').click();
  const enrolled: Enrolled = await activateOnPage(tab.page, email, password);
  return { ...tab, enrolled };
}

/** The last Authorization header the context sent to `pathPart` (null before any). */
export function bearerSeen(context: BrowserContext, pathPart: string): () => string | null {
  let seen: string | null = null;
  context.on('request', (request) => {
    const header = request.headers().authorization;
    if (header && request.url().includes(pathPart)) seen = header;
  });
  return () => seen;
}
