/**
 * Contract: the durable outbox and the idempotency markers. The job runner relies on
 * every line here: a job is enqueued once, leased by one runner at a time, retried with
 * the caller's backoff and parked as dead once its attempts are spent.
 */
import { expectRejection } from '../support/expect-rejection';
import type { Store } from '../../server/ports/store.port';
import { at, newJob } from '../support/factories';

export function outboxContract(store: () => Store): void {
  const now = at();
  const later = (ms: number) => new Date(now.getTime() + ms);

  describe('outbox', () => {
    it('enqueues a job once: the same id again changes nothing', async () => {
      const job = newJob({ runAt: now });
      await store().outbox.enqueue([job]);
      await store().outbox.enqueue([{ ...job, payload: { other: true }, maxAttempts: 9 }]);
      const stored = await store().outbox.get(job.id);
      expect(stored).toMatchObject({ id: job.id, name: job.name, payload: job.payload, maxAttempts: 3, status: 'pending', attempts: 0 });
      expect(stored?.runAt.getTime()).toBe(now.getTime());
      expect(stored?.lockedUntil).toBeNull();
      expect(await store().outbox.depth()).toBe(1);
      expect(await store().outbox.get('no-such-job')).toBeNull();
    });

    it('claims only due jobs, oldest first, up to the limit, and leases them', async () => {
      const jobs = [newJob({ runAt: later(-3000) }), newJob({ runAt: later(-1000) }), newJob({ runAt: later(-2000) }), newJob({ runAt: later(5000) })];
      await store().outbox.enqueue(jobs);
      const first = await store().outbox.claim(now, 2, 10_000);
      expect(first.map((j) => j.id)).toEqual([jobs[0]?.id, jobs[2]?.id]);
      for (const job of first) {
        expect(job.status).toBe('running');
        expect(job.attempts).toBe(1);
        expect(job.lockedUntil?.getTime()).toBe(now.getTime() + 10_000);
      }
      const second = await store().outbox.claim(now, 10, 10_000);
      expect(second.map((j) => j.id)).toEqual([jobs[1]?.id]);
      expect(await store().outbox.claim(now, 10, 10_000)).toEqual([]);
      expect(await store().outbox.claim(now, 0, 10_000)).toEqual([]);
      expect(await store().outbox.depth()).toBe(4);
    });

    it('does not hand out a leased job again until its lease has expired, and counts the attempt', async () => {
      const job = newJob({ runAt: now });
      await store().outbox.enqueue([job]);
      expect(await store().outbox.claim(now, 5, 1000)).toHaveLength(1);
      expect(await store().outbox.claim(later(500), 5, 1000)).toEqual([]);
      expect(await store().outbox.claim(later(1000), 5, 1000)).toEqual([]);
      const retaken = await store().outbox.claim(later(1001), 5, 1000);
      expect(retaken.map((j) => [j.id, j.attempts])).toEqual([[job.id, 2]]);
      expect(retaken[0]?.lockedUntil?.getTime()).toBe(now.getTime() + 2001);
    });

    it('parks a job as dead when its lease expires after its last attempt', async () => {
      const job = newJob({ runAt: now, maxAttempts: 1 });
      await store().outbox.enqueue([job]);
      await store().outbox.claim(now, 5, 1000);
      expect(await store().outbox.claim(later(2000), 5, 1000)).toEqual([]);
      const stored = await store().outbox.get(job.id);
      expect(stored).toMatchObject({ status: 'dead', attempts: 1, lockedUntil: null });
      expect(stored?.lastError).toMatch(/lease/);
      expect((await store().outbox.dead(10)).map((j) => j.id)).toEqual([job.id]);
    });

    it('reschedules a failed attempt at retryAt, then marks the job dead once attempts are spent', async () => {
      const job = newJob({ runAt: now, maxAttempts: 2 });
      await store().outbox.enqueue([job]);
      await store().outbox.claim(now, 1, 1000);
      const failed = await store().outbox.fail(job.id, 'mail server refused', later(4000));
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'mail server refused', lockedUntil: null, finishedAt: null });
      expect(failed.runAt.getTime()).toBe(now.getTime() + 4000);
      expect(await store().outbox.claim(later(3999), 1, 1000)).toEqual([]);
      const again = await store().outbox.claim(later(4000), 1, 1000);
      expect(again.map((j) => j.attempts)).toEqual([2]);
      const dead = await store().outbox.fail(job.id, 'still refused', later(8000));
      expect(dead).toMatchObject({ status: 'dead', attempts: 2, lastError: 'still refused' });
      expect(dead.finishedAt).not.toBeNull();
      expect(await store().outbox.claim(later(60_000), 5, 1000)).toEqual([]);
      expect(await store().outbox.depth()).toBe(0);
      expect((await store().outbox.dead(10)).map((j) => j.id)).toEqual([job.id]);
    });

    it('retries a dead job with fresh attempts, and only a dead one', async () => {
      const job = newJob({ runAt: now, maxAttempts: 1 });
      const pending = newJob({ runAt: later(100_000) });
      await store().outbox.enqueue([job, pending]);
      await store().outbox.claim(now, 1, 1000);
      await store().outbox.fail(job.id, 'boom', later(1000));
      expect(await store().outbox.retry(pending.id, later(10))).toBe(false);
      expect(await store().outbox.retry('no-such-job', later(10))).toBe(false);
      expect(await store().outbox.retry(job.id, later(10))).toBe(true);
      expect(await store().outbox.retry(job.id, later(10))).toBe(false);
      const revived = await store().outbox.get(job.id);
      expect(revived).toMatchObject({ status: 'pending', attempts: 0, finishedAt: null, relayedAt: null });
      expect(revived?.runAt.getTime()).toBe(now.getTime() + 10);
      expect(await store().outbox.dead(10)).toEqual([]);
      expect((await store().outbox.claim(later(10), 5, 1000)).map((j) => [j.id, j.attempts])).toEqual([[job.id, 1]]);
    });

    it('renews a held lease, which keeps other claimers off past the first lease end', async () => {
      const job = newJob({ runAt: now });
      await store().outbox.enqueue([job]);
      const [held] = await store().outbox.claim(now, 1, 1000);
      if (!held?.lockedUntil) throw new Error('claim gave no lease');
      expect(await store().outbox.renew(job.id, { attempts: held.attempts, lockedUntil: held.lockedUntil }, later(5000))).toBe(true);
      expect((await store().outbox.get(job.id))?.lockedUntil?.getTime()).toBe(now.getTime() + 5000);
      expect(await store().outbox.claim(later(4000), 5, 1000)).toEqual([]);
      // The next renewal holds the renewed lease; the old lease end no longer matches.
      expect(await store().outbox.renew(job.id, { attempts: 1, lockedUntil: later(5000) }, later(9000))).toBe(true);
      expect(await store().outbox.renew(job.id, { attempts: 1, lockedUntil: later(5000) }, later(12_000))).toBe(false);
      expect(await store().outbox.get(job.id)).toMatchObject({ status: 'running', attempts: 1 });
      expect((await store().outbox.get(job.id))?.lockedUntil?.getTime()).toBe(now.getTime() + 9000);
      expect(await store().outbox.renew('no-such-job', { attempts: 1, lockedUntil: later(9000) }, later(12_000))).toBe(false);
    });

    it('does not renew a completed or failed job, and leaves it as it is', async () => {
      const done = newJob({ runAt: now });
      const failed = newJob({ runAt: now });
      await store().outbox.enqueue([done, failed]);
      await store().outbox.claim(now, 2, 1000);
      const lease = { attempts: 1, lockedUntil: later(1000) };
      await store().outbox.complete(done.id, later(5));
      await store().outbox.fail(failed.id, 'boom', later(3000));
      expect(await store().outbox.renew(done.id, lease, later(5000))).toBe(false);
      expect(await store().outbox.renew(failed.id, lease, later(5000))).toBe(false);
      expect(await store().outbox.get(done.id)).toMatchObject({ status: 'done', lockedUntil: null });
      expect(await store().outbox.get(failed.id)).toMatchObject({ status: 'pending', lockedUntil: null });
    });

    it('does not renew for a runner whose expired lease another runner re-claimed', async () => {
      const job = newJob({ runAt: now });
      await store().outbox.enqueue([job]);
      const [first] = await store().outbox.claim(now, 1, 1000);
      const [second] = await store().outbox.claim(later(1500), 1, 1000);
      if (!first?.lockedUntil || !second?.lockedUntil) throw new Error('claims gave no lease');
      expect(second.attempts).toBe(2);
      expect(await store().outbox.renew(job.id, { attempts: first.attempts, lockedUntil: first.lockedUntil }, later(9000))).toBe(false);
      expect((await store().outbox.get(job.id))?.lockedUntil?.getTime()).toBe(now.getTime() + 2500);
      expect(await store().outbox.renew(job.id, { attempts: second.attempts, lockedUntil: second.lockedUntil }, later(9000))).toBe(true);
    });

    it('does not renew for a runner whose dead job was retried and claimed again with the same attempt count', async () => {
      const job = newJob({ runAt: now, maxAttempts: 1 });
      await store().outbox.enqueue([job]);
      const [first] = await store().outbox.claim(now, 1, 1000);
      if (!first?.lockedUntil) throw new Error('claim gave no lease');
      // Its lease expires after the last attempt: dead; an operator retries it; another runner takes it.
      await store().outbox.claim(later(2000), 1, 1000);
      expect(await store().outbox.retry(job.id, later(2000))).toBe(true);
      const [again] = await store().outbox.claim(later(3000), 1, 1000);
      expect(again?.attempts).toBe(first.attempts);
      expect(await store().outbox.renew(job.id, { attempts: first.attempts, lockedUntil: first.lockedUntil }, later(9000))).toBe(false);
    });

    it('ignores a stale failure of a job that is no longer running', async () => {
      const job = newJob({ runAt: now });
      await store().outbox.enqueue([job]);
      await store().outbox.claim(now, 1, 1000);
      await store().outbox.complete(job.id, later(5));
      const after = await store().outbox.fail(job.id, 'late', later(1000));
      expect(after).toMatchObject({ status: 'done', lastError: null });
      await expectRejection(store().outbox.fail('no-such-job', 'x', later(1000)));
    });

    it('completes a job: done, finished, off the queue', async () => {
      const job = newJob({ runAt: now });
      await store().outbox.enqueue([job]);
      await store().outbox.claim(now, 1, 1000);
      await store().outbox.complete(job.id, later(20));
      const done = await store().outbox.get(job.id);
      expect(done).toMatchObject({ status: 'done', lockedUntil: null });
      expect(done?.finishedAt?.getTime()).toBe(now.getTime() + 20);
      expect(await store().outbox.depth()).toBe(0);
      expect(await store().outbox.claim(later(100_000), 5, 1000)).toEqual([]);
    });

    it('lists pending jobs not yet relayed, and forgets them once relayed', async () => {
      const a = newJob({ runAt: later(-2) });
      const b = newJob({ runAt: later(-1) });
      const c = newJob({ runAt: later(0) });
      await store().outbox.enqueue([c, a, b]);
      expect((await store().outbox.unrelayed(10)).map((j) => j.id)).toEqual([a.id, b.id, c.id]);
      expect((await store().outbox.unrelayed(2)).map((j) => j.id)).toEqual([a.id, b.id]);
      await store().outbox.markRelayed([a.id, c.id], later(1));
      expect((await store().outbox.unrelayed(10)).map((j) => j.id)).toEqual([b.id]);
      expect((await store().outbox.get(a.id))?.relayedAt?.getTime()).toBe(now.getTime() + 1);
    });

    it('pages through relayed, unfinished jobs in (runAt, id) order, leaving out unrelayed and finished ones', async () => {
      // Two share a runAt: the id breaks the tie, and the cursor must not skip or repeat either.
      const jobs = [newJob({ runAt: later(-5) }), newJob({ runAt: later(-3) }), newJob({ runAt: later(-3) }), newJob({ runAt: later(-1) })];
      const unrelayed = newJob({ runAt: later(-4) });
      const finished = newJob({ runAt: later(-2) });
      await store().outbox.enqueue([...jobs, unrelayed, finished]);
      await store().outbox.markRelayed([...jobs, finished].map((j) => j.id), later(0));
      await store().outbox.setStatus(finished.id, 'done', null, later(1));
      await store().outbox.setStatus(jobs[3]?.id ?? '', 'running', null, later(1));
      const expected = [...jobs].sort((x, y) => x.runAt.getTime() - y.runAt.getTime() || (x.id < y.id ? -1 : 1)).map((j) => j.id);
      expect((await store().outbox.relayedOpen(null, 10)).map((j) => j.id)).toEqual(expected);
      const seen: string[] = [];
      let cursor = null as { runAt: Date; id: string } | null;
      for (;;) {
        const page = await store().outbox.relayedOpen(cursor, 1);
        const last = page[page.length - 1];
        if (!last) break;
        seen.push(...page.map((j) => j.id));
        cursor = { runAt: last.runAt, id: last.id };
      }
      expect(seen).toEqual(expected);
    });

    it('records the final state BullMQ reports', async () => {
      const ok = newJob();
      const bad = newJob();
      await store().outbox.enqueue([ok, bad]);
      await store().outbox.setStatus(ok.id, 'done', null, later(7));
      await store().outbox.setStatus(bad.id, 'dead', 'handler threw', later(8));
      expect(await store().outbox.get(ok.id)).toMatchObject({ status: 'done', lastError: null });
      expect((await store().outbox.get(ok.id))?.finishedAt?.getTime()).toBe(now.getTime() + 7);
      expect(await store().outbox.get(bad.id)).toMatchObject({ status: 'dead', lastError: 'handler threw' });
      expect(await store().outbox.depth()).toBe(0);
    });

    it('never leases one job to two concurrent claimers', async () => {
      const jobs = Array.from({ length: 30 }, (_, i) => newJob({ runAt: later(-i) }));
      await store().outbox.enqueue(jobs);
      const batches = await Promise.all(Array.from({ length: 8 }, () => store().outbox.claim(now, 5, 60_000)));
      const ids = batches.flat().map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(jobs.map((j) => j.id).sort());
    });
  });

  describe('markers', () => {
    it('claims a key exactly once', async () => {
      expect(await store().markers.has('notify:c1:new-case:s1')).toBe(false);
      expect(await store().markers.claim('notify:c1:new-case:s1', now)).toBe(true);
      expect(await store().markers.claim('notify:c1:new-case:s1', later(1))).toBe(false);
      expect(await store().markers.has('notify:c1:new-case:s1')).toBe(true);
      expect(await store().markers.has('notify:c1:new-case:s2')).toBe(false);
    });

    it('deletes markers with a prefix claimed before a date, up to a limit', async () => {
      for (let i = 0; i < 5; i += 1) await store().markers.claim(`pow:old${i}`, later(-10_000 + i));
      await store().markers.claim('pow:fresh', later(0));
      await store().markers.claim('powx:old', later(-10_000));
      await store().markers.claim('pox:old', later(-10_000));
      await store().markers.claim('notify:old', later(-10_000));
      expect(await store().markers.deleteOlderThan('pow:', now, 0)).toBe(0);
      expect(await store().markers.deleteOlderThan('pow:', now, 3)).toBe(3);
      expect(await store().markers.deleteOlderThan('pow:', now, 3)).toBe(2);
      expect(await store().markers.deleteOlderThan('pow:', now, 3)).toBe(0);
      for (let i = 0; i < 5; i += 1) expect(await store().markers.has(`pow:old${i}`)).toBe(false);
      // A marker claimed exactly at `before` is not older than it.
      expect(await store().markers.has('pow:fresh')).toBe(true);
      for (const key of ['powx:old', 'pox:old', 'notify:old']) expect(await store().markers.has(key)).toBe(true);
      // Deleted markers can be claimed again.
      expect(await store().markers.claim('pow:old0', now)).toBe(true);
      await expectRejection(store().markers.deleteOlderThan('', now, 10));
    });

    it('gives true to exactly one of many concurrent claims', async () => {
      const results = await Promise.all(Array.from({ length: 25 }, () => store().markers.claim('sent:once', now)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
