/**
 * Fills a SQLite store with cases whose metadata looks like a municipality's: three years of
 * reports, growing slowly, over four channels of unequal size; most acknowledged within a
 * few days, a few late or never; old cases closed with the usual spread of outcomes, recent
 * ones still open. Rows go in through one prepared INSERT in large transactions on the
 * store's own file, so the statistics triggers run for every case as they do in production;
 * the ciphertext columns hold a few placeholder bytes, which the statistics never read.
 * A seeded generator makes two runs fill the same store.
 */
import Database from 'better-sqlite3';
import { urgencyAt } from '../../server/adapters/inbox-order';
import type { CaseOutcome, CaseStatus, NewChannelRecord, Store } from '../../server/ports/store.port';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
export const BENCH_STATS_CHANNELS = ['ethics', 'procurement', 'services', 'urbanism'].map((slug, i) => ({ id: `stats-channel-${slug}`, slug, weight: [0.4, 0.3, 0.2, 0.1][i] ?? 0 }));
const CATEGORIES = ['bribery', 'favouritism', 'fraud', 'negligence', 'other'];
const OUTCOMES: [CaseOutcome, number][] = [['substantiated', 0.3], ['not_substantiated', 0.35], ['referred', 0.15], ['inadmissible', 0.2]];

export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  let u = random();
  for (const [value, weight] of weighted) {
    if (u < weight) return value;
    u -= weight;
  }
  return (weighted[weighted.length - 1] as [T, number])[0];
}

/** log-normal delay with the given median, in milliseconds */
function delay(random: () => number, medianMs: number, spread: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return medianMs * Math.exp(spread * normal);
}

export interface CaseRow {
  id: string; channel_id: string; category: string; language: string; status: CaseStatus; outcome: CaseOutcome | null;
  created_at: number; acknowledged_at: number | null; first_feedback_at: number | null; closed_at: number | null;
  ack_due_at: number; feedback_due_at: number; urgency_at: number; receipt_lookup: string;
}

export function caseRow(random: () => number, index: number, now: number, years = 3): CaseRow {
  // u^0.8 puts a little more weight on recent months: reporting grows as the service is known.
  const created = Math.floor(now - years * 365 * DAY * (1 - random() ** 0.8));
  const channel = pick(random, BENCH_STATS_CHANNELS.map((c): [string, number] => [c.id, c.weight]));
  const age = now - created;
  const ackDue = created + 7 * DAY;
  const feedbackDue = created + 90 * DAY;
  let acknowledged: number | null = created + delay(random, 30 * HOUR, 1);
  if (acknowledged > now || random() < 0.005) acknowledged = null;
  let status: CaseStatus = acknowledged === null ? 'received' : 'acknowledged';
  let outcome: CaseOutcome | null = null;
  let closed: number | null = null;
  let feedback: number | null = null;
  if (acknowledged !== null) {
    const closing = acknowledged + delay(random, 45 * DAY, 0.6);
    if (closing < now && random() < Math.min(0.98, age / (150 * DAY))) {
      status = 'closed';
      closed = closing;
      outcome = pick(random, OUTCOMES);
    } else if (random() < 0.6) status = 'investigating';
    const message = acknowledged + delay(random, 20 * DAY, 0.8);
    if (random() < 0.7 && message < now && (closed === null || message < closed)) feedback = message;
  }
  const round = (t: number | null): number | null => (t === null ? null : Math.floor(t));
  return {
    id: `bench-case-${index}`,
    channel_id: channel,
    category: pick(random, CATEGORIES.map((c, i): [string, number] => [c, [0.3, 0.2, 0.2, 0.2, 0.1][i] ?? 0])),
    language: pick(random, [['ar', 0.5], ['fr', 0.4], ['en', 0.1]]),
    status, outcome, created_at: created, acknowledged_at: round(acknowledged), first_feedback_at: round(feedback), closed_at: round(closed),
    ack_due_at: ackDue, feedback_due_at: feedbackDue,
    urgency_at: urgencyAt(status, new Date(ackDue), new Date(feedbackDue)),
    receipt_lookup: index.toString(16).padStart(64, '0'),
  };
}

export async function addBenchChannels(store: Store): Promise<void> {
  for (const [position, channel] of BENCH_STATS_CHANNELS.entries()) {
    const definition = { name: { ar: channel.slug, fr: channel.slug, en: channel.slug }, categories: CATEGORIES.map((id) => ({ id, label: { ar: id, fr: id, en: id } })) };
    const record: NewChannelRecord = { id: channel.id, slug: channel.slug, definition, active: true, position };
    await store.channels.upsert(record);
  }
}

/** Inserts `count` cases in transactions of `batch`; returns the seconds it took. */
export function fillCases(file: string, count: number, now: number, seed = 1, batch = 50_000): number {
  const db = new Database(file);
  const random = seeded(seed);
  const placeholder = Buffer.alloc(32, 7);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare(`INSERT INTO cases (id, channel_id, category, language, status, outcome, created_at, acknowledged_at,
      first_feedback_at, closed_at, ack_due_at, feedback_due_at, urgency_at, receipt_lookup, reporter_public_key, body)
      VALUES (@id, @channel_id, @category, @language, @status, @outcome, @created_at, @acknowledged_at, @first_feedback_at,
      @closed_at, @ack_due_at, @feedback_due_at, @urgency_at, @receipt_lookup, @key, @body)`);
    const write = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i += 1) insert.run({ ...caseRow(random, i, now), key: placeholder, body: placeholder });
    });
    const started = process.hrtime.bigint();
    for (let from = 0; from < count; from += batch) write(from, Math.min(count, from + batch));
    db.pragma('wal_checkpoint(TRUNCATE)');
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    db.close();
  }
}

/** The statistics triggers' share of the write cost: the same inserts with them and without. */
export function triggerCost(fileWith: string, fileWithout: string, count: number, now: number): { withUs: number; withoutUs: number } {
  const db = new Database(fileWithout);
  const triggers = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stats_%'`).all();
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  db.close();
  const withUs = (fillCases(fileWith, count, now, 7) * 1e6) / count;
  const withoutUs = (fillCases(fileWithout, count, now, 7) * 1e6) / count;
  return { withUs, withoutUs };
}
