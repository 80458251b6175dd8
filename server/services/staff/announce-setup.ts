/**
 * First setup. When the API starts on an installation without an active administrator, it
 * makes a one-time setup link valid for 24 hours and writes it once to standard output,
 * where only whoever runs the server sees it. It is written directly rather than through the
 * logger: the logger's allow-list exists to keep secrets out of log pipelines, and this line
 * is one. The token sits in the #fragment, which browsers never send to a server, so it
 * does not reach access logs or referrers either. A restart revokes the previous link.
 *
 * The link uses the address people open (PUBLIC_URL), or, when PUBLIC_URL is unset, the
 * address the server actually listens on, and says so: that is where the setup page's
 * requests are accepted (public-address.ts). With ONION_URL, the onion link is printed too.
 */
import type { Config } from '../../../config';
import type { Store } from '../../ports/store.port';
import { PublicAddress } from '../public-address';
import { newToken, tokenHash } from './staff-secrets';

const RULE = '='.repeat(72);

/** Plain lines of their own, set apart from the JSON log lines around them. */
function setupText(link: string, onionLink: string | null, explicit: boolean): string {
  const where = explicit
    ? 'This link uses PUBLIC_URL.'
    : 'PUBLIC_URL is not set, so this link uses the address Amana listens on. If people reach Amana at another\naddress (a domain name, a reverse proxy, another machine), set PUBLIC_URL to it and restart.';
  const lines = [
    '', RULE, 'AMANA FIRST SETUP', RULE,
    'Amana has no administrator yet. Open this link within 24 hours to create the first one; it works once:', '',
    `  ${link}`, '',
    ...(onionLink ? ['Over Tor, the same link on the onion address:', '', `  ${onionLink}`, ''] : []),
    where, RULE, '',
  ];
  return `${lines.join('\n')}\n`;
}

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export async function hasActiveAdmin(store: Pick<Store, 'staff'>): Promise<boolean> {
  const staff = await store.staff.list();
  return staff.some((s) => s.status === 'active' && s.roles.includes('admin'));
}

export interface AnnounceSetupDeps {
  store: Pick<Store, 'staff' | 'tokens'>;
  config: Pick<Config, 'env'>;
  /** the listening server's address (main.ts); without it, PUBLIC_URL */
  address?: Pick<PublicAddress, 'url' | 'onionUrl' | 'explicit'>;
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
  const address = deps.address ?? new PublicAddress(deps.config.env);
  const link = `${address.url()}/setup#${token}`;
  const onion = address.onionUrl();
  const write = deps.write ?? ((text: string) => void process.stdout.write(text));
  write(setupText(link, onion === null ? null : `${onion}/setup#${token}`, address.explicit));
  return link;
}
