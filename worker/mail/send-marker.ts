/**
 * At most one mail per notification job, across retries, crashes and concurrent workers.
 *
 * The marker is claimed BEFORE the mail is sent. A worker killed between the claim and the
 * send therefore loses that mail instead of sending it twice on the retry: for a
 * whistleblowing system a duplicate is not just noise (it is a second trace of a case on
 * a mail server), and the officer still sees the case in their inbox. Claiming after the
 * send would give the opposite trade-off, a duplicate after every crash.
 *
 * A send that fails with an error is different: we know it did not go (mostly, see the
 * Message-ID note in notify.job.ts), and losing the mail there would make every SMTP hiccup
 * silently drop notifications. So a failure is recorded with a second marker, and the
 * next attempt claims a new "generation" of the send marker. Generation 0 is the plain
 * `mail:<jobId>` key.
 */
import type { MarkerRepo } from '../../server/ports/store.port';

/** More generations than a job has attempts: a job cannot fail more often than that. */
const MAX_GENERATIONS = 64;

export interface SendClaim {
  jobId: string;
  generation: number;
}

export function sendMarker(jobId: string, generation = 0): string {
  return generation === 0 ? `mail:${jobId}` : `mail:${jobId}:retry-${generation}`;
}

export function failureMarker(jobId: string, generation: number): string {
  return `mail-failed:${jobId}:${generation}`;
}

/**
 * Returns the claim this run may send under, or null when the mail was sent, is being sent
 * by another run, or was lost to a crash. Only a recorded failure opens a new generation.
 */
export async function claimSend(markers: Pick<MarkerRepo, 'claim' | 'has'>, jobId: string, at: Date): Promise<SendClaim | null> {
  let generation = 0;
  while (generation < MAX_GENERATIONS && (await markers.has(failureMarker(jobId, generation)))) generation += 1;
  if (generation >= MAX_GENERATIONS) return null;
  return (await markers.claim(sendMarker(jobId, generation), at)) ? { jobId, generation } : null;
}

export async function recordSendFailure(markers: Pick<MarkerRepo, 'claim'>, claim: SendClaim, at: Date): Promise<void> {
  await markers.claim(failureMarker(claim.jobId, claim.generation), at);
}
