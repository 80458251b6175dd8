/**
 * A reporter comes back with their receipt: the browser derives the login secret and sends
 * it; the keyed hash finds the case. Opening records the access time, and the session
 * remembers the previous one, so the reporter can see whether someone else used the receipt.
 */
import type { Config } from '../../config';
import type { SessionResponse } from '../../shared/api/report.schema';
import type { Store } from '../ports/store.port';
import { receiptLookup } from './receipt-lookup';
import type { ReporterTokens } from './reporter-token';

export interface OpenSessionDeps {
  store: Store;
  config: Config;
  tokens: ReporterTokens;
  now: () => Date;
}

/** null when the receipt opens no case; the caller slows and counts that answer */
export async function openReporterSession(deps: OpenSessionDeps, loginSecret: string): Promise<SessionResponse | null> {
  const record = await deps.store.cases.byReceiptLookup(receiptLookup(deps.config.secrets.serverPepper, loginSecret));
  if (!record || record.purgedAt !== null) return null;
  const now = deps.now();
  await deps.store.cases.update(record.id, { lastReporterAccessAt: now }, null, []);
  const { token, expiresAt } = deps.tokens.issue(record.id, record.lastReporterAccessAt, now);
  return { token, expiresAt: expiresAt.toISOString() };
}
