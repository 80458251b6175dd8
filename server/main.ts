/**
 * `npm start`: the API process. Embedded default: SQLite, in-process jobs, mail as files.
 * With REDIS_URL it relays jobs to BullMQ for `npm run worker` processes instead.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests and jobs finish, close the store
 * and Redis, exit 0.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { loadConfigOrExit } from '../config';
import { createLogger } from './logger';
import { buildContainer } from './container';
import { createApp } from './app';
import { clientErrorHandler } from './middleware/error-handler';
import { buildApi } from './routes';
import { seedDefaults } from './services/seed-defaults';
import { announceSetup } from './services/staff/announce-setup';
import { ensureDailySweep } from '../worker/schedule';
import { installationStart } from './services/statistics/installation-start';
import { onShutdown } from './process/on-shutdown';
import { PublicAddress } from './services/public-address';

const SHUTDOWN_GRACE_MS = 10_000;

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.env.LOG_LEVEL);
  const container = await buildContainer(config, logger, 'api');
  await seedDefaults(container);
  // Recorded once, at the first start: the public page publishes nothing from before it.
  await installationStart(container.store.settings, new Date());
  await ensureDailySweep(container.store, new Date());
  const address = new PublicAddress(config.env);
  const app = createApp({
    config,
    logger,
    probes: [
      { name: 'store', ping: () => container.store.ping() },
      { name: 'jobs', ping: () => container.jobs.ping() },
      { name: 'blobs', ping: () => container.blobs.ping() },
    ],
    api: buildApi(container, { address }),
  });
  await container.jobs.start();
  const server = app.listen(config.env.PORT, config.env.HOST);
  const sockets = trackSockets(server);
  server.on('clientError', clientErrorHandler);
  server.on('listening', () => {
    const bound = server.address();
    const port = typeof bound === 'object' && bound ? bound.port : config.env.PORT;
    address.listening(port);
    logger.info({ port, store: container.store.kind, jobs: container.jobs.kind, blobs: container.blobs.kind, mail: container.mailer.kind }, 'amana ready');
    const publicNote = address.explicit ? ` (people open it at ${address.url()})` : '';
    process.stdout.write(`Amana is listening on ${address.listenUrl()}${publicNote}\n`);
    // After listen, so the link carries the port actually bound (PORT=0 included).
    announceSetup({ ...container, address }).catch((err: unknown) => {
      process.stderr.write(`amana could not make the setup link: ${(err as Error).message}\n`);
      process.exit(1);
    });
  });

  onShutdown(logger, 'shutting down', async () => {
    const force = setTimeout(() => sockets.forEach((s) => s.destroy()), SHUTDOWN_GRACE_MS);
    force.unref();
    // close() stops accepting and resolves once in-flight requests have ended.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await container.close();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`amana failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
