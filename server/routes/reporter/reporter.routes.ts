/**
 * The reporter's follow-up: open a session with the login secret derived from the receipt,
 * read the case, answer, download attachment parts. Wrong receipts are counted and slowed;
 * a client past its budget is locked out, and once everyone together is past the global
 * budget each attempt must carry a solved proof of work (rate-limit.ts).
 */
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { openSession, postMessage } from '../../../shared/api/report.schema';
import { ProofOfWorkRequired, ReceiptInvalid } from '../../errors';
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
    const body = input(res, openSession);
    if (await ctx.limiter.receiptsUnderPressure()) {
      // Checked and spent before the receipt is looked up: each guess costs one solved challenge.
      if (!body.pow) throw ProofOfWorkRequired();
      const now = ctx.now();
      await ctx.pow.claim(await ctx.pow.check(body.pow, now), now);
    }
    const session = await openReporterSession(ctx, body.loginSecret);
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
