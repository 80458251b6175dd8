/**
 * What a benchmark and the Amana process it drives (bench-app.ts) agree on: the channel
 * reports go to, the lifted rate limits, and the IPC messages. Kept apart from bench-app.ts
 * so importing these does not start a server.
 */
import { LIMIT_GROUPS, type RateLimits } from '../../server/middleware/rate-limit';

export const BENCH_CHANNEL = { id: 'ch-corruption', category: 'bribery' } as const;

/** Far above anything a benchmark sends, in every group, so no request is refused by a limit. */
const LIFTED = { max: 1_000_000_000, windowMs: 60_000 };
export const liftedRateLimits: Partial<RateLimits> = {
  ...Object.fromEntries(LIMIT_GROUPS.map((g) => [g, LIFTED])),
  sessionFailures: LIFTED,
  sessionFailuresGlobal: LIFTED,
};

export interface ReadyMessage {
  type: 'ready';
  port: number;
  officers: { id: string; publicKey: string }[];
}

export interface StatsMessage {
  type: 'stats';
  rss: number;
  heapUsed: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
}
