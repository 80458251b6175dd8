/**
 * The open-data export of the transparency page (docs/OPEN-DATA.md documents it field by
 * field). Tidy form: one record per published figure, so a spreadsheet or a script reads
 * it without knowing the page's layout. The CSV has the same records, one per line.
 */
import type { Localized } from './common.schema';
import type { Cell } from './statistics.schema';

export const OPEN_DATA_SCHEMA_VERSION = '1.0';

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
  /** a count, or a share between 0 and 1 for the *_in_time tables; null unless published */
  value: number | null;
  status: Cell['status'];
}

export interface OpenDataDocument {
  schema_version: typeof OPEN_DATA_SCHEMA_VERSION;
  licence: string;
  /** ISO dates: `from` included, `to` excluded */
  period: { from: string; to: string };
  generated_at: string;
  epsilon: number;
  k: number;
  data: {
    channels: { id: string; name: Localized }[];
    categories: { id: string; label: Localized }[];
    records: OpenDataRecord[];
  };
}

export const OPEN_DATA_CSV_COLUMNS = ['table', 'channel', 'channel_name_ar', 'channel_name_fr', 'channel_name_en', 'column', 'value', 'status'] as const;
