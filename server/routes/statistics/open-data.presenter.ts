/**
 * The transparency page as open data (shared/api/open-data.schema.ts, docs/OPEN-DATA.md):
 * every table flattened into records, totals marked `_all`.
 */
import {
  ALL, OPEN_DATA_CSV_COLUMNS, OPEN_DATA_SCHEMA_VERSION, type OpenDataDocument, type OpenDataRecord, type OpenDataTable,
} from '../../../shared/api/open-data.schema';
import type { Cell, RateTable, StatTable, TransparencyResponse } from '../../../shared/api/statistics.schema';
import { addMonths, parseMonth } from '../../services/statistics/period';
import { csvDocument } from './csv';

const record = (table: OpenDataTable, channel: string, column: string, cell: Cell | undefined): OpenDataRecord => {
  const c: Cell = cell ?? { status: 'suppressed' };
  return { table, channel, column, value: c.status === 'published' ? c.value : null, status: c.status };
};

function countRecords(table: OpenDataTable, t: StatTable): OpenDataRecord[] {
  return [
    ...t.rows.flatMap((row, i) => [...t.cols.map((col, j) => record(table, row, col, t.cells[i]?.[j])), record(table, row, ALL, t.rowTotals[i])]),
    ...t.cols.map((col, j) => record(table, ALL, col, t.colTotals[j])),
    record(table, ALL, ALL, t.total),
  ];
}

function rateRecords(table: OpenDataTable, t: RateTable): OpenDataRecord[] {
  return [
    ...t.rows.flatMap((row, i) => [...t.cols.map((col, j) => record(table, row, col, t.cells[i]?.[j])), record(table, row, ALL, t.rowRates[i])]),
    ...t.cols.map((col, j) => record(table, ALL, col, t.colRates[j])),
    record(table, ALL, ALL, t.overall),
  ];
}

export function presentOpenData(page: TransparencyResponse): OpenDataDocument {
  const { received, deadlines, labels } = page;
  return {
    schema_version: OPEN_DATA_SCHEMA_VERSION,
    licence: page.licence,
    period: { from: `${page.period.from}-01`, to: addMonths(parseMonth(page.period.to), 1).toISOString().slice(0, 10) },
    generated_at: page.generatedAt,
    epsilon: page.epsilon,
    k: page.k,
    data: {
      channels: Object.entries(labels.channels).map(([id, name]) => ({ id, name })),
      categories: Object.entries(labels.categories).map(([id, label]) => ({ id, label })),
      records: [
        ...countRecords('received_by_month', received.byMonth),
        ...countRecords('received_by_category', received.byCategory),
        ...countRecords('received_by_status', received.byStatus),
        ...countRecords('received_by_outcome', received.byOutcome),
        ...rateRecords('acknowledged_in_time_by_month', deadlines.acknowledge),
        ...rateRecords('feedback_in_time_by_month', deadlines.feedback),
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
      return [r.table, r.channel, name?.ar ?? '', name?.fr ?? '', name?.en ?? '', r.column, r.value, r.status];
    }),
  ]);
}
