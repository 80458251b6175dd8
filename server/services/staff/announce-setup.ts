/**
 * First setup. When the API starts on an installation without an active administrator, it
 * makes a one-time setup link valid for 24 hours and writes it once to standard output,
 * where only whoever runs the server sees it. It is written directly rather than through the
 * logger: the logger's allow-list exists to keep secrets out of log pipelines, and this line
 * is one. The token sits in the #fragment, which browsers never send to a server, so it
 * does not reach access logs or referrers either. A restart revokes the previous link.
 */
import type { Config } from '../../../config';
import type { Store } from '../../ports/store.port';
import { newToken, tokenHash } from './staff-secrets';

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export async function hasActiveAdmin(store: Pick<Store, 'staff'>): Promise<boolean> {
  const staff = await store.staff.list();
  return staff.some((s) => s.status === 'active' && s.roles.includes('admin'));
}

export interface AnnounceSetupDeps {
  store: Pick<Store, 'staff' | 'tokens'>;
  config: Pick<Config, 'env'>;
  now?: () => Date;
  write?: (text: string) => void;
}

/** Returns the link it printed, or null when the installation has an administrator. */
export async function announceSetup(deps: AnnounceSetupDeps): Promise<string | null> {
  if (await hasActiveAdmin(deps.store)) return null;
  const now = (deps.now ?? (() => new Date()))();
  const token = newToken();
  await deps.store.tokens.revoke('setup', null);
  await deps.store.tokens.create({
    tokenHash: tokenHash(token),
    purpose: 'setup',
    staffId: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS),
  });
  const link = `${deps.config.env.PUBLIC_URL.replace(/\/+$/, '')}/setup#${token}`;
  const write = deps.write ?? ((text: string) => void process.stdout.write(text));
  write(`\nAmana has no administrator yet. Open this link within 24 hours to create the first one; it works once:\n\n  ${link}\n\n`);
  return link;
}
