/**
 * One log line per request with ids and timings only. The route is the matched pattern
 * (e.g. /api/v1/cases/:id), never the raw URL, so tokens and ids in paths stay out of the
 * log; no address, user agent, header or body is ever read here.
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';

declare module 'express-serve-static-core' {
  interface Request {
    reqId: string;
  }
}

export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    req.reqId = randomBytes(6).toString('hex');
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.baseUrl || 'unmatched';
      const level = res.statusCode >= 500 ? 'error' : 'info';
      logger[level]({ reqId: req.reqId, method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
