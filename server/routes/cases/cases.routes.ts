/**
 * The officer's inbox and case page. Every case route answers 404 `report_not_found` to
 * anyone but an officer holding the case key (case-access.ts): administrators, committee
 * members and custodians learn nothing, not even that the case exists.
 */
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import {
  exportRequest, grantRequest, identityRequestRequest, inboxQuery, labelsRequest, staffMessageRequest, statusChangeRequest,
} from '../../../shared/api/staff.schema';
import { staffAuth } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { caseMeta } from '../../services/cases/case-meta';
import { changeStatus } from '../../services/cases/change-status';
import { grantAccess } from '../../services/cases/grant-access';
import { listCaseOfficers } from '../../services/cases/list-case-officers';
import { listInbox } from '../../services/cases/list-inbox';
import { openCase } from '../../services/cases/open-case';
import { openCaseAttachmentPart } from '../../services/cases/open-case-attachment';
import { postStaffMessage } from '../../services/cases/post-staff-message';
import { recordExport } from '../../services/cases/record-export';
import { requestIdentity } from '../../services/cases/request-identity';
import { setLabels } from '../../services/cases/set-labels';
import type { StaffContext } from '../staff/staff-context';
import { casePartParams, idParams } from '../staff/staff.schema';

export function caseRoutes(sc: StaffContext): Router {
  const router = Router();
  const { deps } = sc;
  const { store } = deps;
  const read = [sc.requests, sc.auth];
  const write = [sc.requests, sc.csrf, sc.auth, validate(idParams, 'params')];
  const caseId = (res: Parameters<typeof staffAuth>[0]): string => input(res, idParams, 'params').id;

  router.get('/cases', ...read, validate(inboxQuery, 'query'), async (_req, res) => {
    res.json(await listInbox(deps, staffAuth(res).staff, input(res, inboxQuery, 'query')));
  });

  router.get('/cases/:id', ...read, validate(idParams, 'params'), async (_req, res) => {
    res.json(await openCase(deps, staffAuth(res).staff, caseId(res)));
  });

  router.get('/cases/:id/officers', ...read, validate(idParams, 'params'), async (_req, res) => {
    res.json(await listCaseOfficers(store, staffAuth(res).staff, caseId(res)));
  });

  router.get('/cases/:id/attachments/:attachmentId/parts/:index', ...read, validate(casePartParams, 'params'), async (_req, res) => {
    const { id, attachmentId, index } = input(res, casePartParams, 'params');
    const part = await openCaseAttachmentPart({ store, blobs: sc.blobs }, staffAuth(res).staff, { caseId: id, attachmentId, index });
    res.setHeader('Content-Type', 'application/octet-stream');
    await pipeline(part, res);
  });

  router.post('/cases/:id/messages', ...write, validate(staffMessageRequest), async (_req, res) => {
    const message = await postStaffMessage(deps, staffAuth(res).staff, caseId(res), input(res, staffMessageRequest));
    res.status(201).json({ id: message.id, kind: message.kind, createdAt: message.createdAt.toISOString() });
  });

  router.post('/cases/:id/status', ...write, validate(statusChangeRequest), async (_req, res) => {
    const updated = await changeStatus(deps, staffAuth(res).staff, caseId(res), input(res, statusChangeRequest));
    res.json({ case: caseMeta(updated, deps.now()) });
  });

  router.post('/cases/:id/labels', ...write, validate(labelsRequest), async (_req, res) => {
    const updated = await setLabels(deps, staffAuth(res).staff, caseId(res), input(res, labelsRequest).labels);
    res.json({ case: caseMeta(updated, deps.now()) });
  });

  router.post('/cases/:id/grants', ...write, validate(grantRequest), async (_req, res) => {
    await grantAccess(deps, staffAuth(res).staff, caseId(res), input(res, grantRequest));
    res.status(204).end();
  });

  router.post('/cases/:id/identity-requests', ...write, validate(identityRequestRequest), async (_req, res) => {
    const request = await requestIdentity(deps, staffAuth(res).staff, caseId(res), input(res, identityRequestRequest));
    res.status(201).json({ id: request.id, status: request.status, createdAt: request.createdAt.toISOString() });
  });

  router.post('/cases/:id/export', ...write, validate(exportRequest), async (_req, res) => {
    await recordExport(deps, staffAuth(res).staff, caseId(res), input(res, exportRequest).format);
    res.status(204).end();
  });

  return router;
}
