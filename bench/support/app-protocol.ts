/**
 * What a benchmark and the Amana process it drives (bench-app.ts) agree on: the channel
 * reports go to, the lifted rate limits, and the IPC messages. Kept apart from bench-app.ts
 * so importing these does not start a server.
 */
import { LIMIT_GROUPS, type RateLimits } from '../../server/middleware/rate-limit';
import type { StaffLimits } from '../../server/services/staff/login-throttle';

export const BENCH_CHANNEL = { id: 'ch-corruption', category: 'bribery' } as const;

/** Far above anything a benchmark sends, in every group, so no request is refused by a limit. */
const LIFTED = { max: 1_000_000_000, windowMs: 60_000 };
export const liftedRateLimits: Partial<RateLimits> = {
  ...Object.fromEntries(LIMIT_GROUPS.map((g) => [g, LIFTED])),
  sessionFailures: LIFTED,
  sessionFailuresGlobal: LIFTED,
};

/** Per-client sign-in budgets lifted the same way, for floods that stand for many clients. */
export const liftedStaffLimits: Partial<StaffLimits> = { requests: LIFTED, attempts: LIFTED, failures: LIFTED };

/** An account invited in the store whose activation link the benchmark follows over HTTP. */
export interface Invite {
  email: string;
  token: string;
}

export interface ReadyMessage {
  type: 'ready';
  port: number;
  officers: { id: string; publicKey: string }[];
  invites: Invite[];
}

export interface StatsMessage {
  type: 'stats';
  rss: number;
  heapUsed: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
}
