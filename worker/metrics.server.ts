/**
 * The worker's internal HTTP endpoint (METRICS_PORT > 0), bound to 127.0.0.1 only: it is
 * for the host's Prometheus and orchestrator, never for the public. It serves
 * /metrics (queue depth, job failures, job durations, by job name only) and /readyz.
 */
import http from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../server/logger';
import type { Store } from '../server/ports/store.port';
import type { JobObserver } from '../server/jobs/job-observer';

export interface JobMetrics {
  registry: Registry;
  observer: JobObserver;
}

export function createJobMetrics(store: Pick<Store, 'outbox'>): JobMetrics {
  const registry = new Registry();
  new Gauge({
    name: 'amana_job_queue_depth',
    help: 'Jobs waiting or running (outbox rows neither done nor dead)',
    registers: [registry],
    // Read at scrape time, so the gauge is never staler than the scrape.
    async collect() {
      this.set(await store.outbox.depth());
    },
  });
  const failures = new Counter({
    name: 'amana_job_failures_total',
    help: 'Failed job attempts, by job name and whether the job will be retried or is dead',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'amana_job_duration_seconds',
    help: 'Time spent in job handlers, by job name and outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers: [registry],
  });
  const observer: JobObserver = {
    attemptFinished(job, outcome, ms) {
      if (outcome !== 'done') failures.inc({ job, outcome });
      duration.observe({ job, outcome }, ms / 1000);
    },
  };
  return { registry, observer };
}

export interface MetricsServerOptions {
  port: number;
  registry: Registry;
  /** throws when the worker cannot do its work (store or Redis unreachable) */
  ready(): Promise<void>;
  logger: Logger;
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed\n');
    if (req.url === '/metrics') {
      opts.registry.metrics().then(
        (text) => send(200, opts.registry.contentType, text),
        () => send(500, 'text/plain', 'metrics unavailable\n'),
      );
      return;
    }
    if (req.url === '/readyz') {
      opts.ready().then(
        () => send(200, 'application/json', '{"status":"ready"}'),
        () => send(503, 'application/json', '{"status":"not_ready"}'),
      );
      return;
    }
    send(404, 'text/plain', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  opts.logger.info({ port: typeof address === 'object' && address ? address.port : opts.port }, 'worker metrics listening on 127.0.0.1');
  return server;
}
