/**
 * What every router of the API shares: the container's ports, one rate limiter, the
 * session-token and proof-of-work services keyed from SESSION_KEY, and the clock. Built once
 * per app: per-client rate-limit counters are per process; the global wrong-receipt counter
 * lives in the store and is shared.
 */
import type { Container } from '../container';
import { RateLimiter, rateLimits, type RateLimits } from '../middleware/rate-limit';
import { ProofOfWork } from '../services/proof-of-work';
import { PublicAddress } from '../services/public-address';
import { ReporterTokens } from '../services/reporter-token';

export type ApiContainer = Pick<Container, 'config' | 'logger' | 'store' | 'blobs' | 'jobs'>;

export interface ApiOptions {
  /** tests lower limits to reach them quickly */
  rateLimits?: Partial<RateLimits>;
  /** tests move time forward to expire challenges and sessions */
  now?: () => Date;
  /** main.ts passes the one it tells the listening port to */
  address?: PublicAddress;
}

export interface ApiContext extends ApiContainer {
  limiter: RateLimiter;
  tokens: ReporterTokens;
  pow: ProofOfWork;
  now: () => Date;
  /** where people open Amana: the origins staff requests may come from */
  address: PublicAddress;
}

export function buildContext(container: ApiContainer, options: ApiOptions = {}): ApiContext {
  const now = options.now ?? (() => new Date());
  const { sessionKey } = container.config.secrets;
  return {
    ...container,
    now,
    address: options.address ?? new PublicAddress(container.config.env),
    limiter: new RateLimiter(rateLimits({ ...uploadBudgets(container.config.env), ...options.rateLimits }), container.store.limits, () => now().getTime()),
    tokens: new ReporterTokens(sessionKey),
    pow: new ProofOfWork({
      sessionKey,
      difficulty: container.config.env.POW_DIFFICULTY,
      markers: container.store.markers,
    }),
  };
}

const MIB = 1024 * 1024;
const HOUR = 60 * 60 * 1000;

/** the upload byte budgets from the environment (config/env.ts) */
function uploadBudgets(env: ApiContainer['config']['env']): Pick<RateLimits, 'uploadBytes' | 'uploadBytesGlobal'> {
  return {
    uploadBytes: { max: env.UPLOAD_MIB_PER_ADDRESS_HOUR * MIB, windowMs: HOUR },
    uploadBytesGlobal: { max: env.UPLOAD_MIB_PER_HOUR * MIB, windowMs: HOUR },
  };
}
