/**
 * The final handler: AppErrors become `{error: {id, message}}` with their status;
 * body-parser failures become stable 4xx ids; anything else is a bug, answered with a
 * 500 that carries an error reference and logged once (ids only, never the request).
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Socket } from 'node:net';
import { AppError, BadEncoding, BadRequest, HeadersTooLarge, MalformedJson, MalformedPath, MethodNotAllowed, NotFound, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import type { Logger } from '../logger';

interface HttpError {
  type?: string;
  status?: number;
  statusCode?: number;
  code?: string;
  expose?: boolean;
}

/**
 * Errors that middleware (body-parser, the router's parameter decoding, express.static) raise
 * for bad input: http-errors with a 4xx status. Each gets a stable id; none is logged as a
 * fault. A 5xx from them stays unknown, since that is ours.
 */
function fromMiddleware(err: unknown): AppError | null {
  if (err === null || typeof err !== 'object') return null;
  const e = err as HttpError;
  if (e.type === 'entity.parse.failed') return MalformedJson();
  if (e.type === 'entity.too.large') return PayloadTooLarge();
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return UnsupportedMediaType();
  const status = e.status ?? e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  // zlib's Z_DATA_ERROR, brotli's ERR__ERROR_FORMAT_*...: a body that is not what its Content-Encoding claims.
  if (typeof e.code === 'string' && /^(Z_|ERR__ERROR|ERR_BROTLI|ERR_ZLIB)/.test(e.code)) return BadEncoding();
  if (err instanceof URIError) return MalformedPath();
  if (status === 404 || status === 403) return NotFound();
  if (status === 405) return MethodNotAllowed();
  if (status === 413) return PayloadTooLarge();
  if (status === 415) return UnsupportedMediaType();
  return new AppError(status === 400 ? BadRequest().id : `http_${status}`, status, BadRequest().message);
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
    const known = err instanceof AppError ? err : fromMiddleware(err);
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

/**
 * Node answers requests it cannot parse (headers over --max-http-header-size, bad framing)
 * before Express sees them, with an empty body. This gives them the same JSON shape and a
 * stable id; nothing is logged, since a malformed request is not our fault.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const error = tooLarge ? HeadersTooLarge() : BadRequest();
  const body = JSON.stringify({ error: { id: error.id, message: error.message } });
  socket.end(
    `HTTP/1.1 ${error.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
