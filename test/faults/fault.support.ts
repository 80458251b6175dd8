/**
 * Helpers for tests that kill real processes: a Redis database of its own per run (the
 * worker process uses BullMQ's default key prefix, so isolation comes from the database
 * number), and the outbox row's status read from the test's own connection to the file.
 */
import IORedis from 'ioredis';
import { QUEUE_NAME } from '../../server/jobs/job-names';
import { redisUrlForTests } from '../contract/jobs.support';

/**
 * The test Redis, on a database from 1 to 15 (0 is left to anything else). Suites in one jest
 * worker run one after another, so a database per worker is enough: jest's workers share a
 * parent process, and (parent pid + worker id) gives each concurrent worker of a run its own
 * database (up to 15 workers), where a random pick let two concurrent suites share one.
 */
export function isolatedRedisUrl(): string {
  const url = new URL(redisUrlForTests());
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  url.pathname = `/${1 + ((process.ppid + worker) % 15)}`;
  return url.toString();
}

/** Deletes this queue's keys (BullMQ default prefix "bull") from the run's database. */
export async function deleteQueueKeys(url: string): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `bull:${QUEUE_NAME}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}

export const isWorkerReadyLine = (line: string): boolean => line.includes('"msg":"worker ready"');
