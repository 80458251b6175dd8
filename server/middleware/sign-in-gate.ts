/**
 * Refuses a staff sign-in with `503 busy` while every hash slot is taken, before its body is
 * read or parsed and before anything else runs for it: under a flood, the refusals are most of
 * the traffic, and each one costing a JSON parse, the rate-limit bookkeeping and a route lookup
 * is event-loop time taken from the sign-ins that were admitted. The service checks the gate
 * again when it takes a slot (login-hash.ts `run`), since a slot may be taken between the two;
 * this check only makes the common refusal cheap. The body is left unread: Node discards it
 * once the answer is sent, so the connection stays usable. Known and unknown accounts are
 * refused alike, since nothing of the request is looked at but its method and path.
 */
import type { NextFunction, Request, Response } from 'express';
import { ServerBusy } from '../errors';
import { hashGate, type HashGate } from '../services/staff/login-hash';
import { send } from './error-handler';

/** The routes whose first costly step is checking a login secret against its Argon2id hash. */
const GATED = new Set(['POST /auth/login', 'POST /auth/recovery']);

export function signInGate(gate: HashGate = hashGate) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (gate.busy < gate.slots || !GATED.has(`${req.method} ${req.path}`)) {
      next();
      return;
    }
    send(res, ServerBusy({ retryAfter: 1 }));
  };
}
