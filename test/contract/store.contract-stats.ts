/**
 * Contract: statistics aggregates and installation settings. The fixture is small enough to
 * count by hand; each case goes through the updates the officers' workflow makes, so the
 * adapters' counters must follow every change (and keep counting a purged case).
 */
import type { AnsweredRow, CaseCountRow, DurationRow, OpenAgeRow, PendingRow } from '../../server/ports/stats.port';
import type { CaseRecord, Store } from '../../server/ports/store.port';
import { DAY_MS, givenChannel, givenCase } from '../support/factories';

const HOUR_MS = 60 * 60 * 1000;
const from = new Date('2024-01-01T00:00:00Z');
const to = new Date('2024-03-01T00:00:00Z');
const later = new Date('2024-06-01T00:00:00Z');

const byKey = <T>(rows: T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

export function statsContract(store: () => Store): void {
  describe('statistics', () => {
    let a: string;
    let b: string;

    async function created(channelId: string, iso: string, category = 'corruption'): Promise<CaseRecord> {
      return givenCase(store(), { case: { channelId, category, createdAt: new Date(iso) } });
    }
    const after = (c: CaseRecord, ms: number): Date => new Date(c.createdAt.getTime() + ms);

    beforeEach(async () => {
      a = (await givenChannel(store(), { id: 'a-channel-0001' })).id;
      b = (await givenChannel(store(), { id: 'b-channel-0001' })).id;
      // Acknowledged in 30 hours, a first message after 20 days, closed after 40.
      const c1 = await created(a, '2024-01-10T00:00:00Z');
      await store().cases.update(c1.id, { status: 'acknowledged', acknowledgedAt: after(c1, 30 * HOUR_MS) }, null, []);
      await store().cases.update(c1.id, { firstFeedbackAt: after(c1, 20 * DAY_MS) }, null, []);
      await store().cases.update(c1.id, { status: 'investigating' }, null, []);
      await store().cases.update(c1.id, { status: 'closed', outcome: 'substantiated', closedAt: after(c1, 40 * DAY_MS) }, null, []);
      // The last hour of January; acknowledged a day late, no feedback yet.
      const c2 = await created(a, '2024-01-31T23:00:00Z', 'other');
      await store().cases.update(c2.id, { status: 'acknowledged', acknowledgedAt: after(c2, 8 * DAY_MS) }, null, []);
      // Never acknowledged.
      await created(b, '2024-02-01T00:00:00Z');
      // Closed without a message (the closing is the feedback), then purged by retention.
      const c5 = await created(b, '2024-02-15T00:00:00Z');
      await store().cases.update(c5.id, { status: 'acknowledged', acknowledgedAt: after(c5, HOUR_MS) }, null, []);
      await store().cases.update(c5.id, { status: 'closed', outcome: 'referred', closedAt: after(c5, 10 * DAY_MS) }, null, []);
      await store().cases.purge(c5.id, after(c5, 400 * DAY_MS), []);
      // Outside the period by one millisecond.
      await created(a, '2023-12-31T23:59:59.999Z');
    });

    it('counts cases by month, channel, category, status and outcome, following every update', async () => {
      const expected: CaseCountRow[] = [
        { month: '2024-01', channelId: a, category: 'corruption', status: 'closed', outcome: 'substantiated', count: 1 },
        { month: '2024-01', channelId: a, category: 'other', status: 'acknowledged', outcome: null, count: 1 },
        { month: '2024-02', channelId: b, category: 'corruption', status: 'received', outcome: null, count: 1 },
        { month: '2024-02', channelId: b, category: 'corruption', status: 'closed', outcome: 'referred', count: 1 },
      ];
      expect(byKey(await store().stats.counts({ from, to, channelId: null }))).toEqual(byKey(expected));
      expect(byKey(await store().stats.counts({ from, to, channelId: b }))).toEqual(byKey(expected.filter((r) => r.channelId === b)));
      const december = await store().stats.counts({ from: new Date('2023-12-01T00:00:00Z'), to: from, channelId: null });
      expect(december).toEqual([{ month: '2023-12', channelId: a, category: 'corruption', status: 'received', outcome: null, count: 1 }]);
    });

    it('counts answered cases by month, in time or late by their own due date', async () => {
      const expected: AnsweredRow[] = [
        { metric: 'acknowledge', month: '2024-01', channelId: a, onTime: true, count: 1 },
        { metric: 'acknowledge', month: '2024-01', channelId: a, onTime: false, count: 1 },
        { metric: 'acknowledge', month: '2024-02', channelId: b, onTime: true, count: 1 },
        { metric: 'feedback', month: '2024-01', channelId: a, onTime: true, count: 1 },
        { metric: 'feedback', month: '2024-02', channelId: b, onTime: true, count: 1 },
      ];
      expect(byKey(await store().stats.answered({ from, to, channelId: null }))).toEqual(byKey(expected));
      expect(byKey(await store().stats.answered({ from, to, channelId: a }))).toEqual(byKey(expected.filter((r) => r.channelId === a)));
    });

    it('keeps a histogram of the times to acknowledge and to first feedback over the period', async () => {
      const expected: DurationRow[] = [
        { metric: 'acknowledge', channelId: a, bucketHours: 30, count: 1 },
        // 192 hours: in the 6-hour buckets that start at 48 hours.
        { metric: 'acknowledge', channelId: a, bucketHours: 192, count: 1 },
        { metric: 'acknowledge', channelId: b, bucketHours: 1, count: 1 },
        // 20 days: in the day buckets that start at 14 days.
        { metric: 'feedback', channelId: a, bucketHours: 480, count: 1 },
        { metric: 'feedback', channelId: b, bucketHours: 240, count: 1 },
      ];
      expect(byKey(await store().stats.durations({ from, to, channelId: null }))).toEqual(byKey(expected));
      expect(byKey(await store().stats.durations({ from, to, channelId: a }))).toEqual(byKey(expected.filter((r) => r.channelId === a)));
      expect(await store().stats.durations({ from: to, to: later, channelId: null })).toEqual([]);
    });

    it('counts the cases still waiting for an answer, overdue or not at the time asked', async () => {
      const overdue: PendingRow[] = [
        { metric: 'acknowledge', month: '2024-02', channelId: b, overdue: true, count: 1 },
        { metric: 'feedback', month: '2024-01', channelId: a, overdue: true, count: 1 },
        { metric: 'feedback', month: '2024-02', channelId: b, overdue: true, count: 1 },
      ];
      expect(byKey(await store().stats.pending({ from, to, channelId: null }, later))).toEqual(byKey(overdue));
      const early = await store().stats.pending({ from, to, channelId: null }, new Date('2024-02-03T00:00:00Z'));
      expect(byKey(early)).toEqual(byKey(overdue.map((r) => ({ ...r, overdue: false }))));
    });

    it('tells overdue from not yet due to the millisecond on the day the answer is due', async () => {
      // The February case of B was due for acknowledgement at 2024-02-08T00:00:00.000Z.
      const ackOf = async (iso: string) =>
        (await store().stats.pending({ from, to, channelId: b }, new Date(iso))).filter((r) => r.metric === 'acknowledge').map((r) => r.overdue);
      expect(await ackOf('2024-02-07T23:59:59.999Z')).toEqual([false]);
      expect(await ackOf('2024-02-08T00:00:00.000Z')).toEqual([false]);
      expect(await ackOf('2024-02-08T00:00:00.001Z')).toEqual([true]);
      expect(await ackOf('2024-02-08T23:00:00.000Z')).toEqual([true]);
    });

    it('counts open cases by age at the time asked', async () => {
      const expected: OpenAgeRow[] = [{ channelId: a, bucket: 3, count: 1 }, { channelId: b, bucket: 3, count: 1 }];
      expect(byKey(await store().stats.openByAge({ from, to, channelId: null }, later))).toEqual(byKey(expected));
      // Two days after creation the February case is in the first bucket (under 7 days).
      expect(await store().stats.openByAge({ from, to, channelId: b }, new Date('2024-02-03T00:00:00Z'))).toEqual([{ channelId: b, bucket: 0, count: 1 }]);
    });

    it('puts a case in the right age bucket to the millisecond on the day an age bound falls', async () => {
      // A's open January case was created at 2024-01-31T23:00:00.000Z: seven days old one week later.
      const ageOf = async (iso: string) => (await store().stats.openByAge({ from, to, channelId: a }, new Date(iso))).map((r) => r.bucket);
      expect(await ageOf('2024-02-07T22:59:59.999Z')).toEqual([0]);
      expect(await ageOf('2024-02-07T23:00:00.000Z')).toEqual([1]);
      expect(await ageOf('2024-03-01T22:59:59.999Z')).toEqual([1]);
      expect(await ageOf('2024-03-01T23:00:00.000Z')).toEqual([2]);
      expect(await ageOf('2025-02-01T00:00:00.000Z')).toEqual([5]);
    });

    it('refuses a period that does not start and end on month starts', async () => {
      await expect(store().stats.counts({ from: new Date('2024-01-02T00:00:00Z'), to, channelId: null })).rejects.toThrow(/month/);
    });
  });

  describe('settings', () => {
    it('reads null for an unknown key, then the last value set', async () => {
      expect(await store().settings.get('transparency')).toBeNull();
      await store().settings.set('transparency', { enabled: true, epsilon: 1, nested: { list: [1, 'two', null] } }, new Date());
      await store().settings.set('transparency', { enabled: false, epsilon: 0.5 }, new Date());
      expect(await store().settings.get('transparency')).toEqual({ enabled: false, epsilon: 0.5 });
    });

    it('stores a value once when callers race, and every caller gets the first one', async () => {
      const values = Array.from({ length: 8 }, (_, i) => ({ draw: i }));
      const results = await Promise.all(values.map((value) => store().settings.putIfAbsent('release:2024-01', value, new Date())));
      const stored = await store().settings.get('release:2024-01');
      expect(values).toContainEqual(stored);
      for (const result of results) expect(result).toEqual(stored);
      expect(await store().settings.putIfAbsent('release:2024-01', { draw: 99 }, new Date())).toEqual(stored);
    });
  });
}
