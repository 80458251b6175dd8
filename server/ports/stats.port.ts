/**
 * Aggregates of the clear case metadata for the ethics committee and the transparency page,
 * and the installation settings they depend on. Part of the store port (store.stats,
 * store.settings); kept in its own file because only the statistics service reads it.
 *
 * Every figure is by creation month (UTC): a period is a whole number of calendar months,
 * so the SQLite adapter can answer from counters kept per month instead of scanning cases.
 * Purged cases keep their metadata and count like any other.
 *
 * Durations (time to acknowledge, time to first feedback) come back as a histogram over the
 * period with fixed buckets, not as lists: an hour wide below 2 days, 6 hours below 14 days,
 * a day below 90 days, a week beyond. A percentile read from it is exact to its bucket
 * (an hour where acknowledgements happen, a day where feedback does), and the histogram
 * stays small whatever the number of cases.
 */
import type { CaseOutcome, CaseStatus, Json } from './store.port';

export type DurationMetric = 'acknowledge' | 'feedback';
export const DURATION_METRICS: readonly DurationMetric[] = ['acknowledge', 'feedback'];

const HOUR_MS = 60 * 60 * 1000;
/** lower edges (hours) where the bucket width changes, and the width from there */
export const BUCKET_STEPS: readonly { from: number; width: number }[] = [
  { from: 0, width: 1 },
  { from: 48, width: 6 },
  { from: 14 * 24, width: 24 },
  { from: 90 * 24, width: 7 * 24 },
];

function stepOf(hours: number): { from: number; width: number } {
  let step = BUCKET_STEPS[0] as { from: number; width: number };
  for (const candidate of BUCKET_STEPS) if (hours >= candidate.from) step = candidate;
  return step;
}

/** The bucket (its lower edge, in hours) a duration falls in; negative durations count as 0. */
export function durationBucketHours(durationMs: number): number {
  const hours = Math.floor(Math.max(0, durationMs) / HOUR_MS);
  const step = stepOf(hours);
  return step.from + Math.floor((hours - step.from) / step.width) * step.width;
}

export function bucketWidthHours(lowerHours: number): number {
  return stepOf(lowerHours).width;
}

/** Upper edges (days) of the age buckets of open cases; the last bucket is open-ended. */
export const OPEN_AGE_BOUNDS_DAYS: readonly number[] = [7, 30, 90, 180, 365];

/** The age bucket (index 0..OPEN_AGE_BOUNDS_DAYS.length) of a case open for `ageMs`. */
export function openAgeBucket(ageMs: number): number {
  const days = ageMs / (24 * HOUR_MS);
  const index = OPEN_AGE_BOUNDS_DAYS.findIndex((bound) => days < bound);
  return index === -1 ? OPEN_AGE_BOUNDS_DAYS.length : index;
}

/** Cases created in [from, to), both UTC month starts, optionally of one channel. */
export interface StatsQuery {
  from: Date;
  to: Date;
  channelId: string | null;
}

/** `month` is `YYYY-MM` (UTC) of the case's creation. */
export interface CaseCountRow {
  month: string;
  channelId: string;
  category: string;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  count: number;
}

/**
 * Answered cases, and whether by their own due date. For feedback the moment is the first
 * message to the reporter, or the closing if that came first (closing tells the reporter the
 * outcome and its reason).
 */
export interface AnsweredRow {
  metric: DurationMetric;
  month: string;
  channelId: string;
  onTime: boolean;
  count: number;
}

/** How long answers took, over the whole period asked for, per channel. */
export interface DurationRow {
  metric: DurationMetric;
  channelId: string;
  /** lower edge of the bucket, hours after creation */
  bucketHours: number;
  count: number;
}

/** Cases not answered yet; `overdue` when their due date is before `now`. */
export interface PendingRow {
  metric: DurationMetric;
  month: string;
  channelId: string;
  overdue: boolean;
  count: number;
}

/** Cases not closed at `now`, by age bucket (see openAgeBucket). */
export interface OpenAgeRow {
  channelId: string;
  bucket: number;
  count: number;
}

export interface StatsRepo {
  counts(query: StatsQuery): Promise<CaseCountRow[]>;
  answered(query: StatsQuery): Promise<AnsweredRow[]>;
  durations(query: StatsQuery): Promise<DurationRow[]>;
  pending(query: StatsQuery, now: Date): Promise<PendingRow[]>;
  openByAge(query: StatsQuery, now: Date): Promise<OpenAgeRow[]>;
}

/** Small installation settings kept in the store (transparency switch, frozen releases). */
export interface SettingsRepo {
  get(key: string): Promise<Json | null>;
  set(key: string, value: Json, at: Date): Promise<void>;
  /** stores `value` unless the key exists; returns what is stored, so concurrent callers all get the first writer's value */
  putIfAbsent(key: string, value: Json, at: Date): Promise<Json>;
}

export function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function isMonthStart(date: Date): boolean {
  return date.getUTCDate() === 1 && date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0;
}
