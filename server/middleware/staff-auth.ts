/**
 * Staff authentication and request-forgery protection.
 *
 * The session token travels in `Authorization: Bearer`, kept by the staff pages in memory
 * or sessionStorage, never in a cookie. A browser therefore never attaches it on its own to
 * a request another site triggers, which is what classic CSRF relies on. Two further checks
 * hold even if that ever changed (a cookie added later, a proxy that injects credentials):
 * - every state-changing request must carry `X-Amana-CSRF: 1`. A cross-site form or image
 *   cannot set a custom header, and a cross-site fetch that does needs a CORS preflight,
 *   which this server never approves;
 * - when the browser says where the request comes from (Origin, Sec-Fetch-Site), it must
 *   be this installation's own address (services/public-address.ts: PUBLIC_URL and
 *   ONION_URL, or the listening address and its loopback names when PUBLIC_URL is unset).
 *   A refusal is logged with the expected and received origins (origins only, never a
 *   client's address) and answered `origin_not_allowed` with the origin to open instead.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Forbidden, Unauthenticated } from '../errors';
import type { Role } from '../ports/store.port';
import type { Logger } from '../logger';
import type { PublicAddress } from '../services/public-address';
import { CsrfRejected, OriginNotAllowed } from '../services/staff/staff-errors';
import type { StaffAuth, StaffSessions } from '../services/staff/staff-sessions';

const BEARER = /^Bearer ([^\s]+)$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** an Origin header as an origin, so a log line can only ever hold scheme, host and port */
function asOrigin(value: string | undefined): string {
  if (value === undefined) return 'none';
  // Sandboxed frames and some redirects send the opaque origin "null".
  if (value === 'null') return 'null';
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? 'null' : origin;
  } catch {
    return 'invalid';
  }
}

export function csrfGuard(address: Pick<PublicAddress, 'allowedOrigins' | 'expectedOrigin'>, logger: Logger): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.get('x-amana-csrf') !== '1') return next(CsrfRejected({ reason: 'header' }));
    const origin = req.get('origin');
    const crossSite = req.get('sec-fetch-site') === 'cross-site';
    if ((origin === undefined || address.allowedOrigins().has(origin)) && !crossSite) return next();
    const expected = address.expectedOrigin();
    const received = asOrigin(origin);
    const reason = origin !== undefined && !address.allowedOrigins().has(origin) ? 'origin' : 'site';
    logger.warn({ reqId: req.reqId, reason, expectedOrigin: expected, receivedOrigin: received }, 'staff request refused: not from this installation’s address');
    next(OriginNotAllowed({ reason, expected, received }));
  };
}

export function requireStaff(sessions: StaffSessions): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    if (!match?.[1]) return next(Unauthenticated());
    try {
      res.locals.staffAuth = await sessions.authenticate(match[1]);
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The signed-in staff member; only after requireStaff. */
export function staffAuth(res: Response): StaffAuth {
  const auth = res.locals.staffAuth as StaffAuth | undefined;
  if (!auth) throw Unauthenticated();
  return auth;
}

/** after requireStaff: the staff member holds at least one of the roles */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const { staff } = staffAuth(res);
    next(roles.some((role) => staff.roles.includes(role)) ? undefined : Forbidden());
  };
}

/** One handler doing both steps, for routers that take a single guard (admin jobs). */
export function requireAdmin(sessions: StaffSessions): RequestHandler {
  const authenticate = requireStaff(sessions);
  const admin = requireRole('admin');
  return (req: Request, res: Response, next: NextFunction): void => {
    void authenticate(req, res, (err?: unknown) => (err ? next(err) : admin(req, res, next)));
  };
}
