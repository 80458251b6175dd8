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

/**
 * Noisy counts each case enters per published month of the transparency page (category,
 * status, outcome, acknowledgement and feedback deadlines): each gets Laplace noise of
 * scale NOISY_COUNTS_PER_CASE / epsilon, which the page explains.
 */
export const NOISY_COUNTS_PER_CASE = 5;

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

export interface TransparencyResponse {
  period: { from: string; to: string };
  generatedAt: string;
  epsilon: number;
  k: number;
  licence: string;
  labels: StatLabels;
  received: { byMonth: StatTable; byCategory: StatTable; byStatus: StatTable; byOutcome: StatTable };
  deadlines: { acknowledge: RateTable; feedback: RateTable };
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
