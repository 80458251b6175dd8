/**
 * From aggregate rows to released tables: tabulating counts, rates and durations.
 */
import type { Cell, DurationSummary, RateTable, StatTable } from '../../../shared/api/statistics.schema';
import { histogramSize, percentileHours, type Histogram } from './percentile';
import type { CountTable } from './suppress';

export interface Entry {
  row: string;
  col: string;
  count: number;
}

/** Counts in a rows x cols grid; entries outside it (another channel) are not counted. */
export function tabulate(rows: string[], cols: string[], entries: Iterable<Entry>): CountTable {
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(cols.map((c, j) => [c, j]));
  const cells = rows.map(() => cols.map(() => 0));
  for (const { row, col, count } of entries) {
    const i = rowIndex.get(row);
    const j = colIndex.get(col);
    if (i === undefined || j === undefined) continue;
    (cells[i] as number[])[j] = (cells[i]?.[j] ?? 0) + count;
  }
  return { rows, cols, cells };
}

function rate(met: Cell | undefined, missed: Cell | undefined): Cell {
  if (met?.status !== 'published' || missed?.status !== 'published') return { status: 'suppressed' };
  const decided = met.value + missed.value;
  return decided === 0 ? { status: 'none' } : { status: 'published', value: met.value / decided };
}

/**
 * Share of cases answered in time among those whose deadline has passed. A rate is shown
 * only when both of its counts are: otherwise it would give a withheld count away.
 */
export function rateTable(met: StatTable, missed: StatTable): RateTable {
  return {
    rows: met.rows,
    cols: met.cols,
    cells: met.cells.map((row, i) => row.map((cell, j) => rate(cell, missed.cells[i]?.[j]))),
    rowRates: met.rowTotals.map((cell, i) => rate(cell, missed.rowTotals[i])),
    colRates: met.colTotals.map((cell, j) => rate(cell, missed.colTotals[j])),
    overall: rate(met.total, missed.total),
  };
}

/** A percentile over fewer than k cases is not shown. */
function percentileCell(histogram: Histogram, p: number, k: number): Cell {
  const n = histogramSize(histogram);
  if (n === 0) return { status: 'none' };
  if (n < k) return { status: 'fewer_than_k' };
  return { status: 'published', value: percentileHours(histogram, p) ?? 0 };
}

export function durationSummary(rows: string[], perRow: Map<string, Histogram>, overall: Histogram, k: number): DurationSummary {
  const of = (row: string): Histogram => perRow.get(row) ?? new Map();
  return {
    rows,
    median: rows.map((row) => percentileCell(of(row), 0.5, k)),
    p90: rows.map((row) => percentileCell(of(row), 0.9, k)),
    overallMedian: percentileCell(overall, 0.5, k),
    overallP90: percentileCell(overall, 0.9, k),
  };
}
