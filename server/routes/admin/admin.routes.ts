/**
 * The administration API (shared/api/admin.schema.ts is the contract): channels and their
 * versioned questionnaires, the routing preview, absences, installation settings and their
 * history, the logo, and the first-run checklist. Administrators only; every write needs
 * the staff request-forgery header and is audited by its service. Nothing here reads or
 * returns case content.
 */
import express, { Router, type Response } from 'express';
import { absenceRequest, adminChannelActive, adminChannelOrder, definitionCheckRequest, installationSettings } from '../../../shared/api/admin.schema';
import { staffAuth } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { listAdminChannels } from '../../services/admin/admin-channel-view';
import type { AdminDeps } from '../../services/admin/admin-deps';
import { listChannelVersions } from '../../services/admin/channel-versions';
import { checkDefinition } from '../../services/admin/check-definition';
import { confirmReadiness } from '../../services/admin/confirm-readiness';
import { createChannel } from '../../services/admin/create-channel';
import { readInstallationSettings, SETTINGS_LIMITS } from '../../services/admin/installation-settings';
import { checkLogo, deleteLogo, LOGO_MAX_BYTES, saveLogo } from '../../services/admin/logo';
import { previewRecipients } from '../../services/admin/preview-recipients';
import { publishChannel } from '../../services/admin/publish-channel';
import { readiness } from '../../services/admin/readiness';
import { reorderChannels } from '../../services/admin/reorder-channels';
import { setAbsence } from '../../services/admin/set-absence';
import { setChannelActive } from '../../services/admin/set-channel-active';
import { settingsHistory } from '../../services/admin/settings-history';
import { updateSettings } from '../../services/admin/update-settings';
import type { StaffContext } from '../staff/staff-context';
import { idParams } from '../staff/staff.schema';
import { channelCreateBody, channelUpdateBody, readinessParams, recipientsQuery } from './admin.schema';

/** Up to twice the logo limit reaches the size check (logo_invalid); beyond, payload_too_large. */
const logoBody = express.raw({ type: () => true, limit: 2 * LOGO_MAX_BYTES });

export function adminRoutes(sc: StaffContext): Router {
  const router = Router();
  const deps: AdminDeps = { store: sc.deps.store, config: sc.deps.config, now: sc.deps.now };
  const { store } = deps;
  const read = [sc.requests, sc.admin];
  const write = [sc.requests, sc.csrf, sc.admin];
  const actor = (res: Response): string => staffAuth(res).staff.id;
  const channelId = (res: Response): string => input(res, idParams, 'params').id;

  router.get('/admin/channels', ...read, async (_req, res) => {
    res.json({ channels: await listAdminChannels(store) });
  });
  router.post('/admin/channels', ...write, validate(channelCreateBody), async (_req, res) => {
    res.status(201).json({ channel: await createChannel(deps, actor(res), input(res, channelCreateBody)) });
  });
  router.post('/admin/channels/check', ...write, validate(definitionCheckRequest), async (_req, res) => {
    res.json({ problems: checkDefinition(input(res, definitionCheckRequest).definition).problems });
  });
  router.put('/admin/channels/order', ...write, validate(adminChannelOrder), async (_req, res) => {
    res.json({ channels: await reorderChannels(deps, actor(res), input(res, adminChannelOrder).ids) });
  });
  router.put('/admin/channels/:id', ...write, validate(idParams, 'params'), validate(channelUpdateBody), async (_req, res) => {
    res.json({ channel: await publishChannel(deps, actor(res), channelId(res), input(res, channelUpdateBody)) });
  });
  router.put('/admin/channels/:id/active', ...write, validate(idParams, 'params'), validate(adminChannelActive), async (_req, res) => {
    res.json({ channel: await setChannelActive(deps, actor(res), channelId(res), input(res, adminChannelActive).active) });
  });
  router.get('/admin/channels/:id/versions', ...read, validate(idParams, 'params'), async (_req, res) => {
    res.json({ versions: await listChannelVersions(store, channelId(res)) });
  });
  router.get('/admin/channels/:id/recipients', ...read, validate(idParams, 'params'), validate(recipientsQuery, 'query'), async (_req, res) => {
    res.json(await previewRecipients(store, channelId(res), input(res, recipientsQuery, 'query').category ?? null, deps.now()));
  });

  router.put('/admin/staff/:id/absence', ...write, validate(idParams, 'params'), validate(absenceRequest), async (_req, res) => {
    res.json({ staff: await setAbsence(deps, actor(res), channelId(res), input(res, absenceRequest)) });
  });

  router.get('/admin/settings', ...read, async (_req, res) => {
    res.json({ settings: (await readInstallationSettings(store.settings, deps.config)).settings, limits: SETTINGS_LIMITS });
  });
  router.put('/admin/settings', ...write, validate(installationSettings), async (_req, res) => {
    res.json({ settings: await updateSettings(deps, actor(res), input(res, installationSettings)) });
  });
  router.get('/admin/settings/history', ...read, async (_req, res) => {
    res.json({ entries: await settingsHistory(store) });
  });

  router.put('/admin/logo', ...write, logoBody, async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    await saveLogo(deps, actor(res), checkLogo(req.get('content-type'), body));
    res.json({ hasLogo: true });
  });
  router.delete('/admin/logo', ...write, async (_req, res) => {
    await deleteLogo(deps, actor(res));
    res.json({ hasLogo: false });
  });

  router.get('/admin/readiness', ...read, async (_req, res) => {
    res.json(await readiness(deps));
  });
  router.post('/admin/readiness/:item/confirm', ...write, validate(readinessParams, 'params'), async (_req, res) => {
    res.json(await confirmReadiness(deps, actor(res), input(res, readinessParams, 'params').item));
  });

  return router;
}

