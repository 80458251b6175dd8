/**
 * Picks the job runner for a process:
 * - API without REDIS_URL: the in-process outbox runner (embedded default);
 * - API with REDIS_URL: the relay, which hands outbox rows to BullMQ and runs nothing;
 * - worker (`npm run worker`): the BullMQ worker, which requires REDIS_URL.
 * Runners that run handlers check the handler map against the job names first.
 */
import type { Config } from '../../config';
import type { Logger } from '../logger';
import type { HandlerMap, JobRunner } from '../ports/jobs.port';
import type { Store } from '../ports/store.port';
import { OutboxRunner } from '../adapters/outbox/outbox.runner';
import { BullMqRelay } from '../adapters/bullmq/bullmq.relay';
import { BullMqWorker } from '../adapters/bullmq/bullmq.worker';
import { checkHandlers } from './handler-check';
import type { JobObserver } from './job-observer';

export interface CreateRunnerOptions {
  config: Config;
  store: Store;
  handlers: HandlerMap;
  logger: Logger;
  role: 'api' | 'worker';
  /** BullMQ key prefix; tests isolate themselves with a unique one */
  prefix?: string;
  observer?: JobObserver;
}

export class WorkerNeedsRedis extends Error {
  constructor() {
    super('Invalid configuration: REDIS_URL is required by `npm run worker` (without Redis, jobs run inside the API process started by `npm start`)');
  }
}

export function createJobRunner(options: CreateRunnerOptions): JobRunner {
  const { config, store, handlers, logger, role, prefix, observer } = options;
  const redisUrl = config.env.REDIS_URL;
  const bull = prefix === undefined ? {} : { prefix };
  const watch = observer === undefined ? {} : { observer };
  if (role === 'worker') {
    if (redisUrl === undefined) throw new WorkerNeedsRedis();
    checkHandlers(handlers, logger);
    return new BullMqWorker({ config, redisUrl, store, handlers, logger, ...bull, ...watch });
  }
  if (redisUrl !== undefined) return new BullMqRelay({ config, redisUrl, store, logger, ...bull });
  checkHandlers(handlers, logger);
  return new OutboxRunner({ config, store, handlers, logger, ...watch });
}
