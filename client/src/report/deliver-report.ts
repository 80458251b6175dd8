/**
 * Posting a prepared report until the server confirms it. The request is made once and kept
 * in memory (never in storage): a lost answer — connection reset, 5xx, timeout — is retried
 * with exactly the same request, so a server that did store the first one answers the
 * replay with the original 201 and the reporter keeps the receipt that case was filed
 * under. A new receipt is made only when the server said, definitively, that it stored
 * nothing (receipt_collision before any answer was lost).
 */
import type { SubmitReport, SubmitReportResponse } from '../../../shared/api/report.schema';
import { ApiFailure, isTransient } from '../api/http';

export interface PreparedSubmission {
  /** 20 ASCII digits; the login secret in `request` is derived from it */
  readonly receipt: string;
  /** frozen: every attempt serializes to the same bytes (only a refused proof of work is replaced) */
  request: Readonly<SubmitReport>;
  /** set once an attempt ended without a definitive answer: the case may exist */
  maybeStored: boolean;
}

export interface DeliverOptions {
  post(request: Readonly<SubmitReport>, signal: AbortSignal): Promise<SubmitReportResponse>;
  /** a fresh proof of work when the server refused this one; receipt and body stay */
  renewPow(): Promise<SubmitReport['pow']>;
  signal: AbortSignal;
  /** waits before each automatic retry (ms); the attempts are delays.length + 1 */
  delays?: readonly number[];
  /** an attempt that has no answer after this long is treated as lost (ms) */
  timeoutMs?: number;
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

/** Small and then longer waits: a restarting server or a flaky mobile link has time to recover. */
export const RETRY_DELAYS: readonly number[] = [1_000, 3_000, 8_000];
const TIMEOUT_MS = 90_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function prepared(receipt: string, request: SubmitReport): PreparedSubmission {
  return { receipt, request: deepFreeze(structuredClone(request)), maybeStored: false };
}

/** A failure after which the request may or may not have been stored: the answer was lost. */
export function answerLost(err: unknown): boolean {
  if (!(err instanceof ApiFailure)) return false;
  // bad_response: a 2xx we could not read still means stored; the replay answers again.
  return isTransient(err) || err.id === 'timeout' || err.id === 'bad_response';
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
  });
}

/** One POST, ended as a `timeout` failure when no answer comes; the caller's abort stays an abort. */
async function once(options: DeliverOptions, request: Readonly<SubmitReport>): Promise<SubmitReportResponse> {
  const controller = new AbortController();
  const forward = () => controller.abort(options.signal.reason);
  options.signal.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(() => controller.abort(new ApiFailure('timeout', 0, 'No answer from the server.')), options.timeoutMs ?? TIMEOUT_MS);
  try {
    return await options.post(request, controller.signal);
  } catch (err) {
    if (options.signal.aborted) throw err;
    if (controller.signal.aborted) throw new ApiFailure('timeout', 0, 'No answer from the server.');
    throw err;
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', forward);
  }
}

/**
 * Posts `submission.request`, retrying lost answers automatically after each of `delays`.
 * Resolves with the server's confirmation; rejects with the last failure, `submission`
 * then tells (maybeStored) whether the same request must be offered again ("Send again").
 */
export async function deliverSubmission(submission: PreparedSubmission, options: DeliverOptions): Promise<SubmitReportResponse> {
  const delays = options.delays ?? RETRY_DELAYS;
  const sleep = options.sleep ?? defaultSleep;
  let request = submission.request;
  let renewed = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await once(options, request);
    } catch (err) {
      if (options.signal.aborted) throw err;
      if (err instanceof ApiFailure && err.id === 'pow_invalid' && !renewed) {
        // Expired or spent challenge: only the proof of work changes. Keeping receipt and
        // body means this can never file a second case, whatever the first attempt did.
        renewed = true;
        request = deepFreeze({ ...request, pow: await options.renewPow() });
        submission.request = request;
        attempt--;
        continue;
      }
      if (!answerLost(err)) throw err;
      submission.maybeStored = true;
      if (attempt >= delays.length) throw err;
      await sleep(delays[attempt]!, options.signal);
    }
  }
}
