/**
 * Encrypted attachment uploads, before the report exists: announce, send parts, resume.
 * A part's body is raw ciphertext (application/octet-stream) streamed to the blob store;
 * the JSON parser never sees it.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { createAttachment as createAttachmentSchema } from '../../../shared/api/report.schema';
import { LengthRequired, UnsupportedMediaType } from '../../errors';
import { input, validate } from '../../middleware/validate';
import { attachmentState, createAttachment, uploadPart } from '../../services/attachment-upload.service';
import type { ApiContext } from '../api-context';
import { attachmentParams, partParams } from './attachments.schema';

/** Parts must say their length up front, so an oversized one is refused before a byte is read. */
function rawPart(req: Request, res: Response, next: NextFunction): void {
  if (!req.is('application/octet-stream')) return next(UnsupportedMediaType());
  const length = req.get('content-length');
  if (length === undefined || !/^\d{1,15}$/.test(length)) return next(LengthRequired());
  res.locals.length = Number(length);
  next();
}

export function attachmentRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.post('/attachments', ctx.limiter.limit('attachmentCreate'), validate(createAttachmentSchema), async (req, res) => {
    const budget = { reserve: (bytes: number) => ctx.limiter.reserveUploadBytes(req, res, bytes) };
    res.status(201).json(await createAttachment(ctx, input(res, createAttachmentSchema), budget));
  });

  router.get('/attachments/:id', ctx.limiter.limit('read'), validate(attachmentParams, 'params'), async (_req, res) => {
    res.json(await attachmentState(ctx, input(res, attachmentParams, 'params').id));
  });

  router.put('/attachments/:id/parts/:index', ctx.limiter.limit('attachmentUpload'), validate(partParams, 'params'), rawPart, async (req, res) => {
    const { id, index } = input(res, partParams, 'params');
    res.json(await uploadPart(ctx, { id, index, length: res.locals.length as number, body: req }));
  });

  return router;
}
