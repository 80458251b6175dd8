/**
 * Administrators: staff accounts (list, invite, roles and channels, deactivation) and the
 * audit log. Nothing here touches case content: an administrator without officer access to
 * a channel cannot read its cases, and no route here returns a key or a secret.
 */
import { Router } from 'express';
import { auditQuery, staffAccessRequest, staffInviteRequest } from '../../../shared/api/staff.schema';
import { staffAuth } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { deactivateStaff } from '../../services/staff/deactivate-staff';
import { inviteStaff, resendInvite } from '../../services/staff/invite-staff';
import { listAudit } from '../../services/staff/list-audit';
import { setStaffAccess } from '../../services/staff/set-staff-access';
import { staffSummary } from '../../services/staff/staff-profile';
import type { StaffContext } from './staff-context';
import { idParams } from './staff.schema';

export function staffRoutes(sc: StaffContext): Router {
  const router = Router();
  const { deps } = sc;
  const { store } = deps;
  const admin = [sc.requests, sc.admin];
  const adminWrite = [sc.requests, sc.csrf, sc.admin];

  router.get('/staff', ...admin, async (_req, res) => {
    const staff = await store.staff.list();
    res.json({ staff: await Promise.all(staff.map((s) => staffSummary(store, s))) });
  });

  router.post('/staff', ...adminWrite, validate(staffInviteRequest), async (_req, res) => {
    const created = await inviteStaff(deps, staffAuth(res).staff, input(res, staffInviteRequest));
    res.status(201).json({ staff: await staffSummary(store, created) });
  });

  router.post('/staff/:id/invite', ...adminWrite, validate(idParams, 'params'), async (_req, res) => {
    await resendInvite(deps, staffAuth(res).staff, input(res, idParams, 'params').id);
    res.status(202).json({ status: 'queued' });
  });

  router.put('/staff/:id/access', ...adminWrite, validate(idParams, 'params'), validate(staffAccessRequest), async (_req, res) => {
    const updated = await setStaffAccess(deps, staffAuth(res).staff, input(res, idParams, 'params').id, input(res, staffAccessRequest));
    res.json({ staff: await staffSummary(store, updated) });
  });

  router.post('/staff/:id/deactivate', ...adminWrite, validate(idParams, 'params'), async (_req, res) => {
    const updated = await deactivateStaff(deps, staffAuth(res).staff, input(res, idParams, 'params').id);
    res.json({ staff: await staffSummary(store, updated) });
  });

  router.get('/audit', ...admin, validate(auditQuery, 'query'), async (_req, res) => {
    res.json(await listAudit(store, input(res, auditQuery, 'query')));
  });

  return router;
}
