/**
 * The proof of work, solved while the reporter writes instead of after "Send". Its cost is
 * WebCrypto's per-call overhead (30-50 µs a digest in Chromium, with or without JIT), so the
 * 2^18 digests expected at the default difficulty take seconds whatever the device: paid at
 * "Send", they were most of the wait for the receipt. The challenge is independent of the
 * report, so solving it early gives the server the same guarantee. A solution is used once,
 * and replaced before the server's challenge lifetime (10 minutes, server/services/
 * proof-of-work.ts) runs out; a challenge that expires anyway is answered `pow_invalid`, which
 * submit-report.ts already retries with a fresh one.
 *
 * Every attachment upload costs a solution of its own too (POST /attachments). A file added
 * while the form is open takes the solution solved ahead and starts the next one at once,
 * so the report's is usually ready again by "Send".
 */
import { fromB64 } from '../../../shared/api/common.schema';
import { solvePow } from '../../../shared/crypto/index';
import { fetchPow } from '../api/reporter-api';

export interface PowSolution {
  challenge: string;
  nonce: string;
}

/** Younger than this, a solution is sent; the server accepts a challenge for 10 minutes. */
const FRESH_MS = 7 * 60 * 1000;

interface Ahead {
  solution: Promise<PowSolution>;
  issuedAt: number;
  aborter: AbortController;
  renew: ReturnType<typeof setTimeout>;
}

let ahead: Ahead | null = null;

/** The challenge is base64; the work is done on its bytes, as the server checks it. */
export async function solveNow(signal?: AbortSignal): Promise<PowSolution> {
  const challenge = await fetchPow();
  const nonce = await solvePow(fromB64(challenge.challenge), challenge.difficulty, { signal });
  return { challenge: challenge.challenge, nonce };
}

/** Starts solving in the background (once); renews the solution before it would expire. */
export function solveAhead(): void {
  if (ahead !== null) return;
  const aborter = new AbortController();
  const solution = solveNow(aborter.signal);
  // Nobody may be waiting yet: a failure here only means the next take solves afresh.
  solution.catch(() => {
    if (ahead?.solution === solution) stopAhead();
  });
  const renew = setTimeout(() => {
    stopAhead();
    solveAhead();
  }, FRESH_MS);
  ahead = { solution, issuedAt: Date.now(), aborter, renew };
}

/** Stops the background work (the form was left). */
export function stopAhead(): void {
  if (ahead === null) return;
  clearTimeout(ahead.renew);
  ahead.aborter.abort();
  ahead = null;
}

/** A solution for one submission: the one solved ahead when it is still fresh, otherwise one solved now. */
export async function takeSolution(signal: AbortSignal): Promise<PowSolution> {
  const taken = ahead;
  if (taken !== null && Date.now() - taken.issuedAt < FRESH_MS) {
    clearTimeout(taken.renew);
    ahead = null;
    try {
      return await taken.solution;
    } catch {
      // fall through: solve afresh
    }
  } else {
    stopAhead();
  }
  return solveNow(signal);
}

/**
 * A solution for one attachment upload. While the report form solves ahead, the file takes
 * that solution and the form starts solving the next one (for the next file or the report);
 * elsewhere (a reply, an officer's message) the upload solves its own.
 */
export async function takeUploadSolution(signal: AbortSignal): Promise<PowSolution> {
  if (ahead === null) return solveNow(signal);
  const solution = takeSolution(signal);
  solveAhead();
  return solution;
}
