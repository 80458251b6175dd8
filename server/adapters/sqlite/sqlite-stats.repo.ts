/**
 * Statistics on SQLite, from the counters the triggers of sqlite-stats.migration.ts keep.
 * Each query reads the counter rows of the period (a few thousand at most); what depends on
 * the moment of the query reads whole days from the counters and, for the one day a
 * boundary falls in (today's due dates, the day each age bound falls on), that day's cases
 * through a partial index. So the cost follows the length of the period, never the number
 * of cases in the store.
 */
import type {
  AnsweredRow, CaseCountRow, DurationMetric, DurationRow, OpenAgeRow, PendingRow, StatsQuery, StatsRepo,
} from '../../ports/stats.port';
import { OPEN_AGE_BOUNDS_DAYS, isMonthStart } from '../../ports/stats.port';
import type { CaseOutcome, CaseStatus } from '../../ports/store.port';
import type { Db } from './sqlite-db';

const DAY_MS = 86_400_000;
const MONTH_SQL = `CAST(strftime('%Y%m', created_at / 1000, 'unixepoch') AS INTEGER)`;
const CHANNEL = '(@channel IS NULL OR channel_id = @channel)';
const MONTHS = 'month >= @from AND month < @to';

interface Range {
  from: number;
  to: number;
  fromMs: number;
  toMs: number;
  channel: string | null;
}

/** 202403 -> '2024-03' */
const monthText = (month: number): string => `${Math.floor(month / 100)}-${String(month % 100).padStart(2, '0')}`;
const monthNumber = (date: Date): number => date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;

function range(query: StatsQuery): Range {
  // A bug in the caller, not a user error: the service rounds periods to months.
  if (!isMonthStart(query.from) || !isMonthStart(query.to)) throw new Error('statistics periods start and end on UTC month starts');
  return { from: monthNumber(query.from), to: monthNumber(query.to), fromMs: query.from.getTime(), toMs: query.to.getTime(), channel: query.channelId };
}

const AGE_SQL = `CASE ${OPEN_AGE_BOUNDS_DAYS.map((days, i) => `WHEN @now - created_at < ${days * DAY_MS} THEN ${i}`).join(' ')} ELSE ${OPEN_AGE_BOUNDS_DAYS.length} END`;
const DUE = { acknowledge: 'ack_due_at', feedback: 'feedback_due_at' } as const;
const UNANSWERED = { acknowledge: 'acknowledged_at IS NULL', feedback: 'first_feedback_at IS NULL AND closed_at IS NULL' } as const;
const DUE_INDEX = { acknowledge: 'cases_unacknowledged_due', feedback: 'cases_no_feedback_due' } as const;

/** today's due dates, case by case: overdue is exact to the millisecond */
const dueToday = (metric: DurationMetric): string =>
  `SELECT '${metric}' AS metric, ${MONTH_SQL} AS month, channel_id, ${DUE[metric]} < @now AS overdue, COUNT(*) AS n
   FROM cases INDEXED BY ${DUE_INDEX[metric]}
   WHERE ${UNANSWERED[metric]} AND ${DUE[metric]} >= @dayStart AND ${DUE[metric]} < @dayStart + ${DAY_MS}
     AND created_at >= @fromMs AND created_at < @toMs AND ${CHANNEL} GROUP BY 2, 3, 4`;

/** The queries, exported so the SQLite test can check each one searches an index. */
export const statsSql = {
  counts: `SELECT month, channel_id, category, status, outcome, n FROM stats_counts WHERE ${MONTHS} AND ${CHANNEL} AND n > 0`,
  answered: `SELECT metric, month, channel_id, on_time, n FROM stats_answers WHERE ${MONTHS} AND ${CHANNEL} AND n > 0`,
  durations: `SELECT metric, channel_id, bucket, SUM(n) AS n FROM stats_durations WHERE ${MONTHS} AND ${CHANNEL}
    GROUP BY metric, channel_id, bucket HAVING SUM(n) > 0`,
  unansweredDays: `SELECT metric, month, channel_id, due_day < @today AS overdue, SUM(n) AS n FROM stats_unanswered
    WHERE ${MONTHS} AND ${CHANNEL} AND due_day <> @today GROUP BY 1, 2, 3, 4 HAVING SUM(n) > 0`,
  acknowledgeDueToday: dueToday('acknowledge'),
  feedbackDueToday: dueToday('feedback'),
  openDays: `SELECT channel_id, day, n FROM stats_open WHERE day >= @fromDay AND day < @toDay AND ${CHANNEL} AND n > 0`,
  openOnDay: `SELECT channel_id, ${AGE_SQL} AS bucket, COUNT(*) AS n FROM cases INDEXED BY cases_open
    WHERE status <> 'closed' AND created_at >= @dayStart AND created_at < @dayStart + ${DAY_MS}
      AND created_at >= @fromMs AND created_at < @toMs AND ${CHANNEL} GROUP BY 1, 2`,
};

interface CountRow { month: number; channel_id: string; category: string; status: string; outcome: string; n: number }
interface AnswerRow { metric: string; month: number; channel_id: string; on_time: number; n: number }
interface BucketRow { metric: string; channel_id: string; bucket: number; n: number }
interface WaitingRow { metric: string; month: number; channel_id: string; overdue: number; n: number }
interface DayRow { channel_id: string; day: number; n: number }
interface AgeRow { channel_id: string; bucket: number; n: number }
type Moment = Range & { now: number; today: number; dayStart: number };

export class SqliteStatsRepo implements StatsRepo {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      counts: db.prepare<Range, CountRow>(statsSql.counts),
      answered: db.prepare<Range, AnswerRow>(statsSql.answered),
      durations: db.prepare<Range, BucketRow>(statsSql.durations),
      unansweredDays: db.prepare<Moment, WaitingRow>(statsSql.unansweredDays),
      acknowledgeDueToday: db.prepare<Moment, WaitingRow>(statsSql.acknowledgeDueToday),
      feedbackDueToday: db.prepare<Moment, WaitingRow>(statsSql.feedbackDueToday),
      openDays: db.prepare<Range & { fromDay: number; toDay: number }, DayRow>(statsSql.openDays),
      openOnDay: db.prepare<Moment, AgeRow>(statsSql.openOnDay),
    };
  }

  async counts(query: StatsQuery): Promise<CaseCountRow[]> {
    // The CHECK constraints on cases guarantee the enumerations these casts name.
    return this.sql.counts.all(range(query)).map((row) => ({
      month: monthText(row.month), channelId: row.channel_id, category: row.category, status: row.status as CaseStatus,
      outcome: row.outcome === '' ? null : (row.outcome as CaseOutcome), count: row.n,
    }));
  }

  async answered(query: StatsQuery): Promise<AnsweredRow[]> {
    return this.sql.answered.all(range(query)).map((row) => ({
      metric: row.metric as DurationMetric, month: monthText(row.month), channelId: row.channel_id, onTime: row.on_time === 1, count: row.n,
    }));
  }

  async durations(query: StatsQuery): Promise<DurationRow[]> {
    return this.sql.durations.all(range(query)).map((row) => ({ metric: row.metric as DurationMetric, channelId: row.channel_id, bucketHours: row.bucket, count: row.n }));
  }

  async pending(query: StatsQuery, now: Date): Promise<PendingRow[]> {
    const today = Math.floor(now.getTime() / DAY_MS);
    const params: Moment = { ...range(query), now: now.getTime(), today, dayStart: today * DAY_MS };
    const rows = [...this.sql.unansweredDays.all(params), ...this.sql.acknowledgeDueToday.all(params), ...this.sql.feedbackDueToday.all(params)];
    // A month and channel can come from both the whole days and today's exact look.
    const merged = new Map<string, PendingRow>();
    for (const row of rows) {
      const key = `${row.metric}|${row.month}|${row.channel_id}|${row.overdue}`;
      const found = merged.get(key);
      if (found) found.count += row.n;
      else merged.set(key, { metric: row.metric as DurationMetric, month: monthText(row.month), channelId: row.channel_id, overdue: row.overdue === 1, count: row.n });
    }
    return [...merged.values()];
  }

  async openByAge(query: StatsQuery, now: Date): Promise<OpenAgeRow[]> {
    const r = range(query);
    // The day each age bound falls on is read case by case; every other day is wholly in one bucket.
    const boundaryDays = OPEN_AGE_BOUNDS_DAYS.map((days) => Math.floor((now.getTime() - days * DAY_MS) / DAY_MS));
    const counts = new Map<string, Map<number, number>>();
    const add = (channel: string, bucket: number, n: number): void => {
      const buckets = counts.get(channel) ?? new Map<number, number>();
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + n);
      counts.set(channel, buckets);
    };
    for (const row of this.sql.openDays.all({ ...r, fromDay: Math.floor(r.fromMs / DAY_MS), toDay: Math.floor(r.toMs / DAY_MS) })) {
      if (boundaryDays.includes(row.day)) continue;
      const bucket = boundaryDays.findIndex((boundary) => row.day > boundary);
      add(row.channel_id, bucket === -1 ? OPEN_AGE_BOUNDS_DAYS.length : bucket, row.n);
    }
    for (const day of new Set(boundaryDays)) {
      for (const row of this.sql.openOnDay.all({ ...r, now: now.getTime(), today: 0, dayStart: day * DAY_MS })) add(row.channel_id, row.bucket, row.n);
    }
    return [...counts].flatMap(([channelId, buckets]) => [...buckets].map(([bucket, count]) => ({ channelId, bucket, count })));
  }
}
