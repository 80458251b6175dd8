/**
 * When MONGODB_URI is set: the commands the MongoDB store really sends for the officer inbox
 * (every sort, first and next page), the outbox claim and its other sorted reads, and every
 * statistics aggregation are captured through the driver's command monitoring, explained
 * (queryPlanner) and must walk an index: an IXSCAN in the winning plan, no COLLSCAN.
 * Declared by store.mongo.test.ts, which prints the skip note without MONGODB_URI.
 */
import type { CommandStartedEvent, Document } from 'mongodb';
import type { MongoStore } from '../../server/adapters/mongo/mongo.store';
import { at, givenCase, givenStaff, newJob } from '../support/factories';
import { freshMongoStore } from './mongo.support';

const READS = new Set(['find', 'aggregate', 'findAndModify', 'update', 'count']);
// Session and cluster fields of a sent command that an explain must not carry.
const NOT_EXPLAINED = new Set(['lsid', 'txnNumber', 'autocommit', 'startTransaction', 'readConcern', 'writeConcern', '$db', '$clusterTime', '$readPreference', 'cursor']);

/** every `stage` of the winning plan, at any depth (classic and slot-based plans, aggregate's $cursor) */
function stages(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => stages(n, found));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'rejectedPlans') continue;
      if (key === 'stage' && typeof value === 'string') found.push(value);
      else stages(value, found);
    }
  }
  return found;
}

export function describeMongoQueryPlans(uri: string): void {
  describe('MongoDB query plans', () => {
    let store: MongoStore;
    let sent: CommandStartedEvent[] = [];

    beforeAll(async () => {
      store = await freshMongoStore(uri, 'explain_test', { monitorCommands: 'true' });
      store.connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
        if (READS.has(event.commandName)) sent.push(event);
      });
    });
    afterAll(async () => {
      await store.connection.dropDatabase();
      await store.close();
    });

    /** runs `work`, then explains each captured command on `collection` and returns the plans' stages */
    async function plansOf(collection: string, work: () => Promise<unknown>): Promise<Array<{ command: string; stages: string[] }>> {
      sent = [];
      await work();
      const db = store.connection.db;
      if (!db) throw new Error('not connected');
      const captured = sent.filter((e) => e.command[e.commandName] === collection);
      expect(captured.length).toBeGreaterThan(0);
      const plans = [];
      for (const event of captured) {
        const command: Document = Object.fromEntries(Object.entries(event.command).filter(([key]) => !NOT_EXPLAINED.has(key)));
        if (event.commandName === 'aggregate') command.cursor = {};
        const explained = await db.command({ explain: command, verbosity: 'queryPlanner' });
        plans.push({ command: JSON.stringify(command).slice(0, 300), stages: stages(explained.queryPlanner ?? explained) });
      }
      return plans;
    }

    const expectIndexed = (plans: Array<{ command: string; stages: string[] }>): void => {
      for (const plan of plans) {
        expect({ command: plan.command, collscan: plan.stages.includes('COLLSCAN') }).toEqual({ command: plan.command, collscan: false });
        expect({ command: plan.command, ixscan: plan.stages.some((s) => /IXSCAN|IDHACK|EXPRESS/.test(s)) }).toEqual({ command: plan.command, ixscan: true });
      }
    };

    it('reads the officer inbox through an index, for every sort and the next page', async () => {
      const officer = await givenStaff(store);
      for (let i = 0; i < 30; i += 1) await givenCase(store, { officers: [officer.id] });
      for (const sort of ['urgency', 'newest', 'oldest'] as const) {
        expectIndexed(await plansOf('cases', async () => {
          const first = await store.cases.inbox({ staffId: officer.id, sort, limit: 5 });
          if (!first.nextCursor) throw new Error('expected a second page');
          await store.cases.inbox({ staffId: officer.id, sort, limit: 5, cursor: first.nextCursor });
          await store.cases.inbox({ staffId: officer.id, sort, limit: 5, statuses: ['received'] });
        }));
      }
    });

    it('claims, lists and sweeps outbox jobs through an index', async () => {
      await store.outbox.enqueue(Array.from({ length: 30 }, (_, i) => newJob({ runAt: at(-60_000 + i) })));
      expectIndexed(await plansOf('jobs', () => store.outbox.claim(new Date(), 3, 60_000)));
      expectIndexed(await plansOf('jobs', async () => {
        await store.outbox.unrelayed(10);
        await store.outbox.relayedOpen(null, 10);
        await store.outbox.dead(10);
      }));
      expectIndexed(await plansOf('cases', () => store.cases.closedBefore(new Date(), 10)));
    });

    it('computes every statistic through an index', async () => {
      const query = { from: at(-400 * 86_400_000), to: at(86_400_000), channelId: null };
      const now = new Date();
      expectIndexed(await plansOf('cases', async () => {
        await store.stats.counts(query);
        await store.stats.answered(query);
        await store.stats.durations(query);
        await store.stats.pending(query, now);
        await store.stats.openByAge(query, now);
      }));
    });
  });
}
