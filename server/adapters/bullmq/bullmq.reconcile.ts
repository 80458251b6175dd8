/**
 * Finds relayed jobs that Redis forgot and hands them to BullMQ again. The outbox is the
 * truth: a row stays "pending" until a handler committed, whatever Redis
 * keeps. A Redis restarted without persistence, a FLUSHDB, a failover to a replica that had
 * not caught up or an eviction under memory pressure drops delayed jobs (the 7-day and
 * 3-month deadlines) while their rows still say "relayed"; nothing else would ever run them.
 *
 * One sweep pages through every relayed, unfinished row in (runAt, id) order and asks Redis,
 * in one pipeline per page, whether each job's hash still exists. A missing job is added
 * again under its deterministic id (so a job that is in fact still queued is not duplicated:
 * BullMQ ignores an add whose id exists), but not at once: the BullMQ worker does not write
 * "running" to the outbox (the row stays "pending" while its handler runs), so a missing job
 * may be one a live worker is finishing right now (a live worker's job runs well within its
 * lock). It is re-added only once it has been seen missing, on the same attempt, for longer
 * than a job lock: then no worker holds it any more, and it cannot run twice at a time.
 * Lost jobs thus come back on the first sweep more than lockMs after the loss (two sweeps
 * with the default reconcileMs of 60 s and lock of 30 s).
 */
import type { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import type { Logger } from '../../logger';
import type { JobRecord, OutboxCursor, Store } from '../../ports/store.port';
import { bullJobId, bullJobOptions } from '../../jobs/job-defaults';

const PAGE = 500;

export interface ReconcileResult {
  checked: number;
  readded: number;
}

export class BullMqReconciler {
  /** rows found missing: id -> the attempt and when it was first seen missing */
  private suspects = new Map<string, { attempts: number; since: number }>();

  constructor(
    private readonly deps: { store: Pick<Store, 'outbox'>; queue: Queue; redis: IORedis; logger: Logger; lockMs: number },
  ) {}

  /** One full sweep. Rejects when Redis or the store fails; the next sweep starts over. */
  async sweep(): Promise<ReconcileResult> {
    const result: ReconcileResult = { checked: 0, readded: 0 };
    const nextSuspects = new Map<string, { attempts: number; since: number }>();
    const now = Date.now();
    let cursor: OutboxCursor | null = null;
    for (;;) {
      const rows = await this.deps.store.outbox.relayedOpen(cursor, PAGE);
      if (rows.length === 0) break;
      const missing = await this.missingFromRedis(rows);
      const readd: JobRecord[] = [];
      for (const row of missing) {
        const seen = this.suspects.get(row.id);
        const since = seen && seen.attempts === row.attempts ? seen.since : now;
        if (now - since > this.deps.lockMs) readd.push(row);
        else nextSuspects.set(row.id, { attempts: row.attempts, since });
      }
      if (readd.length > 0) await this.readd(readd);
      result.checked += rows.length;
      result.readded += readd.length;
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      cursor = { runAt: last.runAt, id: last.id };
    }
    this.suspects = nextSuspects;
    if (result.readded > 0) {
      this.deps.logger.warn({ jobs: 'bullmq', count: result.readded }, 'Redis had lost relayed jobs: added them again from the outbox');
    }
    return result;
  }

  private async missingFromRedis(rows: readonly JobRecord[]): Promise<JobRecord[]> {
    const pipeline = this.deps.redis.pipeline();
    for (const row of rows) pipeline.exists(this.deps.queue.toKey(bullJobId(row.id)));
    const answers = (await pipeline.exec()) ?? [];
    if (answers.length !== rows.length) throw new Error('Redis answered a partial pipeline');
    return rows.filter((_, i) => {
      const [err, exists] = answers[i] ?? [new Error('no answer'), null];
      if (err) throw err;
      return exists === 0;
    });
  }

  private async readd(rows: readonly JobRecord[]): Promise<void> {
    const now = new Date();
    // Goes back as pending work (also a "running" row an older worker left): the worker re-reads the row and runs it.
    await this.deps.queue.addBulk(rows.map((row) => ({ name: row.name, data: { id: row.id }, opts: bullJobOptions(row, now) })));
  }
}
