/**
 * Statistics as the committee's dashboard, the annual report and the public transparency
 * page receive them. Only aggregates travel: every count, rate and duration is a `Cell`,
 * published or withheld with the reason, never a case or a list of cases.
 */
import { z } from 'zod';
import { lang, type Localized } from './common.schema';

/**
 * `fewer_than_k`: a count of 1..k-1, or a rate or duration computed over fewer than k cases.
 * `suppressed`: hidden so that another withheld cell cannot be worked out from the totals.
 * `none`: a rate or duration with no case to compute it from.
 */
export type Cell = { status: 'published'; value: number } | { status: 'fewer_than_k' } | { status: 'suppressed' } | { status: 'none' };

/** Counts with their totals; rows are channel ids. */
export interface StatTable {
  rows: string[];
  cols: string[];
  cells: Cell[][];
  rowTotals: Cell[];
  colTotals: Cell[];
  total: Cell;
}

/** Shares (0..1) of cases answered in time, among those whose deadline has passed. */
export interface RateTable {
  rows: string[];
  cols: string[];
  cells: Cell[][];
  rowRates: Cell[];
  colRates: Cell[];
  overall: Cell;
}

/** Median and 90th percentile in hours, per channel and overall. */
export interface DurationSummary {
  rows: string[];
  median: Cell[];
  p90: Cell[];
  overallMedian: Cell;
  overallP90: Cell;
}

export interface StatLabels {
  channels: Record<string, Localized>;
  categories: Record<string, Localized>;
}

export const OUTCOME_COLUMNS = ['substantiated', 'not_substantiated', 'referred', 'inadmissible', 'none'] as const;
export const AGE_COLUMNS = ['lt7', '7to30', '30to90', '90to180', '180to365', 'gte365'] as const;
/** Where each case of a year stands; the columns add up to the cases received. */
export const STAGE_COLUMNS = ['received', 'acknowledged', 'investigating', 'substantiated', 'not_substantiated', 'referred', 'inadmissible', 'closed_other'] as const;
export const DEADLINE_COLUMNS = ['met', 'missed', 'pending'] as const;

export interface DashboardResponse {
  period: { from: string; to: string };
  channel: string | null;
  k: number;
  generatedAt: string;
  labels: StatLabels;
  received: { byMonth: StatTable; byCategory: StatTable; byStatus: StatTable; byOutcome: StatTable };
  /** channel x month; a channel's or the whole period's share only when every month's is shown */
  deadlines: { acknowledge: RateTable; feedback: RateTable };
  durations: { acknowledge: DurationSummary; feedback: DurationSummary };
  openByAge: StatTable;
}

export interface AnnualReportResponse {
  year: number;
  k: number;
  generatedAt: string;
  labels: StatLabels;
  summary: {
    received: Cell;
    investigated: Cell;
    referred: Cell;
    acknowledgedInTime: Cell;
    feedbackInTime: Cell;
  };
  stages: StatTable;
  acknowledge: StatTable;
  feedback: StatTable;
  durations: { acknowledge: DurationSummary; feedback: DurationSummary };
}

/**
 * A figure of the public page. `about`: a noisy count (or a share 0..1) and its margin, so
 * that 9 times in 10 the true figure is within `value ± margin`. `small`: a count too small
 * to tell from zero given its margin, shown only as the range 0..upTo (`value` stays in the
 * data so that figures still add up). `too_few`: a share over too few reports to say.
 * `absent`: nothing is published, because the channel did not exist yet in that month.
 */
export type PublicFigure =
  | { status: 'about'; value: number; margin: number }
  | { status: 'small'; value: number; margin: number; upTo: number }
  | { status: 'too_few' }
  | { status: 'absent' };

/**
 * Share of the privacy budget spent on each month's total (the rest goes to the channels'
 * totals and their splits): the admin page states the margin of a monthly total from it.
 */
export const MONTH_TOTAL_BUDGET_SHARE = 0.25;

/** Confidence of the stated margins: the true figure is within the margin this often. */
export const MARGIN_CONFIDENCE = 0.9;

/** Counts with their totals (every total is the sum of its shown cells), or shares; rows are channel ids. */
export interface PublicTable {
  rows: string[];
  cols: string[];
  cells: PublicFigure[][];
  rowTotals: PublicFigure[];
  colTotals: PublicFigure[];
  total: PublicFigure;
}

export interface TransparencyResponse {
  /** the months published, first and last included; null while no month can be published yet */
  period: { from: string; to: string } | null;
  /** the first month that may ever be published: the latest of the installation's, the switch's */
  startMonth: string;
  /** when the first month of `startMonth` becomes final and appears (ISO date), if nothing is published yet */
  firstPublicationOn: string | null;
  generatedAt: string;
  /** privacy protection of the page, as chosen by the administrator */
  protection: PrivacyLevel;
  epsilon: number;
  k: number;
  confidence: number;
  licence: string;
  labels: StatLabels;
  /** channel id -> first month (YYYY-MM) it existed */
  channelSince: Record<string, string>;
  received: { byMonth: PublicTable; byCategory: PublicTable; byStatus: PublicTable; byOutcome: PublicTable };
  deadlines: { acknowledge: PublicTable; feedback: PublicTable };
}

/**
 * The administrator chooses a protection level, not a number: each is a privacy budget
 * (epsilon) per case and published month. Strong blurs most; detailed least.
 */
export const PRIVACY_LEVELS = { strong: 0.5, balanced: 1, detailed: 2 } as const;
export type PrivacyLevel = keyof typeof PRIVACY_LEVELS | 'custom';
export function privacyLevelOf(epsilon: number): PrivacyLevel {
  const found = (Object.keys(PRIVACY_LEVELS) as (keyof typeof PRIVACY_LEVELS)[]).find((level) => PRIVACY_LEVELS[level] === epsilon);
  return found ?? 'custom';
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const dashboardQuery = z.object({
  from: month.optional(),
  to: month.optional(),
  channel: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a channel id').optional(),
}).strict();
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const annualReportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(['json', 'csv']).default('json'),
  lang: lang.default('fr'),
}).strict();
export type AnnualReportQuery = z.infer<typeof annualReportQuery>;

export const openDataQuery = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();
export type OpenDataQuery = z.infer<typeof openDataQuery>;

export const transparencySettings = z.object({
  enabled: z.boolean(),
  /** total privacy loss per case and published month; smaller is more private and noisier */
  epsilon: z.number().min(0.05).max(10),
  licence: z.string().trim().min(1).max(200),
}).strict();
export type TransparencySettings = z.infer<typeof transparencySettings>;

/** The settings as stored and returned: with the date publication was first switched on (set by the server). */
export interface TransparencyState extends TransparencySettings {
  enabledAt: string | null;
}
export const transparencyState = transparencySettings.extend({ enabledAt: z.string().datetime().nullable().default(null) });
