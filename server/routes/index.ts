/**
 * All API routers, mounted under /api/v1 by app.ts. One folder per API area, each with
 * its routes and zod schemas; every route reads rate limit -> auth -> validate -> service
 * -> presenter.
 */
import type { Router } from 'express';
import { staffAuth } from '../middleware/staff-auth';
import { adminRoutes } from './admin/admin.routes';
import { channelVersionRoutes } from './admin/channel-version.routes';
import { adminJobsRoutes } from './admin-jobs/admin-jobs.routes';
import { buildContext, type ApiContainer, type ApiOptions } from './api-context';
import { attachmentRoutes } from './attachments/attachments.routes';
import { publicRoutes } from './public/public.routes';
import { reporterRoutes } from './reporter/reporter.routes';
import { reportRoutes } from './reports/reports.routes';
import { staffApi } from './staff/staff-api';
import { statisticsRoutes } from './statistics/statistics.routes';
import { transparencyRoutes } from './statistics/transparency.routes';
import type { StaffOptions } from './staff/staff-context';

export type { ApiOptions } from './api-context';

export function buildApi(container: ApiContainer, options: ApiOptions = {}, staffOptions: StaffOptions = {}): Router[] {
  const ctx = buildContext(container, options);
  const staff = staffApi(ctx, staffOptions);
  const adminJobs = adminJobsRoutes({ store: ctx.store, jobs: ctx.jobs, actorOf: (res) => staffAuth(res).staff.id, now: ctx.now }, staff.requireAdmin);
  const statistics = [statisticsRoutes(ctx, staff.context), transparencyRoutes(ctx, staff.context)];
  const admin = [adminRoutes(staff.context), channelVersionRoutes(staff.context)];
  return [publicRoutes(ctx), reportRoutes(ctx), attachmentRoutes(ctx), reporterRoutes(ctx), ...staff.routers, adminJobs, ...statistics, ...admin];
}
