/**
 * The reporter's follow-up: open a session with the login secret derived from the receipt,
 * read the case, answer, download attachment parts. Wrong receipts are counted, slowed and,
 * past a budget, locked out (rate-limit.ts).
 */
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { openSession, postMessage } from '../../../shared/api/report.schema';
import { ReceiptInvalid } from '../../errors';
import { reporterAuth, reporterSession } from '../../middleware/reporter-auth';
import { input, validate } from '../../middleware/validate';
import { loadFollowUpCase } from '../../services/follow-up-case.service';
import { openReporterSession } from '../../services/open-reporter-session.service';
import { postReporterMessage } from '../../services/post-reporter-message.service';
import { openReporterAttachmentPart } from '../../services/reporter-attachment.service';
import type { ApiContext } from '../api-context';
import { presentFollowUpCase, presentMessage } from './reporter.presenter';
import { reporterPartParams } from './reporter.schema';

export function reporterRoutes(ctx: ApiContext): Router {
  const router = Router();
  const auth = reporterAuth(ctx.tokens, ctx.now);

  router.post('/reporter/session', ctx.limiter.limit('session'), ctx.limiter.sessionLockout(), validate(openSession), async (req, res) => {
    const session = await openReporterSession(ctx, input(res, openSession).loginSecret);
    if (!session) {
      await ctx.limiter.sessionFailed(req);
      throw ReceiptInvalid();
    }
    res.json(session);
  });

  router.get('/reporter/case', ctx.limiter.limit('reporterRead'), auth, async (_req, res) => {
    res.json(presentFollowUpCase(await loadFollowUpCase(ctx, reporterSession(res))));
  });

  router.post('/reporter/messages', ctx.limiter.limit('reporterWrite'), auth, validate(postMessage), async (_req, res) => {
    res.status(201).json(presentMessage(await postReporterMessage(ctx, reporterSession(res), input(res, postMessage))));
  });

  router.get('/reporter/attachments/:id/parts/:index', ctx.limiter.limit('reporterRead'), auth, validate(reporterPartParams, 'params'), async (_req, res) => {
    const part = await openReporterAttachmentPart(ctx, reporterSession(res), input(res, reporterPartParams, 'params'));
    res.setHeader('Content-Type', 'application/octet-stream');
    await pipeline(part, res);
  });

  return router;
}
