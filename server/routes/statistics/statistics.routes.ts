/**
 * The ethics committee's statistics (administrators may read them too). Aggregates only:
 * no route here takes or returns a case id, and the case routes refuse these roles.
 */
import { Router } from 'express';
import { annualReportQuery, dashboardQuery } from '../../../shared/api/statistics.schema';
import { requireRole } from '../../middleware/staff-auth';
import { input, validate } from '../../middleware/validate';
import { readPolicy } from '../../services/admin/policy';
import { buildAnnualReport } from '../../services/statistics/annual-report.service';
import { buildDashboard } from '../../services/statistics/dashboard.service';
import type { StatsDeps } from '../../services/statistics/stats-data';
import type { ApiContext } from '../api-context';
import type { StaffContext } from '../staff/staff-context';
import { annualReportCsv } from './annual-report.presenter';

export function statisticsRoutes(ctx: ApiContext, sc: StaffContext): Router {
  const router = Router();
  // k is the administrator's setting, read per request so every process applies a change at once.
  const depsNow = async (): Promise<StatsDeps> => ({ store: ctx.store, k: (await readPolicy(ctx.store.settings, ctx.config)).statistics.k, now: ctx.now });
  const committee = [sc.requests, sc.auth, requireRole('committee', 'admin')];

  router.get('/statistics/dashboard', ...committee, validate(dashboardQuery, 'query'), async (_req, res) => {
    res.json(await buildDashboard(await depsNow(), input(res, dashboardQuery, 'query')));
  });

  router.get('/statistics/annual-report', ...committee, validate(annualReportQuery, 'query'), async (_req, res) => {
    const { year, format, lang } = input(res, annualReportQuery, 'query');
    const report = await buildAnnualReport(await depsNow(), year);
    if (format === 'json') {
      res.json(report);
      return;
    }
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="amana-annual-report-${year}-${lang}.csv"`);
    res.send(annualReportCsv(report, lang));
  });

  return router;
}
