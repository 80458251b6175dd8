/**
 * What the staff routers share, built once per app from the API context: the staff use
 * cases' dependencies and the guards every staff route puts in front of its handler.
 */
import type { RequestHandler } from 'express';
import { csrfGuard, requireAdmin, requireStaff } from '../../middleware/staff-auth';
import { defaultStaffLimits, LoginThrottle, type StaffLimits } from '../../services/staff/login-throttle';
import type { StaffDeps } from '../../services/staff/staff-deps';
import { StaffSecrets } from '../../services/staff/staff-secrets';
import { StaffSessions } from '../../services/staff/staff-sessions';
import type { ApiContext } from '../api-context';

export interface StaffOptions {
  /** tests lower the sign-in limits to reach them quickly */
  limits?: Partial<StaffLimits>;
}

export interface StaffContext {
  deps: StaffDeps;
  blobs: ApiContext['blobs'];
  /** per-client budget of every staff request */
  requests: RequestHandler;
  /** per-client budget of sign-in attempts and failures */
  signIn: RequestHandler;
  csrf: RequestHandler;
  auth: RequestHandler;
  admin: RequestHandler;
}

export function buildStaffContext(ctx: ApiContext, options: StaffOptions = {}): StaffContext {
  const { config, store, now } = ctx;
  const throttle = new LoginThrottle({ ...defaultStaffLimits, ...options.limits }, () => now().getTime(), store.limits);
  const sessions = new StaffSessions(store, now);
  const deps: StaffDeps = { store, config, logger: ctx.logger, jobs: ctx.jobs, now, secrets: new StaffSecrets(config.secrets), sessions, throttle };
  return {
    deps,
    blobs: ctx.blobs,
    requests: throttle.requests(),
    signIn: throttle.guard(),
    csrf: csrfGuard(ctx.address, ctx.logger),
    auth: requireStaff(sessions),
    admin: requireAdmin(sessions),
  };
}
