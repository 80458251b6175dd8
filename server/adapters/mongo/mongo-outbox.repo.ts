/**
 * The durable outbox on MongoDB. `claim` leases one job per findOneAndUpdate, which is
 * atomic on its document: two runners (or processes) can never lease the same job, they
 * simply each take the next one. `enqueue` and `markRelayed` touch several documents and run in
 * one transaction each, so a batch is written (or marked) whole or not at all, as on SQLite.
 */
import type { Connection } from 'mongoose';
import type { JobLease, JobRecord, JobStatus, NewJob, OutboxCursor, OutboxRepo } from '../../ports/store.port';
import type { JobDoc, Models } from './mongo-models';
import { toJob } from './mongo-records';
import { writeJobs } from './mongo-writes';

/** Errors are shown to administrators in the dead-letter list; a cap keeps documents small. */
const MAX_ERROR_LENGTH = 2000;
const LEASE_EXHAUSTED = 'lease expired after the last attempt (the runner stopped or crashed)';
const spent = { $expr: { $gte: ['$attempts', '$maxAttempts'] } };
const notSpent = { $expr: { $lt: ['$attempts', '$maxAttempts'] } };

export class MongoOutboxRepo implements OutboxRepo {
  constructor(private readonly connection: Connection, private readonly models: Models) {}

  async enqueue(jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const now = new Date();
    await this.connection.transaction((session) => writeJobs(this.models, jobs, now, session));
  }

  async get(id: string): Promise<JobRecord | null> {
    const doc = await this.models.jobs.findById(id).lean<JobDoc>();
    return doc ? toJob(doc) : null;
  }

  async claim(now: Date, limit: number, leaseMs: number): Promise<JobRecord[]> {
    if (limit <= 0) return [];
    // A job whose runner died during its last attempt would otherwise be leased forever.
    await this.models.jobs.updateMany(
      { status: 'running', lockedUntil: { $lt: now }, ...spent },
      { $set: { status: 'dead', finishedAt: now, lockedUntil: null, lastError: LEASE_EXHAUSTED } },
    );
    const lockedUntil = new Date(now.getTime() + leaseMs);
    const claimed: JobRecord[] = [];
    while (claimed.length < limit) {
      const doc = await this.models.jobs
        .findOneAndUpdate(
          { $or: [{ status: 'pending', runAt: { $lte: now } }, { status: 'running', lockedUntil: { $lt: now }, ...notSpent }] },
          { $set: { status: 'running', lockedUntil }, $inc: { attempts: 1 } },
          { sort: { runAt: 1, _id: 1 }, new: true },
        )
        .lean<JobDoc>();
      if (!doc) break;
      claimed.push(toJob(doc));
    }
    return claimed;
  }

  async renew(id: string, lease: JobLease, lockedUntil: Date): Promise<boolean> {
    // The attempt and the lease end the runner holds both must match: after an expiry and a
    // re-claim the attempt differs, and after a dead job's retry and claim the lease end does.
    // matchedCount, not modifiedCount: renewing to the same end is still holding the lease.
    const result = await this.models.jobs.updateOne(
      { _id: id, status: 'running', attempts: lease.attempts, lockedUntil: lease.lockedUntil },
      { $set: { lockedUntil } },
    );
    return result.matchedCount === 1;
  }

  async complete(id: string, at: Date): Promise<void> {
    // Any state becomes done: work that finished after its lease expired still happened.
    await this.models.jobs.updateOne({ _id: id }, { $set: { status: 'done', finishedAt: at, lockedUntil: null } });
  }

  async fail(id: string, error: string, retryAt: Date): Promise<JobRecord> {
    const isSpent = { $gte: ['$attempts', '$maxAttempts'] };
    // An update pipeline decides between retry and dead on the stored attempts, atomically.
    // $literal: an error message starting with "$" must not be read as a field path.
    const doc = await this.models.jobs
      .findOneAndUpdate(
        { _id: id, status: 'running' },
        [{
          $set: {
            lastError: { $literal: error.slice(0, MAX_ERROR_LENGTH) },
            lockedUntil: null,
            status: { $cond: [isSpent, 'dead', 'pending'] },
            runAt: { $cond: [isSpent, '$runAt', retryAt] },
            finishedAt: { $cond: [isSpent, new Date(), null] },
          },
        }],
        { new: true },
      )
      .lean<JobDoc>();
    if (doc) return toJob(doc);
    // Not running: another runner finished or re-leased it; a stale failure changes nothing.
    const current = await this.get(id);
    if (!current) throw new Error(`outbox job not found: ${id}`);
    return current;
  }

  async unrelayed(limit: number): Promise<JobRecord[]> {
    const docs = await this.models.jobs.find({ status: 'pending', relayedAt: null }).sort({ runAt: 1, _id: 1 }).limit(limit).lean<JobDoc[]>();
    return docs.map(toJob);
  }

  async markRelayed(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.connection.transaction(async (session) => {
      await this.models.jobs.updateMany({ _id: { $in: ids } }, { $set: { relayedAt: at } }, { session });
    });
  }

  async relayedOpen(after: OutboxCursor | null, limit: number): Promise<JobRecord[]> {
    const position = after ? { $or: [{ runAt: { $gt: after.runAt } }, { runAt: after.runAt, _id: { $gt: after.id } }] } : {};
    const docs = await this.models.jobs
      .find({ status: { $in: ['pending', 'running'] }, relayedAt: { $ne: null }, ...position })
      .sort({ runAt: 1, _id: 1 })
      .limit(limit)
      .lean<JobDoc[]>();
    return docs.map(toJob);
  }

  async setStatus(id: string, status: JobStatus, error: string | null, at: Date): Promise<void> {
    const finished = status === 'done' || status === 'dead' ? at : null;
    const set: Partial<JobDoc> = { status, finishedAt: finished, lockedUntil: null };
    if (error !== null) set.lastError = error.slice(0, MAX_ERROR_LENGTH);
    await this.models.jobs.updateOne({ _id: id }, { $set: set });
  }

  async dead(limit: number): Promise<JobRecord[]> {
    const docs = await this.models.jobs.find({ status: 'dead' }).sort({ finishedAt: -1, _id: 1 }).limit(limit).lean<JobDoc[]>();
    return docs.map(toJob);
  }

  async retry(id: string, now: Date): Promise<boolean> {
    const result = await this.models.jobs.updateOne(
      { _id: id, status: 'dead' },
      { $set: { status: 'pending', attempts: 0, runAt: now, lockedUntil: null, finishedAt: null, relayedAt: null } },
    );
    return result.modifiedCount === 1;
  }

  async depth(): Promise<number> {
    return this.models.jobs.countDocuments({ status: { $in: ['pending', 'running'] } });
  }
}
