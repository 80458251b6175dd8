/**
 * `npm run worker`: a BullMQ worker process. Runs the same handlers as the embedded
 * runner, on the same store, blob and mail adapters as the API (chosen by the same
 * configuration). Needs REDIS_URL; run as many as the load needs.
 * SIGTERM/SIGINT: stop taking jobs, let running ones finish (or hand them back), close
 * Redis, mail, blobs and the store, exit 0.
 */
import type http from 'node:http';
import { loadConfigOrExit } from '../config';
import { createLogger } from '../server/logger';
import { createStore } from '../server/adapters/create-store';
import { createBlobStore } from '../server/adapters/create-blob-store';
import { createMailer } from '../server/adapters/mail/create-mailer';
import { WorkerNeedsRedis, createJobRunner } from '../server/jobs/create-runner';
import { QUEUE_NAME } from '../server/jobs/job-names';
import { onShutdown } from '../server/process/on-shutdown';
import { buildHandlers } from './handlers';
import { createJobMetrics, startMetricsServer } from './metrics.server';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.env.REDIS_URL === undefined) {
    process.stderr.write(`${new WorkerNeedsRedis().message}\n`);
    process.exit(78); // EX_CONFIG, as for any other configuration problem
  }
  const logger = createLogger(config.env.LOG_LEVEL);
  const store = await createStore(config, logger);
  const blobs = createBlobStore(config, store);
  const mailer = createMailer(config);
  const handlers = buildHandlers({ config, store, blobs, mailer, logger });
  const metrics = config.env.METRICS_PORT > 0 ? createJobMetrics(store) : null;
  const runner = createJobRunner({ config, store, handlers, logger, role: 'worker', ...(metrics ? { observer: metrics.observer } : {}) });
  await runner.start();

  let server: http.Server | null = null;
  if (metrics) {
    server = await startMetricsServer({
      port: config.env.METRICS_PORT,
      registry: metrics.registry,
      ready: async () => {
        await store.ping();
        await runner.ping();
      },
      logger,
    });
  }
  logger.info({ jobs: runner.kind, queue: QUEUE_NAME, store: store.kind, blobs: blobs.kind, mail: mailer.kind, count: config.jobs.concurrency }, 'worker ready');

  onShutdown(logger, 'worker shutting down', async () => {
    const metricsServer = server;
    if (metricsServer) await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    await runner.stop();
    await mailer.close();
    await blobs.close();
    await store.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`amana worker failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
