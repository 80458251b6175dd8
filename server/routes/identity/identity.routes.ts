/** Custodians: the identity requests sealed to them, and their decisions. */
import { Router } from 'express';
import { identityDecisionRequest, identityRequestsQuery } from '../../../shared/api/staff.schema';
import { requireRole, staffAuth } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { decideIdentity } from '../../services/cases/decide-identity';
import { listIdentityRequests } from '../../services/cases/list-identity-requests';
import type { StaffContext } from '../staff/staff-context';
import { idParams } from '../staff/staff.schema';

export function identityRoutes(sc: StaffContext): Router {
  const router = Router();
  const { deps } = sc;
  const custodian = requireRole('custodian');

  router.get('/identity-requests', sc.requests, sc.auth, custodian, validate(identityRequestsQuery, 'query'), async (_req, res) => {
    const { status } = input(res, identityRequestsQuery, 'query');
    res.json({ requests: await listIdentityRequests(deps.store, staffAuth(res).staff, status) });
  });

  router.post('/identity-requests/:id/decision', sc.requests, sc.csrf, sc.auth, custodian, validate(idParams, 'params'), validate(identityDecisionRequest), async (_req, res) => {
    await decideIdentity(deps, staffAuth(res).staff, input(res, idParams, 'params').id, input(res, identityDecisionRequest));
    res.status(204).end();
  });

  return router;
}
