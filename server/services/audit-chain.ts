/**
 * The audit log's hash chain, shared by both store adapters and the verify command so
 * that an entry is hashed by exactly one piece of code.
 *
 * hash = sha256(prevHash + canonical JSON of {seq, at (ISO 8601), actorId, action, caseId, detail})
 * Canonical JSON sorts object keys at every depth and has no whitespace, so the same entry
 * always gives the same bytes whichever database returned it (MongoDB reorders nothing, but
 * a JSON column round trip may). The first entry's prevHash is 64 zeros.
 *
 * A chain proves order and integrity of what it holds; it cannot by itself reveal that the
 * newest entries were cut off. Publishing or exporting the latest hash elsewhere does that.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, Json } from '../ports/store.port';

export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Pick<AuditEntry, 'seq' | 'at' | 'actorId' | 'action' | 'caseId' | 'detail'>;

/** Where a verified segment starts: the entry before it (seq 0 and GENESIS_HASH for the whole log). */
export interface ChainAnchor {
  seq: number;
  hash: string;
}
export const GENESIS_ANCHOR: ChainAnchor = { seq: 0, hash: GENESIS_HASH };

/**
 * The value as it will read back from storage: what JSON cannot hold (undefined, functions)
 * is dropped and dates become strings. Adapters store and hash this form, so a hash never
 * covers something the database did not keep.
 */
export function normalizeJson(value: Json): Json {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}

export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Like JSON.stringify, a key whose value is undefined is absent.
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

export function auditHash(prevHash: string, entry: HashedFields): string {
  const fields: Json = {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    caseId: entry.caseId,
    detail: entry.detail,
  };
  return createHash('sha256').update(prevHash + canonicalJson(fields), 'utf8').digest('hex');
}

/**
 * Checks entries given in sequence order: consecutive seq numbers, each prevHash equal to
 * the previous entry's hash, each hash recomputed. Returns the seq of the first entry that
 * fails (so a deletion points at the entry after the gap), or null when all hold.
 */
export function verifyChain(entries: readonly AuditEntry[], from: ChainAnchor = GENESIS_ANCHOR): number | null {
  let previous = from;
  for (const entry of entries) {
    if (entry.seq !== previous.seq + 1) return entry.seq;
    if (entry.prevHash !== previous.hash) return entry.seq;
    if (auditHash(entry.prevHash, entry) !== entry.hash) return entry.seq;
    previous = { seq: entry.seq, hash: entry.hash };
  }
  return null;
}
