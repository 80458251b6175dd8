/**
 * Count tables (with totals) and rate tables (with overall rates) have the same layout on
 * screen: rows, columns, a summary per row and per column, and one for the whole table.
 */
import type { Cell, RateTable, StatLabels, StatTable } from '../../../shared/api/statistics.schema';
import type { CellKind, StatsI18n, StatsMessageKey } from './i18n/stats-i18n';

export interface Grid {
  rows: string[];
  cols: string[];
  cells: Cell[][];
  rowSummary: Cell[];
  colSummary: Cell[];
  corner: Cell;
  kind: CellKind;
}

export function countGrid(table: StatTable): Grid {
  return { rows: table.rows, cols: table.cols, cells: table.cells, rowSummary: table.rowTotals, colSummary: table.colTotals, corner: table.total, kind: 'count' };
}

export function rateGrid(table: RateTable): Grid {
  return { rows: table.rows, cols: table.cols, cells: table.cells, rowSummary: table.rowRates, colSummary: table.colRates, corner: table.overall, kind: 'rate' };
}

export type ColumnKind = 'month' | 'category' | 'status' | 'outcome' | 'age' | 'stage' | 'deadline';

const PREFIX: Partial<Record<ColumnKind, string>> = { status: 'stats.status.', outcome: 'stats.outcome.', age: 'stats.age.', stage: 'stats.stage.', deadline: 'stats.deadline.' };

/** The label of a column key; keys come from the server's fixed lists, each with a message. */
export function columnLabel(i18n: StatsI18n, labels: StatLabels, kind: ColumnKind, key: string): string {
  if (kind === 'month') return i18n.month(key);
  if (kind === 'category') return labels.categories[key]?.[i18n.lang] ?? key;
  return i18n.t(`${PREFIX[kind] ?? ''}${key}` as StatsMessageKey);
}

export function channelLabel(i18n: StatsI18n, labels: StatLabels, id: string): string {
  return labels.channels[id]?.[i18n.lang] ?? id;
}

/** published values for a chart; a withheld one is a gap, never drawn as zero */
export function series(cells: Cell[], scale = 1): (number | null)[] {
  return cells.map((cell) => (cell.status === 'published' ? cell.value * scale : null));
}
