/**
 * The server's hash of a login secret (or of a recovery login secret). The secret is already
 * the output of a 64 MiB Argon2id in the browser, so this second Argon2id only has to make a
 * stolen database useless as a login bypass; it is kept moderate (19 MiB, OWASP's minimum
 * profile) because every sign-in attempt, including an attacker's, pays it on the server.
 *
 * Unknown accounts are checked against a dummy hash made with the same parameters, so a
 * sign-in takes as long whether or not the address exists.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import argon2 from 'argon2';
import { ServerBusy } from '../../errors';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/**
 * At most one Argon2id per core but one at a time (one slot on one core), leaving a core to the
 * event loop that answers the admitted sign-ins and the refusals. A sign-in beyond that is refused at once (503
 * with Retry-After) instead of queueing: a flood of sign-ins would otherwise make every
 * genuine one wait for all the others, hold 19 MiB each, and tie up the thread pool that
 * file and blob I/O also need. The gate is taken before the secret is checked, so known and
 * unknown accounts are refused alike. Making a hash (activation, password change, recovery)
 * is rare and already authenticated by a one-time token or a session: it waits its turn.
 */
export class HashGate {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly slots: number = Math.max(1, availableParallelism() - 1)) {}

  /** runs now, or refuses with busy when every slot is taken */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.slots) throw ServerBusy({ retryAfter: 1 });
    return this.hold(work);
  }

  /** runs when a slot is free */
  async queue<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight += 1;
    return this.release(work);
  }

  get busy(): number {
    return this.inFlight;
  }

  private async hold<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    return this.release(work);
  }

  /** a slot handed to a waiter stays taken, so a refusal cannot slip in between */
  private async release<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight -= 1;
    }
  }
}

/** One gate per process: the CPU it protects is the process's. */
export const hashGate = new HashGate();

export async function hashLoginSecret(secret: Uint8Array): Promise<string> {
  return hashGate.queue(() => argon2.hash(Buffer.from(secret), OPTIONS));
}

let dummy: Promise<string> | null = null;

function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(randomBytes(32), OPTIONS);
  return dummy;
}

/**
 * Verifies `secret` against `hash`, or against the dummy hash when there is none; in both
 * cases exactly one Argon2id computation runs. A malformed stored hash counts as a mismatch.
 */
export async function verifyLoginSecret(hash: string | null, secret: Uint8Array): Promise<boolean> {
  const target = hash ?? (await dummyHash());
  return hashGate.run(async () => {
    try {
      const ok = await argon2.verify(target, Buffer.from(secret));
      return ok && hash !== null;
    } catch {
      return false;
    }
  });
}

/** Computes the dummy hash ahead of the first sign-in, so that one is not slower. */
export async function warmLoginHash(): Promise<void> {
  await dummyHash();
}
