/**
 * First setup, activation, sign-in, recovery and sign-out. Every route here that accepts a
 * secret sits behind the per-client attempt budget; a failed sign-in also counts against the
 * client's failure budget. Answers never say whether an account exists.
 */
import { Router, type Request, type Response } from 'express';
import {
  activateRequest, activationStartRequest, loginRequest, preloginRequest, recoveryCompleteRequest, recoveryRequest, setupRequest,
} from '../../../shared/api/staff.schema';
import { input, validate } from '../../middleware/validate';
import { staffAuth } from '../../middleware/staff-auth';
import { activate } from '../../services/staff/activate';
import type { AuthResult } from '../../services/staff/authenticate';
import { completeSetup } from '../../services/staff/complete-setup';
import { login } from '../../services/staff/login';
import { prelogin } from '../../services/staff/prelogin';
import { completeRecovery, startRecovery } from '../../services/staff/recovery';
import { startActivation } from '../../services/staff/start-activation';
import { audit } from '../../services/staff/staff-deps';
import { LoginFailed, LoginLocked } from '../../services/staff/staff-errors';
import { signInPayload } from '../../services/staff/staff-profile';
import type { StaffContext } from '../staff/staff-context';

export function authRoutes(sc: StaffContext): Router {
  const router = Router();
  const { deps } = sc;
  const open = [sc.signIn, sc.csrf];

  const refuse = (req: Request, res: Response, result: Exclude<AuthResult, { ok: true }>): never => {
    if (result.reason === 'locked') {
      res.setHeader('Retry-After', String(result.retryAfter));
      throw LoginLocked({ retryAfter: result.retryAfter });
    }
    deps.throttle.clientFailed(req);
    throw LoginFailed();
  };

  router.post('/setup', ...open, validate(setupRequest), async (_req, res) => {
    res.status(201).json(await completeSetup(deps, input(res, setupRequest)));
  });

  router.post('/auth/activation', ...open, validate(activationStartRequest), async (_req, res) => {
    res.json(await startActivation(deps, input(res, activationStartRequest).token));
  });

  router.post('/auth/activate', ...open, validate(activateRequest), async (_req, res) => {
    const { staff, recoveryCodes } = await activate(deps, input(res, activateRequest));
    const session = await deps.sessions.issue(staff.id);
    res.status(201).json({ ...(await signInPayload(deps.store, staff, session)), recoveryCodes });
  });

  router.post('/auth/prelogin', ...open, validate(preloginRequest), async (_req, res) => {
    res.json(await prelogin(deps, input(res, preloginRequest).email));
  });

  router.post('/auth/login', ...open, validate(loginRequest), async (req, res) => {
    const result = await login(deps, input(res, loginRequest));
    if (!result.ok) return refuse(req, res, result);
    const session = await deps.sessions.issue(result.staff.id);
    res.json(await signInPayload(deps.store, result.staff, session));
  });

  router.post('/auth/recovery', ...open, validate(recoveryRequest), async (req, res) => {
    const result = await startRecovery(deps, input(res, recoveryRequest));
    if (!result.ok) return refuse(req, res, result);
    res.json(result.response);
  });

  router.post('/auth/recovery/complete', ...open, validate(recoveryCompleteRequest), async (_req, res) => {
    const staff = await completeRecovery(deps, input(res, recoveryCompleteRequest));
    const session = await deps.sessions.issue(staff.id);
    res.json(await signInPayload(deps.store, staff, session));
  });

  router.post('/auth/logout', sc.requests, sc.csrf, sc.auth, async (_req, res) => {
    const { staff, session } = staffAuth(res);
    await deps.sessions.end(session.tokenHash);
    await audit(deps, staff.id, 'auth.logout');
    res.status(204).end();
  });

  router.post('/auth/logout-all', sc.requests, sc.csrf, sc.auth, async (_req, res) => {
    const { staff } = staffAuth(res);
    const ended = await deps.sessions.endAll(staff.id);
    await audit(deps, staff.id, 'auth.logout_all', null, { sessions: ended });
    res.status(204).end();
  });

  return router;
}
