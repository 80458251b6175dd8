/**
 * Redis connections for BullMQ. Two kinds, because they must behave differently when Redis
 * is away:
 * - the relay's (API process) must fail fast, so an outage leaves rows in the outbox and
 *   never stalls a request or the relay loop: no offline queue, a command timeout;
 * - the worker's blocking connections must wait forever (BullMQ requires
 *   maxRetriesPerRequest: null there), and reconnect on their own.
 */
import IORedis, { type RedisOptions } from 'ioredis';

const COMMAND_TIMEOUT_MS = 5_000;

/** Reconnect with a growing delay, capped, forever: Redis coming back must be noticed. */
const retryStrategy = (times: number): number => Math.min(200 * 2 ** Math.min(times, 6), 10_000);

export function relayConnection(url: string): IORedis {
  const options: RedisOptions = {
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy,
    // After a failed connection ioredis keeps a timer this long when closing (default 2 s),
    // which would hold a stopping process open for nothing.
    disconnectTimeout: 300,
    connectionName: 'amana-relay',
  };
  return new IORedis(url, options);
}

export function workerConnectionOptions(url: string): RedisOptions & { url: string } {
  return { url, maxRetriesPerRequest: null, retryStrategy, connectionName: 'amana-worker' };
}

/** Swallows connection errors: ioredis emits them on every failed reconnect, and an
 *  unhandled 'error' event would crash the process. The outage shows in ping() instead. */
export function quietErrors(client: { on(event: 'error', listener: (err: Error) => void): unknown }): void {
  client.on('error', () => undefined);
}
