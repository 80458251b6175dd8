/**
 * POST /reports: an anonymous submission. Its body (ciphertext in base64 plus wrapped keys)
 * may exceed the API's default JSON limit, so this route carries its own.
 */
import express, { Router } from 'express';
import { submitReport as submitReportSchema } from '../../../shared/api/report.schema';
import { AppError } from '../../errors';
import { input, validate } from '../../middleware/validate';
import { submitReport } from '../../services/submit-report.service';
import type { ApiContext } from '../api-context';

/** 512 KiB of report ciphertext, 8 KiB of identity and 200 wrapped keys, in base64, fit with room */
export const REPORT_BODY_LIMIT = '1mb';

export function reportRoutes(ctx: ApiContext): Router {
  const router = Router();

  // A receipt collision tells that a login secret is in use, so it counts as a failed receipt
  // attempt, under the same follow-up limits as POST /reporter/session.
  router.post('/reports', ctx.limiter.limit('submit'), ctx.limiter.sessionLockout(), express.json({ limit: REPORT_BODY_LIMIT, strict: true }), validate(submitReportSchema), async (req, res) => {
    try {
      res.status(201).json(await submitReport(ctx, input(res, submitReportSchema)));
    } catch (err) {
      if (err instanceof AppError && err.id === 'receipt_collision') await ctx.limiter.sessionFailed(req);
      throw err;
    }
  });

  return router;
}
