/**
 * Fixed-window rate limits, in memory, per (route group, client). The client is a keyed
 * hash of req.ip under a random key made when the limiter is built: the address itself is
 * never kept, the hash means nothing outside this process, and an entry is dropped once its
 * window has passed. Nothing keyed by a client is persisted or logged.
 *
 * The one counter shared by every process is the global count of wrong receipts, kept in the
 * store (LimitRepo, key `receipt:global`). Reaching its budget locks nobody out: from then on
 * until the window passes, every follow-up sign-in must carry a solved proof of work
 * (`pow_required`), so guessing spread over many addresses costs work per guess while a
 * genuine reporter still gets in after a few seconds of it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimited } from '../errors';
import type { LimitRepo } from '../ports/store.port';

export interface WindowLimit {
  max: number;
  windowMs: number;
}

export const LIMIT_GROUPS = ['read', 'pow', 'submit', 'attachmentCreate', 'attachmentUpload', 'session', 'reporterRead', 'reporterWrite'] as const;
export type LimitGroup = (typeof LIMIT_GROUPS)[number];

export interface RateLimits extends Record<LimitGroup, WindowLimit> {
  /** wrong receipts per client before it is locked out for the rest of the window */
  sessionFailures: WindowLimit;
  /**
   * wrong receipts from everyone together (every process, counted in the store) past which each
   * follow-up sign-in must carry a proof of work, so guessing spread over many addresses costs work
   */
  sessionFailuresGlobal: WindowLimit;
  /** added to every failed session attempt */
  failureDelayMs: number;
  /** attachment bytes (as announced) one client may start uploading per window */
  uploadBytes: WindowLimit;
  /** attachment bytes all clients together may start uploading per window: bounds the disk an abandoned flood takes */
  uploadBytesGlobal: WindowLimit;
}

const MIB = 1024 * 1024;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Many reporters share an address (Tor exits, carrier NAT), so the per-client limits are
// generous; the proof of work is what makes each submission cost something.
export const defaultRateLimits: RateLimits = {
  read: { max: 120, windowMs: MINUTE },
  pow: { max: 60, windowMs: 10 * MINUTE },
  submit: { max: 20, windowMs: HOUR },
  attachmentCreate: { max: 100, windowMs: HOUR },
  // 20 attachments of 100 MiB in 4 MiB parts is 500 parts per report
  attachmentUpload: { max: 2000, windowMs: HOUR },
  session: { max: 30, windowMs: 15 * MINUTE },
  reporterRead: { max: 3000, windowMs: HOUR },
  reporterWrite: { max: 60, windowMs: HOUR },
  sessionFailures: { max: 10, windowMs: 15 * MINUTE },
  sessionFailuresGlobal: { max: 1000, windowMs: 15 * MINUTE },
  failureDelayMs: 400,
  // config/env.ts UPLOAD_MIB_PER_ADDRESS_HOUR and UPLOAD_MIB_PER_HOUR override these (server/routes/api-context.ts)
  uploadBytes: { max: 1024 * MIB, windowMs: HOUR },
  uploadBytesGlobal: { max: 4096 * MIB, windowMs: HOUR },
};

interface Slot {
  count: number;
  resetAt: number;
}

/** One counter per key per window; expired entries are swept as the map is used. */
export class FixedWindow {
  private readonly slots = new Map<string, Slot>();
  private nextSweep = 0;

  constructor(private readonly limit: WindowLimit, private readonly now: () => number) {}

  /** counts one hit; returns the seconds to wait when it went over the limit, else 0 */
  hit(key: string): number {
    const slot = this.slot(key);
    slot.count += 1;
    return slot.count > this.limit.max ? this.secondsLeft(slot) : 0;
  }

  /**
   * counts `amount` when it fits what is left of the key's budget and returns 0; otherwise
   * counts nothing and returns the seconds until the window resets
   */
  take(key: string, amount: number): number {
    const slot = this.slot(key);
    if (slot.count + amount > this.limit.max) return this.secondsLeft(slot);
    slot.count += amount;
    return 0;
  }

  /** gives back what take() counted, when the request it was for was refused after all */
  refund(key: string, amount: number): void {
    const slot = this.slots.get(key);
    if (slot && slot.resetAt > this.now()) slot.count = Math.max(0, slot.count - amount);
  }

  /** the seconds to wait when the key has used its whole budget, else 0; counts nothing */
  exhausted(key: string): number {
    const slot = this.slots.get(key);
    if (!slot || slot.resetAt <= this.now()) return 0;
    return slot.count >= this.limit.max ? this.secondsLeft(slot) : 0;
  }

  get size(): number {
    return this.slots.size;
  }

  private slot(key: string): Slot {
    const now = this.now();
    this.sweep(now);
    const existing = this.slots.get(key);
    if (existing && existing.resetAt > now) return existing;
    const fresh = { count: 0, resetAt: now + this.limit.windowMs };
    this.slots.set(key, fresh);
    return fresh;
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    for (const [key, slot] of this.slots) if (slot.resetAt <= now) this.slots.delete(key);
    this.nextSweep = now + this.limit.windowMs;
  }

  private secondsLeft(slot: Slot): number {
    return Math.max(1, Math.ceil((slot.resetAt - this.now()) / 1000));
  }
}

/** the store key of the global wrong-receipt counter */
export const RECEIPT_GLOBAL_KEY = 'receipt:global';

/** the in-memory key under which everyone's upload bytes are counted together */
const GLOBAL = 'all';

export class RateLimiter {
  private readonly clientKey = randomBytes(32);
  private readonly windows: Record<LimitGroup, FixedWindow>;
  private readonly failures: FixedWindow;
  private readonly uploadBytes: FixedWindow;
  private readonly globalUploadBytes: FixedWindow;

  constructor(readonly limits: RateLimits, private readonly counters: LimitRepo, private readonly now: () => number = Date.now) {
    this.windows = Object.fromEntries(LIMIT_GROUPS.map((g) => [g, new FixedWindow(limits[g], now)])) as Record<LimitGroup, FixedWindow>;
    this.failures = new FixedWindow(limits.sessionFailures, now);
    this.uploadBytes = new FixedWindow(limits.uploadBytes, now);
    this.globalUploadBytes = new FixedWindow(limits.uploadBytesGlobal, now);
  }

  /**
   * Counts an announced upload's bytes against the client's and everyone's hourly budgets,
   * both or neither; refuses with 429 (Retry-After) when either would go over. Returns the
   * function that gives the bytes back when the upload is refused after all.
   */
  reserveUploadBytes(req: Request, res: Response, bytes: number): () => void {
    const client = this.client(req);
    const wait = this.uploadBytes.take(client, bytes);
    if (wait > 0) throw refusal(res, wait);
    const globalWait = this.globalUploadBytes.take(GLOBAL, bytes);
    if (globalWait > 0) {
      this.uploadBytes.refund(client, bytes);
      throw refusal(res, globalWait);
    }
    return () => {
      this.uploadBytes.refund(client, bytes);
      this.globalUploadBytes.refund(GLOBAL, bytes);
    };
  }

  /** counts the request against its group and answers 429 once the group's budget is spent */
  limit(group: LimitGroup): RequestHandler {
    const window = this.windows[group];
    return (req: Request, res: Response, next: NextFunction): void => {
      const wait = window.hit(this.client(req));
      if (wait > 0) return refuse(res, next, wait);
      next();
    };
  }

  /** refuses receipt attempts from a client that failed too often this window (this process) */
  sessionLockout(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      const wait = this.failures.exhausted(this.client(req));
      if (wait > 0) return refuse(res, next, wait);
      next();
    };
  }

  /** whether wrong receipts from everyone reached the global budget this window, in any process */
  async receiptsUnderPressure(): Promise<boolean> {
    const global = await this.counters.get(RECEIPT_GLOBAL_KEY, new Date(this.now()));
    return global !== null && global.count >= this.limits.sessionFailuresGlobal.max;
  }

  /** records a wrong receipt, for the client and for everyone, then holds the answer back by the failure delay */
  async sessionFailed(req: Request): Promise<void> {
    this.failures.hit(this.client(req));
    await Promise.all([
      this.counters.hit(RECEIPT_GLOBAL_KEY, new Date(this.now()), this.limits.sessionFailuresGlobal.windowMs, 'fixed'),
      new Promise<void>((resolve) => setTimeout(resolve, this.limits.failureDelayMs)),
    ]);
  }

  private client(req: Request): string {
    return createHmac('sha256', this.clientKey).update(req.ip ?? '').digest('base64url').slice(0, 22);
  }
}

function refusal(res: Response, seconds: number): Error {
  res.setHeader('Retry-After', String(seconds));
  return RateLimited({ retryAfter: seconds });
}

function refuse(res: Response, next: NextFunction, seconds: number): void {
  res.setHeader('Retry-After', String(seconds));
  next(RateLimited({ retryAfter: seconds }));
}

export function rateLimits(overrides: Partial<RateLimits> = {}): RateLimits {
  return { ...defaultRateLimits, ...overrides };
}
