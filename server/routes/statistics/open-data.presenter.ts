/**
 * The transparency page as open data (shared/api/open-data.schema.ts, docs/OPEN-DATA.md):
 * every table flattened into records with their margins and ranges, totals marked `_all`.
 */
import {
  ALL, OPEN_DATA_CSV_COLUMNS, OPEN_DATA_SCHEMA_VERSION, type OpenDataDocument, type OpenDataRecord, type OpenDataTable,
} from '../../../shared/api/open-data.schema';
import type { PublicFigure, PublicTable, TransparencyResponse } from '../../../shared/api/statistics.schema';
import { addMonths, parseMonth } from '../../services/statistics/period';
import { csvDocument } from './csv';

function record(table: OpenDataTable, channel: string, column: string, figure: PublicFigure | undefined, share: boolean): OpenDataRecord {
  const f: PublicFigure = figure ?? { status: 'absent' };
  const base = { table, channel, column, status: f.status };
  if (f.status === 'absent' || f.status === 'too_few') return { ...base, value: null, margin: null, low: null, high: null };
  if (f.status === 'small') return { ...base, value: f.value, margin: f.margin, low: 0, high: f.upTo };
  const high = f.value + f.margin;
  return { ...base, value: f.value, margin: f.margin, low: Math.max(0, f.value - f.margin), high: share ? Math.min(1, high) : high };
}

function tableRecords(table: OpenDataTable, t: PublicTable, share = false): OpenDataRecord[] {
  return [
    ...t.rows.flatMap((row, i) => [...t.cols.map((col, j) => record(table, row, col, t.cells[i]?.[j], share)), record(table, row, ALL, t.rowTotals[i], share)]),
    ...t.cols.map((col, j) => record(table, ALL, col, t.colTotals[j], share)),
    record(table, ALL, ALL, t.total, share),
  ];
}

export function presentOpenData(page: TransparencyResponse): OpenDataDocument {
  const { received, deadlines, labels } = page;
  return {
    schema_version: OPEN_DATA_SCHEMA_VERSION,
    licence: page.licence,
    period: page.period && { from: `${page.period.from}-01`, to: addMonths(parseMonth(page.period.to), 1).toISOString().slice(0, 10) },
    start_month: page.startMonth,
    generated_at: page.generatedAt,
    epsilon: page.epsilon,
    k: page.k,
    confidence: page.confidence,
    data: {
      channels: Object.entries(labels.channels).map(([id, name]) => ({ id, name, since: page.channelSince[id] ?? null })),
      categories: Object.entries(labels.categories).map(([id, label]) => ({ id, label })),
      records: [
        ...tableRecords('received_by_month', received.byMonth),
        ...tableRecords('received_by_category', received.byCategory),
        ...tableRecords('received_by_status', received.byStatus),
        ...tableRecords('received_by_outcome', received.byOutcome),
        ...tableRecords('acknowledged_in_time_by_month', deadlines.acknowledge, true),
        ...tableRecords('feedback_in_time_by_month', deadlines.feedback, true),
      ],
    },
  };
}

export function openDataCsv(document: OpenDataDocument): string {
  const names = new Map(document.data.channels.map((c) => [c.id, c.name]));
  return csvDocument([
    [...OPEN_DATA_CSV_COLUMNS],
    ...document.data.records.map((r) => {
      const name = names.get(r.channel);
      return [r.table, r.channel, name?.ar ?? '', name?.fr ?? '', name?.en ?? '', r.column, r.value, r.margin, r.low, r.high, r.status];
    }),
  ]);
}
