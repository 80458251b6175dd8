/**
 * The peer of the routing benchmark: a BullMQ worker process whose jobs do nothing, with
 * the concurrency Amana's worker has. Sends `done` over IPC once `count` jobs completed.
 * argv: <redis url> <queue> <count> <concurrency>
 */
import { Worker } from 'bullmq';

const [url, queue, countArg, concurrencyArg] = process.argv.slice(2);
if (!url || !queue || !countArg || !concurrencyArg) throw new Error('usage: noop-worker <redis url> <queue> <count> <concurrency>');
const count = Number(countArg);
let completed = 0;

const worker = new Worker(queue, async () => undefined, { connection: { url, maxRetriesPerRequest: null }, concurrency: Number(concurrencyArg) });
worker.on('completed', () => {
  completed += 1;
  if (completed === count) process.send?.({ type: 'done' });
});
void worker.waitUntilReady().then(() => process.send?.({ type: 'ready' }));
process.on('SIGTERM', () => {
  void worker.close().finally(() => process.exit(0));
});
