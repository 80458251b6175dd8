/**
 * /healthz: the process is alive. /readyz: the store, the job backend and the blob store
 * answer, so a load balancer only sends traffic to an instance that can take a report.
 */
import { Router } from 'express';
import type { Logger } from '../../logger';

export interface Probe {
  name: 'store' | 'jobs' | 'blobs';
  ping(): Promise<void>;
}

const TIMEOUT_MS = 2000;

function withTimeout(p: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export function healthRoutes(probes: Probe[], logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      probes.map(async (probe) => {
        try {
          await withTimeout(probe.ping());
          return [probe.name, 'ok'] as const;
        } catch {
          logger.warn({ [probe.name]: 'down' }, 'readiness probe failed');
          return [probe.name, 'down'] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    const ready = results.every(([, state]) => state === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  return router;
}
