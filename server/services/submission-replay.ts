/**
 * Idempotent submission. A reporter whose answer to POST /reports was lost sends the very same
 * request again (same receipt, same ciphertext, possibly the same proof of work). It must get
 * the original outcome, not a second case and not a collision. "The very same" is a hash of
 * everything the request carries except the proof of work, computed from the request and from
 * what the store holds for the case with that receipt, so nothing new has to be stored.
 * Only a byte-identical request matches: whoever can build one already holds the receipt and
 * the case's ciphertext, so the answer tells them nothing they did not know.
 */
import { createHash } from 'node:crypto';
import type { SubmitReport, SubmitReportResponse } from '../../shared/api/report.schema';
import type { CaseRecord, Store } from '../ports/store.port';

type Submission = Omit<SubmitReport, 'pow' | 'loginSecret'>;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function submissionHash(s: Submission): string {
  const keys = s.keys.map((k) => [k.kind, k.recipient, k.wrapped]).sort((a, b) => (`${a[0]}:${a[1]}` < `${b[0]}:${b[1]}` ? -1 : 1));
  const canonical = [s.channelId, s.category, s.language, s.reporterPublicKey, s.body, s.identity, keys, [...s.attachmentIds].sort()];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The hash of the submission that created `record`, rebuilt from the store. */
async function storedHash(store: Store, record: CaseRecord): Promise<string> {
  // Keys given later (grants) and attachments of later messages are not part of the submission.
  const keys = (await store.cases.keys(record.id)).filter((k) => k.grantedBy === null && k.createdAt.getTime() === record.createdAt.getTime());
  const messages = await store.messages.list(record.id, ['message', 'note']);
  const laterFiles = new Set(messages.flatMap((m) => m.attachmentIds));
  const files = (await store.attachments.listForCase(record.id)).map((a) => a.id).filter((id) => !laterFiles.has(id));
  return submissionHash({
    channelId: record.channelId,
    category: record.category,
    language: record.language,
    reporterPublicKey: b64(record.reporterPublicKey),
    body: b64(record.body),
    identity: record.identity === null ? null : b64(record.identity),
    keys: keys.map((k) => ({ kind: k.kind as 'case' | 'notes' | 'identity', recipient: k.recipient, wrapped: b64(k.wrapped) })),
    attachmentIds: files,
  });
}

export function outcomeOf(record: CaseRecord): SubmitReportResponse {
  return { status: 'received', acknowledgeBy: record.ackDueAt.toISOString(), feedbackBy: record.feedbackDueAt.toISOString() };
}

/** The original outcome when `input` is a byte-identical retry of the case holding `lookup`, else null. */
export async function replayOf(store: Store, lookup: string, input: SubmitReport): Promise<SubmitReportResponse | null> {
  const existing = await store.cases.byReceiptLookup(lookup);
  // Compute the hash either way, so a missing case does not answer measurably sooner.
  const wanted = submissionHash(input);
  if (!existing || existing.purgedAt !== null) return null;
  return (await storedHash(store, existing)) === wanted ? outcomeOf(existing) : null;
}
