/**
 * The Express application: security headers, request log, body limits, feature routers,
 * the built client, then the 404 and error handlers. Routers are given by the caller so
 * tests can boot the same app against their own stores.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import type { Config } from '../config';
import type { Logger } from './logger';
import { securityHeaders } from './middleware/security-headers';
import { requestLog } from './middleware/request-log';
import { errorHandler, notFoundHandler } from './middleware/error-handler';
import { signInGate } from './middleware/sign-in-gate';
import { staticAssets } from './middleware/static-assets';
import { healthRoutes, type Probe } from './routes/health/health.routes';

export interface AppDeps {
  config: Config;
  logger: Logger;
  probes: Probe[];
  /** mounted under /api/v1 */
  api: Router[];
  /** refuse staff sign-ins before their body while the hash gate is full (default on; off only for a benchmark's peer) */
  signInGate?: boolean;
}

/** method + path of the routes that parse their own JSON body with a larger limit */
const OWN_PARSER = new Set(['POST /reports']);

function serveClient(app: express.Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return;
  // Hashed assets, precompressed and cached forever; index.html must not be, so a release takes effect.
  app.use('/assets', staticAssets(path.join(dist, 'assets')));
  app.use(express.static(dist, { index: false, maxAge: 0 }));
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

export function createApp({ config, logger, probes, api, signInGate: gateSignIns = true }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Off by default: behind N proxies the first untrusted hop is used for rate limits only.
  app.set('trust proxy', config.env.TRUST_PROXY > 0 ? config.env.TRUST_PROXY : false);

  app.use(...securityHeaders(config.env.ONION_URL));
  app.use(requestLog(logger));
  app.use(healthRoutes(probes, logger));
  if (gateSignIns) app.use('/api/v1', signInGate());
  // Routes that accept larger bodies (a whole encrypted report) bring their own parser.
  const json = express.json({ limit: `${config.env.BODY_LIMIT_KB}kb`, strict: true });
  app.use('/api/v1', (req, res, next) => (OWN_PARSER.has(`${req.method} ${req.path}`) ? next() : json(req, res, next)));
  for (const router of api) app.use('/api/v1', router);
  app.use('/api', notFoundHandler);
  serveClient(app, config.paths.clientDist);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
