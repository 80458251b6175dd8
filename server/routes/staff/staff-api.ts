/**
 * Every staff router, in one list for buildApi, and the administrator guard other areas
 * (the job dead-letter list) put in front of their routes.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { authRoutes } from '../auth/auth.routes';
import { caseRoutes } from '../cases/cases.routes';
import { identityRoutes } from '../identity/identity.routes';
import { meRoutes } from '../me/me.routes';
import type { ApiContext } from '../api-context';
import { buildStaffContext, type StaffContext, type StaffOptions } from './staff-context';
import { staffRoutes } from './staff.routes';

export interface StaffApi {
  context: StaffContext;
  routers: Router[];
  /** request-forgery check, session and admin role in one handler, for routers that take a single guard */
  requireAdmin: RequestHandler;
}

/** Runs `first`, then `second` unless `first` passed an error on. */
function chain(first: RequestHandler, second: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    void first(req, res, (err?: unknown) => (err ? next(err) : void second(req, res, next)));
  };
}

export function staffApi(ctx: ApiContext, options: StaffOptions = {}): StaffApi {
  const sc = buildStaffContext(ctx, options);
  return {
    context: sc,
    routers: [authRoutes(sc), meRoutes(sc), staffRoutes(sc), caseRoutes(sc), identityRoutes(sc)],
    requireAdmin: chain(sc.csrf, sc.admin),
  };
}
