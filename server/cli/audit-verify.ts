/**
 * `npm run audit:verify`: reads the whole audit log of the configured store in sequence
 * order and checks its hash chain (server/services/audit-chain.ts). Prints "OK" with the
 * number of entries and exits 0, or names the first entry that was altered, reordered or
 * follows a deleted one and exits 1. Pages through the log so a long one never sits in
 * memory whole; each page is checked from the last entry of the previous one.
 *
 * What a chain cannot show on its own is that its newest entries were cut off: compare the
 * printed last hash with one recorded elsewhere (an export, a printed report) for that.
 */
import { loadConfigOrExit } from '../../config';
import { createStore } from '../adapters/create-store';
import { createLogger } from '../logger';
import type { AuditRepo } from '../ports/store.port';
import { GENESIS_ANCHOR, verifyChain, type ChainAnchor } from '../services/audit-chain';

const PAGE = 1000;

export type AuditVerdict = { ok: true; count: number; lastHash: string | null } | { ok: false; badSeq: number; checked: number };

export async function verifyAuditLog(audit: Pick<AuditRepo, 'list'>): Promise<AuditVerdict> {
  let anchor: ChainAnchor = GENESIS_ANCHOR;
  let count = 0;
  let lastHash: string | null = null;
  for (;;) {
    // fromSeq counts from the anchor, not from what was found: a gap then shows as a wrong seq.
    const page = await audit.list({ fromSeq: anchor.seq + 1, limit: PAGE });
    if (page.length === 0) return { ok: true, count, lastHash };
    const bad = verifyChain(page, anchor);
    if (bad !== null) return { ok: false, badSeq: bad, checked: count + page.findIndex((e) => e.seq === bad) };
    const last = page[page.length - 1];
    if (!last) return { ok: true, count, lastHash };
    count += page.length;
    lastHash = last.hash;
    anchor = { seq: last.seq, hash: last.hash };
  }
}

export function describeVerdict(verdict: AuditVerdict): string {
  if (verdict.ok) return `OK: ${verdict.count} audit entries, hash chain intact${verdict.lastHash ? `; last hash ${verdict.lastHash}` : ''}\n`;
  return `FAILED: audit entry ${verdict.badSeq} was altered, moved, or follows a deleted entry (${verdict.checked} entries before it are intact)\n`;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('warn');
  const store = await createStore(config, logger);
  try {
    const verdict = await verifyAuditLog(store.audit);
    process.stdout.write(describeVerdict(verdict));
    process.exitCode = verdict.ok ? 0 : 1;
  } finally {
    await store.close();
    logger.flush();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`audit verification could not run: ${(err as Error).message}\n`);
    process.exit(2);
  });
}
