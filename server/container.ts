/**
 * The composition root: reads the configuration once and picks every adapter
 * (SQLite or MongoDB, outbox or BullMQ, disk or GridFS, files or SMTP). Services receive
 * ports and never learn which adapter runs.
 */
import type { Config } from '../config';
import type { Logger } from './logger';
import type { Store } from './ports/store.port';
import type { BlobStore } from './ports/blob.port';
import type { Mailer } from './ports/mail.port';
import type { JobRunner } from './ports/jobs.port';
import { createStore } from './adapters/create-store';
import { createBlobStore } from './adapters/create-blob-store';
import { createMailer } from './adapters/mail/create-mailer';
import { createJobRunner } from './jobs/create-runner';
import { buildHandlers } from '../worker/handlers';

export interface Container {
  config: Config;
  logger: Logger;
  store: Store;
  blobs: BlobStore;
  mailer: Mailer;
  jobs: JobRunner;
  /** closes everything in reverse order of opening */
  close(): Promise<void>;
}

export async function buildContainer(config: Config, logger: Logger, role: 'api' | 'worker'): Promise<Container> {
  const store = await createStore(config, logger);
  const blobs = await createBlobStore(config, store);
  const mailer = createMailer(config);
  const handlers = buildHandlers({ config, store, blobs, mailer, logger });
  const jobs = createJobRunner({ config, store, handlers, logger, role });
  return {
    config,
    logger,
    store,
    blobs,
    mailer,
    jobs,
    async close() {
      await jobs.stop();
      await mailer.close();
      await blobs.close();
      await store.close();
    },
  };
}
