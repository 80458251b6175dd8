/**
 * Reporter authentication: a short-lived session token in `Authorization: Bearer`. Reporter
 * pages set no cookie, so nothing on the reporter's device outlives the tab. Handlers read
 * the session with reporterSession(res).
 */
import type { NextFunction, Request, Response } from 'express';
import { Unauthenticated } from '../errors';
import type { ReporterSession, ReporterTokens } from '../services/reporter-token';

const BEARER = /^Bearer ([^\s]+)$/;

export function reporterAuth(tokens: ReporterTokens, now: () => Date) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    if (!match?.[1]) {
      next(Unauthenticated());
      return;
    }
    res.locals.reporter = tokens.verify(match[1], now());
    next();
  };
}

export function reporterSession(res: Response): ReporterSession {
  return res.locals.reporter as ReporterSession;
}
