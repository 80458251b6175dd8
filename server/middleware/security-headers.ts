/**
 * Helmet with a strict Content-Security-Policy: only our own origin, no inline script or
 * style, no eval; 'wasm-unsafe-eval' is what libsodium's WebAssembly needs. Nothing may be
 * loaded from a third party, because any outside request can deanonymise a reporter.
 * No referrer leaves the site; the API is never cached.
 */
import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function securityHeaders(onionUrl: string | undefined): RequestHandler[] {
  const csp = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'blob:', 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
  });
  const extra = (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (onionUrl) res.setHeader('Onion-Location', `${onionUrl.replace(/\/$/, '')}${req.originalUrl}`);
    if (req.path.startsWith('/api/') || req.path === '/readyz' || req.path === '/healthz') {
      res.setHeader('Cache-Control', 'no-store');
    }
    next();
  };
  return [csp, extra];
}
