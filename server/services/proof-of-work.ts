/**
 * Stateless proof-of-work challenges guarding anonymous submission (no CAPTCHA, no third
 * party). A challenge is base64(random 16 bytes ‖ expiry ms as u64 BE ‖ HMAC-SHA256 of both),
 * so the server keeps nothing until a solution comes back; single use is then enforced by
 * claiming a marker named after the challenge's hash, right before the report is written.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PowChallenge, PowSolution } from '../../shared/api/report.schema';
import { leadingZeroBits, powCandidate } from '../../shared/crypto/proof-of-work';
import { ProofOfWorkInvalid } from '../errors';
import type { MarkerRepo } from '../ports/store.port';
import { deriveKey } from './derived-keys';

export const POW_TTL_MS = 10 * 60 * 1000;
/** Keys of the spent-challenge markers; the retention sweep deletes old ones by this prefix. */
export const POW_MARKER_PREFIX = 'pow:';
const RANDOM_BYTES = 16;
const EXPIRY_BYTES = 8;
const MAC_BYTES = 32;
const CHALLENGE_BYTES = RANDOM_BYTES + EXPIRY_BYTES + MAC_BYTES;

export interface ProofOfWorkDeps {
  sessionKey: Buffer;
  difficulty: number;
  markers: MarkerRepo;
  ttlMs?: number;
}

/** A solution whose MAC, expiry and work have been checked; it still has to be claimed. */
export interface CheckedPow {
  readonly marker: string;
}

export class ProofOfWork {
  private readonly key: Buffer;
  private readonly ttlMs: number;

  constructor(private readonly deps: ProofOfWorkDeps) {
    this.key = deriveKey(deps.sessionKey, 'pow-challenge');
    this.ttlMs = deps.ttlMs ?? POW_TTL_MS;
  }

  issue(now: Date): PowChallenge {
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const head = Buffer.alloc(RANDOM_BYTES + EXPIRY_BYTES);
    randomBytes(RANDOM_BYTES).copy(head, 0);
    head.writeBigUInt64BE(BigInt(expiresAt.getTime()), RANDOM_BYTES);
    const challenge = Buffer.concat([head, this.mac(head)]).toString('base64');
    return { challenge, difficulty: this.deps.difficulty, expiresAt: expiresAt.toISOString() };
  }

  /** checks everything that needs no storage; cheap, so it runs before any database work */
  async check(solution: PowSolution, now: Date): Promise<CheckedPow> {
    const raw = Buffer.from(solution.challenge, 'base64');
    if (raw.length !== CHALLENGE_BYTES || raw.toString('base64') !== solution.challenge) throw ProofOfWorkInvalid({ reason: 'malformed' });
    const head = raw.subarray(0, RANDOM_BYTES + EXPIRY_BYTES);
    if (!timingSafeEqual(raw.subarray(RANDOM_BYTES + EXPIRY_BYTES), this.mac(head))) throw ProofOfWorkInvalid({ reason: 'malformed' });
    if (Number(head.readBigUInt64BE(RANDOM_BYTES)) <= now.getTime()) throw ProofOfWorkInvalid({ reason: 'expired' });
    // The browser solves the decoded bytes with shared/crypto's solvePow; this is verifyPow's
    // check with node:crypto's synchronous SHA-256 (one digest: no promise, no thread hop).
    const candidate = powCandidate(new Uint8Array(raw), solution.nonce, this.deps.difficulty);
    if (candidate === null || leadingZeroBits(createHash('sha256').update(candidate).digest()) < this.deps.difficulty) {
      throw ProofOfWorkInvalid({ reason: 'unsolved' });
    }
    return { marker: `${POW_MARKER_PREFIX}${createHash('sha256').update(raw).digest('hex')}` };
  }

  /** whether a submission already spent it (the marker is claimed inside the case's transaction) */
  async spent(checked: CheckedPow): Promise<boolean> {
    return this.deps.markers.has(checked.marker);
  }

  /** single use: exactly one submission may spend a challenge */
  async claim(checked: CheckedPow, now: Date): Promise<void> {
    if (!(await this.deps.markers.claim(checked.marker, now))) throw ProofOfWorkInvalid({ reason: 'used' });
  }

  private mac(head: Buffer): Buffer {
    return createHmac('sha256', this.key).update(head).digest();
  }
}
