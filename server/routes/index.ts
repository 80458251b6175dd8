/**
 * All API routers, mounted under /api/v1 by app.ts. One folder per API area, each with
 * its routes and zod schemas; every route reads rate limit -> auth -> validate -> service
 * -> presenter.
 */
import type { Router } from 'express';
import { buildContext, type ApiContainer, type ApiOptions } from './api-context';
import { attachmentRoutes } from './attachments/attachments.routes';
import { publicRoutes } from './public/public.routes';
import { reporterRoutes } from './reporter/reporter.routes';
import { reportRoutes } from './reports/reports.routes';

export type { ApiOptions } from './api-context';

export function buildApi(container: ApiContainer, options: ApiOptions = {}): Router[] {
  const ctx = buildContext(container, options);
  return [publicRoutes(ctx), reportRoutes(ctx), attachmentRoutes(ctx), reporterRoutes(ctx)];
}
