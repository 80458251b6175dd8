/**
 * One published version of a channel's questionnaire, for the staff who show a case's
 * answers with the labels its reporter saw (channel-versions.ts decides who may read it).
 */
import { Router } from 'express';
import { staffAuth } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { readChannelVersion } from '../../services/admin/channel-versions';
import type { StaffContext } from '../staff/staff-context';
import { versionParams } from './admin.schema';

export function channelVersionRoutes(sc: StaffContext): Router {
  const router = Router();
  router.get('/channels/:id/versions/:version', sc.requests, sc.auth, validate(versionParams, 'params'), async (_req, res) => {
    const { id, version } = input(res, versionParams, 'params');
    res.json(await readChannelVersion(sc.deps.store, staffAuth(res).staff, id, version));
  });
  return router;
}
