/**
 * Statistics on SQLite: counts and duration histograms read from the counters the triggers
 * of sqlite-stats.migration.ts keep; what depends on the time of the query read from the
 * partial indexes over unanswered and open cases. Every query is a range over an index
 * whose first column is the month or the creation time, so its cost follows the period
 * asked for and the number of unanswered cases, not the size of the store.
 */
import type {
  CaseCountRow, DurationMetric, DurationRow, OpenAgeRow, PendingRow, StatsQuery, StatsRepo,
} from '../../ports/stats.port';
import { OPEN_AGE_BOUNDS_DAYS, isMonthStart } from '../../ports/stats.port';
import type { CaseOutcome, CaseStatus } from '../../ports/store.port';
import type { Db } from './sqlite-db';

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTH_SQL = `CAST(strftime('%Y%m', created_at / 1000, 'unixepoch') AS INTEGER)`;

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

// The CASE over the age of an open case, from the bounds the port declares.
const AGE_BUCKET_SQL = `CASE ${OPEN_AGE_BOUNDS_DAYS.map((days, i) => `WHEN @now - created_at < ${days * DAY_MS} THEN ${i}`).join(' ')} ELSE ${OPEN_AGE_BOUNDS_DAYS.length} END`;
const CHANNEL = '(@channel IS NULL OR channel_id = @channel)';

/** The queries, exported so the SQLite test can check each one searches an index. */
export const statsSql = {
  counts: `SELECT month, channel_id, category, status, outcome, n FROM stats_counts
         WHERE month >= @from AND month < @to AND ${CHANNEL} AND n > 0`,
  durations: `SELECT metric, month, channel_id, bucket, on_time, n FROM stats_durations
         WHERE month >= @from AND month < @to AND ${CHANNEL} AND n > 0`,
  unacknowledged: `SELECT ${MONTH_SQL} AS month, channel_id, ack_due_at < @now AS overdue, COUNT(*) AS n FROM cases INDEXED BY cases_unacknowledged
         WHERE acknowledged_at IS NULL AND created_at >= @fromMs AND created_at < @toMs AND ${CHANNEL} GROUP BY 1, 2, 3`,
  noFeedback: `SELECT ${MONTH_SQL} AS month, channel_id, feedback_due_at < @now AS overdue, COUNT(*) AS n FROM cases INDEXED BY cases_no_feedback
         WHERE first_feedback_at IS NULL AND closed_at IS NULL AND created_at >= @fromMs AND created_at < @toMs AND ${CHANNEL} GROUP BY 1, 2, 3`,
  open: `SELECT channel_id, ${AGE_BUCKET_SQL} AS bucket, COUNT(*) AS n FROM cases INDEXED BY cases_open
         WHERE status <> 'closed' AND created_at >= @fromMs AND created_at < @toMs AND ${CHANNEL} GROUP BY 1, 2`,
};

export class SqliteStatsRepo implements StatsRepo {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      counts: db.prepare<Range, { month: number; channel_id: string; category: string; status: string; outcome: string; n: number }>(statsSql.counts),
      durations: db.prepare<Range, { metric: string; month: number; channel_id: string; bucket: number; on_time: number; n: number }>(statsSql.durations),
      unacknowledged: db.prepare<Range & { now: number }, { month: number; channel_id: string; overdue: number; n: number }>(statsSql.unacknowledged),
      noFeedback: db.prepare<Range & { now: number }, { month: number; channel_id: string; overdue: number; n: number }>(statsSql.noFeedback),
      open: db.prepare<Range & { now: number }, { channel_id: string; bucket: number; n: number }>(statsSql.open),
    };
  }

  async counts(query: StatsQuery): Promise<CaseCountRow[]> {
    // The CHECK constraints on cases guarantee the enumerations these casts name.
    return this.sql.counts.all(range(query)).map((row) => ({
      month: monthText(row.month),
      channelId: row.channel_id,
      category: row.category,
      status: row.status as CaseStatus,
      outcome: row.outcome === '' ? null : (row.outcome as CaseOutcome),
      count: row.n,
    }));
  }

  async durations(query: StatsQuery): Promise<DurationRow[]> {
    return this.sql.durations.all(range(query)).map((row) => ({
      metric: row.metric as DurationMetric,
      month: monthText(row.month),
      channelId: row.channel_id,
      bucketHours: row.bucket,
      onTime: row.on_time === 1,
      count: row.n,
    }));
  }

  async pending(query: StatsQuery, now: Date): Promise<PendingRow[]> {
    const params = { ...range(query), now: now.getTime() };
    const rows = (metric: DurationMetric, found: { month: number; channel_id: string; overdue: number; n: number }[]): PendingRow[] =>
      found.map((row) => ({ metric, month: monthText(row.month), channelId: row.channel_id, overdue: row.overdue === 1, count: row.n }));
    return [...rows('acknowledge', this.sql.unacknowledged.all(params)), ...rows('feedback', this.sql.noFeedback.all(params))];
  }

  async openByAge(query: StatsQuery, now: Date): Promise<OpenAgeRow[]> {
    return this.sql.open.all({ ...range(query), now: now.getTime() }).map((row) => ({ channelId: row.channel_id, bucket: row.bucket, count: row.n }));
  }
}
