/**
 * The open-data export of the transparency page (docs/OPEN-DATA.md documents it field by
 * field). Tidy form: one record per published figure, so a spreadsheet or a script reads
 * it without knowing the page's layout. The CSV has the same records, one per line.
 */
import type { Localized } from './common.schema';
import type { PublicFigure } from './statistics.schema';

/** 2.0: figures with their margins and ranges, totals that add up, nothing before the start month */
export const OPEN_DATA_SCHEMA_VERSION = '2.0';

/** `_all` in `channel` or `column` marks a total over all channels or all columns. */
export const ALL = '_all';

export const OPEN_DATA_TABLES = [
  'received_by_month', 'received_by_category', 'received_by_status', 'received_by_outcome',
  'acknowledged_in_time_by_month', 'feedback_in_time_by_month',
] as const;
export type OpenDataTable = (typeof OPEN_DATA_TABLES)[number];

export interface OpenDataRecord {
  table: OpenDataTable;
  channel: string;
  column: string;
  /** a count, or a share between 0 and 1 for the *_in_time tables; null when `absent` or `too_few` */
  value: number | null;
  /** the true figure is within value ± margin `confidence` of the time; null when value is */
  margin: number | null;
  /** the range to quote: [max(0, value - margin), value + margin], or [0, upTo] for a `small` count */
  low: number | null;
  high: number | null;
  status: PublicFigure['status'];
}

export interface OpenDataDocument {
  schema_version: typeof OPEN_DATA_SCHEMA_VERSION;
  licence: string;
  /** ISO dates: `from` included, `to` excluded; null while no month is published yet */
  period: { from: string; to: string } | null;
  /** first month (YYYY-MM) that may ever be published */
  start_month: string;
  generated_at: string;
  epsilon: number;
  k: number;
  /** how often the true figure is within the margin (0.9: nine times in ten) */
  confidence: number;
  data: {
    channels: { id: string; name: Localized; since: string | null }[];
    categories: { id: string; label: Localized }[];
    records: OpenDataRecord[];
  };
}

export const OPEN_DATA_CSV_COLUMNS = ['table', 'channel', 'channel_name_ar', 'channel_name_fr', 'channel_name_en', 'column', 'value', 'margin', 'low', 'high', 'status'] as const;
