/**
 * Contract: the officer inbox. The expected order is computed here independently of the
 * adapters, from the rule in the port: urgency is the earliest open deadline (acknowledge
 * while received, feedback until closed), closed cases last; ties are broken by id.
 */
import type { CaseRecord, CaseStatus, InboxQuery, Store } from '../../server/ports/store.port';
import { DAY_MS, givenChannel, givenStaff, newCaseInput, newKey } from '../support/factories';

const STATUSES: CaseStatus[] = ['received', 'acknowledged', 'investigating', 'closed', 'received'];
const HOUR_MS = 60 * 60 * 1000;

function urgency(c: CaseRecord): number {
  if (c.status === 'closed') return Number.POSITIVE_INFINITY;
  if (c.status === 'received') return Math.min(c.ackDueAt.getTime(), c.feedbackDueAt.getTime());
  return c.feedbackDueAt.getTime();
}
const byId = (a: CaseRecord, b: CaseRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ORDERS: Record<InboxQuery['sort'], (a: CaseRecord, b: CaseRecord) => number> = {
  urgency: (a, b) => urgency(a) - urgency(b) || byId(a, b),
  oldest: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || byId(a, b),
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byId(b, a),
};

export function inboxContract(store: () => Store): void {
  describe('cases: inbox', () => {
    const base = Date.UTC(2031, 0, 1);
    let officer: string;
    let other: string;
    let channels: [string, string];
    let visible: CaseRecord[];

    /** 25 cases, 21 of them keyed to `officer`: statuses in a cycle, creation dates and deadlines with deliberate ties, two channels, two categories. */
    beforeEach(async () => {
      officer = (await givenStaff(store())).id;
      other = (await givenStaff(store())).id;
      channels = [(await givenChannel(store())).id, (await givenChannel(store())).id];
      visible = [];
      for (let i = 0; i < 25; i += 1) {
        const createdAt = new Date(base + (i % 7) * DAY_MS);
        const input = newCaseInput({
          case: {
            channelId: channels[i % 2],
            category: i % 3 === 0 ? 'fraud' : 'corruption',
            status: STATUSES[i % STATUSES.length],
            createdAt,
            // Some acknowledgement deadlines fall after the feedback one: "earliest open" must still hold.
            ackDueAt: new Date(createdAt.getTime() + (i % 4 === 0 ? 120 : 7) * DAY_MS),
            feedbackDueAt: new Date(createdAt.getTime() + 90 * DAY_MS - (i % 5) * HOUR_MS),
          },
          officers: i % 6 === 5 ? [other] : [officer, other],
        });
        const created = await store().cases.create(input);
        if (i % 6 !== 5) visible.push(created);
      }
    });

    async function pageAll(query: Omit<InboxQuery, 'cursor'>): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store().cases.inbox({ ...query, ...(cursor ? { cursor } : {}) });
        pages += 1;
        expect(page.items.length).toBeLessThanOrEqual(query.limit);
        ids.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
        if (pages > 50) throw new Error('the inbox never ends');
      } while (cursor);
      return { ids, pages };
    }

    it.each(['urgency', 'newest', 'oldest'] as const)('pages through %s order without gaps or duplicates', async (sort) => {
      const expected = [...visible].sort(ORDERS[sort]).map((c) => c.id);
      expect(expected).toHaveLength(21);
      const { ids, pages } = await pageAll({ staffId: officer, sort, limit: 10 });
      expect(ids).toEqual(expected);
      expect(new Set(ids).size).toBe(ids.length);
      expect(pages).toBe(3);
    });

    it('puts closed cases last in urgency order', async () => {
      const { ids } = await pageAll({ staffId: officer, sort: 'urgency', limit: 7 });
      const statuses = ids.map((id) => visible.find((c) => c.id === id)?.status);
      const firstClosed = statuses.indexOf('closed');
      expect(firstClosed).toBeGreaterThan(0);
      expect(statuses.slice(firstClosed).every((s) => s === 'closed')).toBe(true);
    });

    it('returns full records and the last page has no cursor', async () => {
      const page = await store().cases.inbox({ staffId: officer, sort: 'oldest', limit: 100 });
      expect(page.nextCursor).toBeNull();
      expect(page.items).toEqual([...visible].sort(ORDERS.oldest));
    });

    it('filters by status, channel and category, and pages through the filtered list', async () => {
      const query = { staffId: officer, sort: 'urgency' as const, statuses: ['received', 'investigating'] as CaseStatus[], channelIds: [channels[0]] };
      const expected = visible
        .filter((c) => query.statuses.includes(c.status) && c.channelId === channels[0])
        .sort(ORDERS.urgency)
        .map((c) => c.id);
      expect(expected.length).toBeGreaterThan(3);
      expect((await pageAll({ ...query, limit: 3 })).ids).toEqual(expected);

      const fraud = visible.filter((c) => c.category === 'fraud').sort(ORDERS.newest).map((c) => c.id);
      expect((await pageAll({ staffId: officer, sort: 'newest', category: 'fraud', limit: 2 })).ids).toEqual(fraud);
      expect((await store().cases.inbox({ staffId: officer, sort: 'newest', statuses: [], limit: 10 })).items).toEqual([]);
      expect((await store().cases.inbox({ staffId: officer, sort: 'newest', channelIds: ['no-such-channel'], limit: 10 })).items).toEqual([]);
    });

    it('shows nothing to a staff member who holds no case key', async () => {
      const stranger = (await givenStaff(store())).id;
      const page = await store().cases.inbox({ staffId: stranger, sort: 'urgency', limit: 50 });
      expect(page).toEqual({ items: [], nextCursor: null });
      expect((await store().cases.inbox({ staffId: 'reporter', sort: 'urgency', limit: 50 })).items).toEqual([]);
    });

    it('counts only case keys: a notes or identity key alone does not open the inbox', async () => {
      const custodian = (await givenStaff(store())).id;
      const target = visible[0];
      if (!target) throw new Error('no case');
      await store().cases.addKeys(target.id, [newKey(custodian, 'identity'), newKey(custodian, 'notes')], {
        id: `grant-${target.id}`, at: new Date(base + DAY_MS), kind: 'grant', actorId: officer, detail: {}, sealed: null, visibleToReporter: false,
      });
      expect((await store().cases.inbox({ staffId: custodian, sort: 'urgency', limit: 50 })).items).toEqual([]);
      await store().cases.addKeys(target.id, [newKey(custodian, 'case')], {
        id: `grant2-${target.id}`, at: new Date(base + 2 * DAY_MS), kind: 'grant', actorId: officer, detail: {}, sealed: null, visibleToReporter: false,
      });
      expect((await store().cases.inbox({ staffId: custodian, sort: 'urgency', limit: 50 })).items.map((c) => c.id)).toEqual([target.id]);
    });

    it('follows a status change: a newly closed case moves to the end of the urgency order', async () => {
      const first = (await store().cases.inbox({ staffId: officer, sort: 'urgency', limit: 1 })).items[0];
      if (!first) throw new Error('empty inbox');
      await store().cases.update(first.id, { status: 'closed', closedAt: new Date(base) }, null, []);
      const { ids } = await pageAll({ staffId: officer, sort: 'urgency', limit: 10 });
      expect(ids).toHaveLength(21);
      expect(ids[0]).not.toBe(first.id);
      expect((await pageAll({ staffId: officer, sort: 'urgency', statuses: ['closed'], limit: 10 })).ids).toContain(first.id);
    });

    it('rejects a cursor that is damaged or belongs to another order', async () => {
      const page = await store().cases.inbox({ staffId: officer, sort: 'newest', limit: 5 });
      expect(page.nextCursor).not.toBeNull();
      const cursor = page.nextCursor ?? '';
      await expect(store().cases.inbox({ staffId: officer, sort: 'oldest', limit: 5, cursor })).rejects.toThrow(/cursor/);
      await expect(store().cases.inbox({ staffId: officer, sort: 'newest', limit: 5, cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
      await expect(store().cases.inbox({ staffId: officer, sort: 'newest', limit: 0 })).rejects.toThrow(/limit/);
    });
  });
}
