import { z } from 'zod';
import { settings } from '../../config';
import { silentLogger, type Logger } from '../logger';
import type { HandlerMap, JobHandler } from '../ports/jobs.port';
import { MAX_BACKOFF_MS, backoffDelay, bullJobId, bullJobOptions, jobId, leaseRenewEveryMs, newJob } from './job-defaults';
import { errorSummary } from './job-error';
import { checkHandlers } from './handler-check';
import { ALL_JOB_NAMES, JOB_NAMES, type JobName } from './job-names';

const config = { jobs: { attempts: 8, backoffMs: 2000, lockMs: 30000, pollMs: 250, reconcileMs: 60000, concurrency: 4 } };

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(config, a))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(config, 12)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(config, 10_000)).toBe(MAX_BACKOFF_MS);
  });

  it('treats attempt 0 or less as the first', () => {
    expect(backoffDelay(config, 0)).toBe(2000);
  });
});

it('renews a lease early enough that one missed renewal does not lose it', () => {
  expect(leaseRenewEveryMs(30000)).toBe(10000);
  expect(leaseRenewEveryMs(5000) * 2).toBeLessThan(5000);
  expect(leaseRenewEveryMs(1)).toBe(1);
});

describe('deterministic job ids', () => {
  it('joins the name and id parts', () => {
    expect(jobId(JOB_NAMES.routeCase, ['c1'])).toBe('case.route:c1');
    expect(jobId(JOB_NAMES.notify, ['c1', 'new-case', 's9'])).toBe('mail.notify:c1:new-case:s9');
  });

  it('refuses parts that would make two events share an id', () => {
    expect(() => jobId(JOB_NAMES.routeCase, [])).toThrow();
    expect(() => jobId(JOB_NAMES.routeCase, [''])).toThrow();
    expect(() => jobId(JOB_NAMES.notify, ['c1:new-case', 's9'])).toThrow();
  });

  it('builds a NewJob with the default attempts and due now unless told', () => {
    const before = Date.now();
    const job = newJob(JOB_NAMES.routeCase, ['c1'], { caseId: 'c1' });
    expect(job).toMatchObject({ id: 'case.route:c1', name: 'case.route', payload: { caseId: 'c1' }, maxAttempts: settings.jobs.attempts });
    expect(job.runAt.getTime()).toBeGreaterThanOrEqual(before);
    const later = new Date(Date.now() + 60_000);
    expect(newJob(JOB_NAMES.deadlineAck, ['c1'], { caseId: 'c1' }, later).runAt).toBe(later);
  });
});

describe('BullMQ job ids and options', () => {
  it('maps outbox ids to colon-free ids, injectively and reversibly', () => {
    const ids = ['mail.notify:c1:new-case:s9', 'mail.notify:c1:new-case%3As9', '12345', 'a b'];
    const mapped = ids.map(bullJobId);
    for (const id of mapped) {
      expect(id).not.toContain(':');
      expect(`${parseInt(id, 10)}`).not.toBe(id);
    }
    expect(new Set(mapped).size).toBe(ids.length);
    expect(mapped.map((m) => decodeURIComponent(m.slice(2)))).toEqual(ids);
  });

  it('carries the row attempts, a delay from runAt and retention of finished jobs', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const job = { ...newJob(JOB_NAMES.routeCase, ['c1'], {}, new Date(now.getTime() + 5000)), maxAttempts: 3, status: 'pending' as const, attempts: 0, lockedUntil: null, lastError: null, relayedAt: null, createdAt: now, finishedAt: null };
    const opts = bullJobOptions(job, now);
    expect(opts).toMatchObject({ jobId: bullJobId(job.id), delay: 5000, attempts: 3 });
    expect(opts.removeOnComplete).toMatchObject({ age: 86400 });
    expect(bullJobOptions({ ...job, runAt: new Date(0) }, now).delay).toBe(0);
  });
});

describe('errorSummary', () => {
  it('names payload fields, never their values', () => {
    const parsed = z.object({ to: z.string().email() }).safeParse({ to: 'not-an-address alice' });
    const summary = errorSummary(parsed.success ? null : parsed.error);
    expect(summary).toMatch(/^invalid payload \(to: /);
    expect(summary).not.toContain('alice');
  });

  it('scrubs addresses and caps the length', () => {
    const summary = errorSummary(new Error(`550 <bob@commune.example> from 10.1.2.3 refused ${'x'.repeat(1000)}`));
    expect(summary).not.toContain('bob@');
    expect(summary).not.toContain('10.1.2.3');
    expect(summary.length).toBeLessThanOrEqual(300);
  });
});

describe('checkHandlers', () => {
  const handler = (name: string): JobHandler => ({ name: name as JobName, run: async () => undefined });
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (fields) => void warnings.push(String(fields.jobName)), child: () => logger };

  it('throws on a handler for an unknown name or under the wrong name', () => {
    expect(() => checkHandlers(new Map([['system.nope' as JobName, handler('system.nope')]]), logger)).toThrow(/unknown job name/);
    expect(() => checkHandlers(new Map([[JOB_NAMES.probe, handler(JOB_NAMES.routeCase)]]), logger)).toThrow(/says it handles/);
  });

  it('warns once for each job name without a handler', () => {
    warnings.length = 0;
    const handlers: HandlerMap = new Map([[JOB_NAMES.probe, handler(JOB_NAMES.probe)]]);
    checkHandlers(handlers, logger);
    expect(warnings.sort()).toEqual(ALL_JOB_NAMES.filter((n) => n !== JOB_NAMES.probe).sort());
  });
});
