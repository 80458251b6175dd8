/**
 * Deadlines met by channel and month, without giving away what the "received" tables hide.
 * A channel's count of a month is published in the by-month table; the month's deadline
 * table splits that same number into met, missed and pending. So each month gets a table
 * (channels x met/missed/pending) whose row totals are the by-month cells of that month and
 * whose grand total is that month's total, suppressed together with the by-month table
 * (linked-tables.ts). A share is shown where both its counts are; a channel's share over the
 * period, or the period's, only when every month's counts are shown, since it could
 * otherwise be subtracted back to a hidden month.
 */
import { DEADLINE_COLUMNS, type Cell, type RateTable, type StatTable } from '../../../shared/api/statistics.schema';
import type { DurationMetric } from '../../ports/stats.port';
import type { Link } from './linked-tables';
import { tabulate } from './stat-tables';
import { deadlineEntries, type PeriodData } from './stats-data';
import type { CountTable } from './suppress';

const MET = DEADLINE_COLUMNS.indexOf('met');
const MISSED = DEADLINE_COLUMNS.indexOf('missed');

export const deadlineKey = (metric: DurationMetric, month: string): string => `${metric}:${month}`;

/** the month tables of one metric, and their links to the by-month table named `byMonth` */
export function deadlineTables(data: PeriodData, rows: string[], months: string[], metric: DurationMetric, byMonth: string): { tables: Record<string, CountTable>; links: Link[] } {
  const entries = deadlineEntries(data, metric, (row) => row.month);
  const tables: Record<string, CountTable> = {};
  const links: Link[] = [];
  const C = DEADLINE_COLUMNS.length;
  months.forEach((month, j) => {
    const key = deadlineKey(metric, month);
    tables[key] = tabulate(rows, [...DEADLINE_COLUMNS], entries.filter((e) => e.col === month).map((e) => ({ ...e, col: e.state })));
    // rows 0..R-1 are the channels' counts of the month; row R the month's total
    for (let i = 0; i <= rows.length; i += 1) links.push([{ table: key, row: i, col: C }, { table: byMonth, row: i, col: j }]);
  });
  return { tables, links };
}

function share(pairs: [Cell | undefined, Cell | undefined][]): Cell {
  let met = 0;
  let missed = 0;
  for (const [a, b] of pairs) {
    if (a?.status !== 'published' || b?.status !== 'published') return { status: 'suppressed' };
    met += a.value;
    missed += b.value;
  }
  return met + missed === 0 ? { status: 'none' } : { status: 'published', value: met / (met + missed) };
}

export function complianceRates(suppressed: Record<string, StatTable>, metric: DurationMetric, rows: string[], months: string[]): RateTable {
  const table = (month: string): StatTable | undefined => suppressed[deadlineKey(metric, month)];
  const cell = (i: number, month: string): [Cell | undefined, Cell | undefined] => [table(month)?.cells[i]?.[MET], table(month)?.cells[i]?.[MISSED]];
  const total = (month: string): [Cell | undefined, Cell | undefined] => [table(month)?.colTotals[MET], table(month)?.colTotals[MISSED]];
  return {
    rows,
    cols: months,
    cells: rows.map((_, i) => months.map((month) => share([cell(i, month)]))),
    rowRates: rows.map((_, i) => share(months.map((month) => cell(i, month)))),
    colRates: months.map((month) => share([total(month)])),
    overall: share(months.map(total)),
  };
}
