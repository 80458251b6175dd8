/**
 * A Redis database of the benchmark's own. Amana's processes use BullMQ's default key
 * prefix, so isolation from the tests (which pick a database from 1 to 15 per run) comes
 * from choosing a database that is empty now, and removing exactly the keys left behind.
 */
import IORedis from 'ioredis';

export async function reachable(url: string): Promise<boolean> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true, connectTimeout: 2000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** `base` with the highest-numbered database (15 down to 1) that holds no key. */
export async function emptyDatabase(base: string): Promise<string | null> {
  const redis = new IORedis(base, { maxRetriesPerRequest: 1 });
  try {
    for (let db = 15; db >= 1; db--) {
      await redis.select(db);
      if ((await redis.dbsize()) === 0) {
        const url = new URL(base);
        url.pathname = `/${db}`;
        return url.toString();
      }
    }
    return null;
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys of the named BullMQ queues (prefix "bull") in the database of `url`. */
export async function deleteQueues(url: string, queues: string[]): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    for (const queue of queues) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `bull:${queue}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}
