/**
 * The public transparency page and its open data (no sign-in; 404 while switched off), and
 * the administrators' switch for it (audited) and their preview of exactly what it publishes.
 */
import { Router } from 'express';
import { openDataQuery, transparencySettings } from '../../../shared/api/statistics.schema';
import { staffAuth } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { readPolicy } from '../../services/admin/policy';
import { previewTransparency, publicTransparency, type TransparencyDeps } from '../../services/statistics/transparency.service';
import { readTransparency, updateTransparency } from '../../services/statistics/transparency-settings';
import type { ApiContext } from '../api-context';
import type { StaffContext } from '../staff/staff-context';
import { openDataCsv, presentOpenData } from './open-data.presenter';

export function transparencyRoutes(ctx: ApiContext, sc: StaffContext): Router {
  const router = Router();
  // k and the feedback deadline are the administrator's settings, read per request.
  const depsNow = async (): Promise<TransparencyDeps> => {
    const policy = await readPolicy(ctx.store.settings, ctx.config);
    return { store: ctx.store, now: ctx.now, k: policy.statistics.k, feedbackDays: policy.deadlines.feedbackDays };
  };
  const read = ctx.limiter.limit('read');

  router.get('/public/transparency', read, async (_req, res) => {
    res.json(await publicTransparency(await depsNow()));
  });

  router.get('/public/open-data', read, validate(openDataQuery, 'query'), async (_req, res) => {
    const document = presentOpenData(await publicTransparency(await depsNow()));
    if (input(res, openDataQuery, 'query').format === 'json') {
      res.json(document);
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    const span = document.period ? `-${document.period.from}-${document.period.to}` : '';
    res.setHeader('Content-Disposition', `attachment; filename="amana-open-data${span}.csv"`);
    res.send(openDataCsv(document));
  });

  router.get('/admin/transparency', sc.requests, sc.admin, async (_req, res) => {
    res.json(await readTransparency(ctx.store.settings));
  });

  router.get('/admin/transparency/preview', sc.requests, sc.admin, async (_req, res) => {
    res.json(await previewTransparency(await depsNow()));
  });

  router.put('/admin/transparency', sc.requests, sc.csrf, sc.admin, validate(transparencySettings), async (_req, res) => {
    res.json(await updateTransparency({ store: ctx.store, now: ctx.now }, staffAuth(res).staff.id, input(res, transparencySettings)));
  });

  return router;
}
