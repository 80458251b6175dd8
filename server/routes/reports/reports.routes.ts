/**
 * POST /reports: an anonymous submission. Its body (ciphertext in base64 plus wrapped keys)
 * may exceed the API's default JSON limit, so this route carries its own.
 */
import express, { Router } from 'express';
import { submitReport as submitReportSchema } from '../../../shared/api/report.schema';
import { input, validate } from '../../middleware/validate';
import { submitReport } from '../../services/submit-report.service';
import type { ApiContext } from '../api-context';

/** 512 KiB of report ciphertext, 8 KiB of identity and 200 wrapped keys, in base64, fit with room */
export const REPORT_BODY_LIMIT = '1mb';

export function reportRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.post('/reports', ctx.limiter.limit('submit'), express.json({ limit: REPORT_BODY_LIMIT, strict: true }), validate(submitReportSchema), async (_req, res) => {
    res.status(201).json(await submitReport(ctx, input(res, submitReportSchema)));
  });

  return router;
}
