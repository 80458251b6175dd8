/**
 * The final handler: AppErrors become `{error: {id, message}}` with their status;
 * body-parser failures become stable 4xx ids; anything else is a bug, answered with a
 * 500 that carries an error reference and logged once (ids only, never the request).
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError, MalformedJson, PayloadTooLarge, UnsupportedMediaType, NotFound } from '../errors';
import type { Logger } from '../logger';

interface BodyParserError {
  type?: string;
  status?: number;
}

function fromBodyParser(err: unknown): AppError | null {
  const type = (err as BodyParserError | null)?.type;
  if (type === 'entity.parse.failed') return MalformedJson();
  if (type === 'entity.too.large') return PayloadTooLarge();
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return UnsupportedMediaType();
  return null;
}

export function send(res: Response, err: AppError): void {
  const retryAfter = err.details?.retryAfter;
  if (typeof retryAfter === 'number' && !res.hasHeader('Retry-After')) res.setHeader('Retry-After', String(retryAfter));
  res.status(err.status).json({ error: { id: err.id, message: err.message, ...(err.details ? { details: err.details } : {}) } });
}

export function notFoundHandler(_req: Request, res: Response): void {
  send(res, NotFound());
}

export function errorHandler(logger: Logger) {
  // Express recognises error handlers by their four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = err instanceof AppError ? err : fromBodyParser(err);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (known) {
      send(res, known);
      return;
    }
    const errorId = randomBytes(6).toString('hex');
    const errorCode = (err as NodeJS.ErrnoException | null)?.code ?? (err as Error | null)?.name ?? 'unknown';
    logger.error({ reqId: req.reqId, errorId, errorCode: String(errorCode) }, 'unhandled error');
    res.status(500).json({ error: { id: 'internal', message: `Something went wrong on our side. Reference: ${errorId}` } });
  };
}
