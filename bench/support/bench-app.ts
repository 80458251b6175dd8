/**
 * Amana's API in a process of its own for the load benchmarks: the real Express app, routes,
 * validation, proof of work and store, built like server/main.ts but with the rate limits
 * lifted (through buildApi's injectable limits, as the tests do) and with jobs left in the
 * outbox. Talks to the benchmark over IPC: `ready` with the port and the keyed officers,
 * `stats` with the process's memory and event-loop delay since the last `reset`.
 * argv: --data=<dir> --pow=<bits> [--invite=<n>] [--staff-limits=default] [--sign-in-gate=off]; MONGODB_URI in the
 * environment (never on the command line, it may hold a password) selects MongoDB, whose
 * database is dropped at SIGTERM.
 * (--invite: officers invited with activation links, for the sign-in benchmark; staff sign-in
 * limits are lifted like the reporter's unless --staff-limits=default).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildConfig, parseEnv } from '../../config';
import { readProcessEnv } from '../../config/env';
import { createBlobStore } from '../../server/adapters/create-blob-store';
import { createStore } from '../../server/adapters/create-store';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { buildApi } from '../../server/routes';
import { seedDefaults } from '../../server/services/seed-defaults';
import { loadAmanaCrypto } from '../../shared/crypto';
import { INVITE_TTL_MS, issueActivationToken } from '../../server/services/staff/activation-token';
import { BENCH_CHANNEL, liftedRateLimits, liftedStaffLimits, type Invite, type ReadyMessage, type StatsMessage } from './app-protocol';
import { IdleJobs } from './idle-jobs';
import { dropIfMongo } from './mongo-scratch';
import { addStaff } from './staff-builder';

function arg(name: string): string | undefined {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  return flag?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const data = arg('data');
  if (!data) throw new Error('--data=<dir> is required');
  const mongo = readProcessEnv().MONGODB_URI;
  const config = buildConfig(parseEnv({ DATA_DIR: data, POW_DIFFICULTY: arg('pow') ?? '8', LOG_LEVEL: 'info', ...(mongo ? { MONGODB_URI: mongo } : {}) }));
  // Request lines are logged as in production (LOG_LEVEL=info); the benchmark discards them.
  const logger = createLogger(config.env.LOG_LEVEL);
  const store = await createStore(config, logger);
  const blobs = createBlobStore(config, store);
  const jobs = new IdleJobs();
  await seedDefaults({ store, logger });
  const crypto = await loadAmanaCrypto();
  const officers: ReadyMessage['officers'] = [];
  for (const supervisor of [true, false]) {
    const { publicKey } = crypto.x25519Keypair();
    const staff = await addStaff(store, { publicKey, channelId: BENCH_CHANNEL.id, supervisor });
    officers.push({ id: staff.id, publicKey: Buffer.from(publicKey).toString('base64') });
  }
  const invites: Invite[] = [];
  for (let i = 0; i < Number(arg('invite') ?? '0'); i++) {
    const staff = await addStaff(store, { status: 'invited', publicKey: null, channelId: BENCH_CHANNEL.id });
    invites.push({ email: staff.email, token: await issueActivationToken({ store, now: () => new Date() }, staff.id, INVITE_TTL_MS) });
  }
  const staffLimits = arg('staff-limits') === 'default' ? {} : { limits: liftedStaffLimits };
  const api = buildApi({ config, logger, store, blobs, jobs }, { rateLimits: liftedRateLimits }, staffLimits);
  // --sign-in-gate=off: the peer of the sign-in benchmark, refusing only inside the service.
  const app = createApp({ config, logger, probes: [], api, signInGate: arg('sign-in-gate') !== 'off' });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.send?.({ type: 'ready', port, officers, invites } satisfies ReadyMessage);
  });
  process.on('message', (m: { type: string }) => {
    if (m.type === 'reset') loop.reset();
    if (m.type !== 'stats') return;
    const ms = (ns: number): number => ns / 1e6;
    process.send?.({
      type: 'stats',
      rss: process.memoryUsage.rss(),
      heapUsed: process.memoryUsage().heapUsed,
      loopP50Ms: ms(loop.percentile(50)),
      loopP99Ms: ms(loop.percentile(99)),
      loopMaxMs: ms(loop.max),
    } satisfies StatsMessage);
  });
  process.on('SIGTERM', () => {
    server.close(() => {
      void dropIfMongo(store)
        .then(() => Promise.all([blobs.close(), store.close()]))
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench app failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
