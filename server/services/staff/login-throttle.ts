/**
 * Throttling of staff sign-in, two ways:
 * - per client: every attempt and every failure counted in fixed windows, keyed by a hash of
 *   the address under a per-process random key (rate-limit.ts's FixedWindow), in memory only;
 * - per account: failures counted in the store with an exponential lockout (lockoutMs). An
 *   address with no account gets the same counter and lockout, also in the store (LimitRepo,
 *   keyed by the installation's keyed hash of the address, never a client address), so
 *   "locked" does not reveal that an account exists, whichever process answers.
 * The per-client windows stay in each process's memory: their key is a hash of the client
 * address under a per-process random key, and a shared key would put a stable pseudonym of
 * every client address in the store.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimited } from '../../errors';
import { FixedWindow, type WindowLimit } from '../../middleware/rate-limit';
import type { LimitRepo } from '../../ports/store.port';

export interface StaffLimits {
  /** any staff API request per client: generous, it only stops a runaway script */
  requests: WindowLimit;
  /** sign-in, prelogin, activation, setup and recovery requests per client */
  attempts: WindowLimit;
  /** failed sign-ins per client before it is refused for the rest of the window */
  failures: WindowLimit;
  /** failed sign-ins of one account before the lockout starts */
  lockAfter: number;
  /** first lockout; it doubles with each further failure */
  lockBaseMs: number;
  lockMaxMs: number;
}

const MINUTE = 60_000;
export const defaultStaffLimits: StaffLimits = {
  requests: { max: 1200, windowMs: MINUTE },
  attempts: { max: 60, windowMs: 15 * MINUTE },
  failures: { max: 20, windowMs: 15 * MINUTE },
  lockAfter: 5,
  lockBaseMs: 30_000,
  lockMaxMs: 60 * MINUTE,
};

/** 0 below the threshold, then base, 2x base, 4x base... up to the cap. */
export function lockoutMs(limits: StaffLimits, failures: number): number {
  if (failures < limits.lockAfter) return 0;
  const exponent = Math.min(failures - limits.lockAfter, 30);
  return Math.min(limits.lockMaxMs, limits.lockBaseMs * 2 ** exponent);
}

/** Counters of unknown addresses are forgotten this long after their last failure. */
const UNKNOWN_TTL_MS = 24 * 60 * MINUTE;
const UNKNOWN_PREFIX = 'login:unknown:';

export class LoginThrottle {
  private readonly clientKey = randomBytes(32);
  private readonly requestWindow: FixedWindow;
  private readonly attempts: FixedWindow;
  private readonly failures: FixedWindow;
  constructor(readonly limits: StaffLimits, private readonly now: () => number, private readonly counters: LimitRepo) {
    this.requestWindow = new FixedWindow(limits.requests, now);
    this.attempts = new FixedWindow(limits.attempts, now);
    this.failures = new FixedWindow(limits.failures, now);
  }

  /** counts any staff API request against the per-client budget */
  requests(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      const wait = this.requestWindow.hit(this.client(req));
      if (wait > 0) return refuse(res, next, wait);
      next();
    };
  }

  /** counts the attempt; refuses a client over its attempt budget or its failure budget */
  guard(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      const client = this.client(req);
      const wait = Math.max(this.attempts.hit(client), this.failures.exhausted(client));
      if (wait > 0) return refuse(res, next, wait);
      next();
    };
  }

  clientFailed(req: Request): void {
    this.failures.hit(this.client(req));
  }

  /**
   * milliseconds an address without an account is still locked, like an account would be.
   * Read from the store, as a real account's failures are, so every process answers alike.
   */
  async unknownLockedMs(emailKey: string): Promise<number> {
    const now = this.now();
    const entry = await this.counters.get(UNKNOWN_PREFIX + emailKey, new Date(now));
    return entry ? Math.max(0, entry.lastAt.getTime() + lockoutMs(this.limits, entry.count) - now) : 0;
  }

  /** one more failure of an address without an account: one write, as for an account */
  async unknownFailed(emailKey: string): Promise<void> {
    await this.counters.hit(UNKNOWN_PREFIX + emailKey, new Date(this.now()), UNKNOWN_TTL_MS, 'sliding');
  }

  private client(req: Request): string {
    return createHmac('sha256', this.clientKey).update(req.ip ?? '').digest('base64url').slice(0, 22);
  }
}

function refuse(res: Response, next: NextFunction, seconds: number): void {
  res.setHeader('Retry-After', String(seconds));
  next(RateLimited({ retryAfter: seconds }));
}
