/**
 * The signed-in staff member's own account. GET /me also returns the encrypted private key,
 * so a reloaded page can unlock it with the password without signing in again.
 */
import { Router } from 'express';
import { mePatchRequest, passwordChangeRequest } from '../../../shared/api/staff.schema';
import { staffAuth } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { changePassword } from '../../services/staff/change-password';
import { storedBundle } from '../../services/staff/kdf-policy';
import { loadProfile } from '../../services/staff/staff-profile';
import { updateMe } from '../../services/staff/update-me';
import type { StaffContext } from '../staff/staff-context';

export function meRoutes(sc: StaffContext): Router {
  const router = Router();
  const { deps } = sc;

  router.get('/me', sc.requests, sc.auth, async (_req, res) => {
    const { staff } = staffAuth(res);
    res.json({
      me: await loadProfile(deps.store, staff),
      publicKey: staff.publicKey ? Buffer.from(staff.publicKey).toString('base64') : null,
      keyBundle: storedBundle(staff.keyBundle),
    });
  });

  router.patch('/me', sc.requests, sc.csrf, sc.auth, validate(mePatchRequest), async (_req, res) => {
    const updated = await updateMe(deps, staffAuth(res).staff, input(res, mePatchRequest));
    res.json(await loadProfile(deps.store, updated));
  });

  router.post('/me/password', sc.requests, sc.csrf, sc.auth, validate(passwordChangeRequest), async (_req, res) => {
    await changePassword(deps, staffAuth(res), input(res, passwordChangeRequest));
    res.status(204).end();
  });

  return router;
}
