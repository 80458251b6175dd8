/**
 * The public page's tables from the consistent monthly releases: counts by month, category,
 * status and outcome, and the shares answered in time, each figure with its margin
 * (release-margins.ts) and shown as a range when it is too small to tell from zero.
 *
 * Every count table adds up exactly: a cell is a sum of released whole numbers, a total is
 * the sum of its cells (and, by the consistency of each month, the month's or the channel's
 * total noised once). A channel has no figure (`absent`) for the months before it existed,
 * nor a category its definition never had.
 */
import type { PublicFigure, PublicTable } from '../../../shared/api/statistics.schema';
import { MARGIN_RUNS, marginsOf } from './release-margins';
import type { ChannelCounts, MonthCounts, MonthRelease, Split } from './transparency-release';

interface NumGrid {
  cells: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
}

/** the sum of the finite values, NaN when there is none (a figure that does not exist) */
function sumDefined(values: readonly number[]): number {
  let total = Number.NaN;
  for (const v of values) if (Number.isFinite(v)) total = Number.isNaN(total) ? v : total + v;
  return total;
}

/** `part(row, j, m)` is what month m adds to a cell; NaN where the month has no such figure */
function grid(rows: readonly string[], cols: readonly string[], months: number, part: (row: string, j: number, m: number) => number): NumGrid {
  const cells = rows.map((row) => cols.map((_, j) => {
    let total = Number.NaN;
    for (let m = 0; m < months; m += 1) {
      const v = part(row, j, m);
      if (Number.isFinite(v)) total = Number.isNaN(total) ? v : total + v;
    }
    return total;
  }));
  const colTotals = cols.map((_, j) => sumDefined(cells.map((r) => r[j] as number)));
  return { cells, rowTotals: cells.map(sumDefined), colTotals, total: sumDefined(colTotals) };
}

const flatten = (g: NumGrid): number[] => [...g.cells.flat(), ...g.rowTotals, ...g.colTotals, g.total];
const ratio = (met: NumGrid, decided: NumGrid): NumGrid => {
  const r = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  return {
    cells: met.cells.map((row, i) => row.map((v, j) => r(v, decided.cells[i]?.[j] ?? Number.NaN))),
    rowTotals: met.rowTotals.map((v, i) => r(v, decided.rowTotals[i] ?? Number.NaN)),
    colTotals: met.colTotals.map((v, j) => r(v, decided.colTotals[j] ?? Number.NaN)),
    total: r(met.total, decided.total),
  };
};

export interface PublicLayout {
  rows: string[];
  months: string[];
  categories: string[];
  statuses: string[];
  outcomes: string[];
}

type Tables = {
  byMonth: NumGrid; byCategory: NumGrid; byStatus: NumGrid; byOutcome: NumGrid;
  acknowledgeMet: NumGrid; acknowledgeDecided: NumGrid; feedbackMet: NumGrid; feedbackDecided: NumGrid;
};
const ORDER: (keyof Tables)[] = ['byMonth', 'byCategory', 'byStatus', 'byOutcome', 'acknowledgeMet', 'acknowledgeDecided', 'feedbackMet', 'feedbackDecided'];

function tablesOf(layout: PublicLayout, months: readonly MonthCounts[]): Tables {
  const { rows } = layout;
  const n = months.length;
  const of = (row: string, m: number): ChannelCounts | undefined => months[m]?.channels[row];
  const value = (v: number | undefined): number => (v === undefined ? Number.NaN : v);
  const bySplit = (split: Split, cols: string[]) => grid(rows, cols, n, (row, j, m) => value(of(row, m)?.[split][cols[j] as string]));
  // The deadline tables are by month: only month j adds to column j.
  const deadline = (split: 'acknowledge' | 'feedback', decided: boolean) =>
    grid(rows, layout.months, 1, (row, j) => {
      const c = of(row, j);
      return c ? (c[split].met ?? 0) + (decided ? c[split].missed ?? 0 : 0) : Number.NaN;
    });
  return {
    byMonth: grid(rows, layout.months, 1, (row, j) => value(of(row, j)?.total)),
    byCategory: bySplit('category', layout.categories),
    byStatus: bySplit('status', layout.statuses),
    byOutcome: bySplit('outcome', layout.outcomes),
    acknowledgeMet: deadline('acknowledge', false),
    acknowledgeDecided: deadline('acknowledge', true),
    feedbackMet: deadline('feedback', false),
    feedbackDecided: deadline('feedback', true),
  };
}

/** every figure whose margin is needed, in a fixed order: the counts, then the shares */
function figureVector(layout: PublicLayout, months: readonly MonthCounts[]): number[] {
  const t = tablesOf(layout, months);
  return [
    ...ORDER.flatMap((name) => flatten(t[name])),
    ...flatten(ratio(t.acknowledgeMet, t.acknowledgeDecided)),
    ...flatten(ratio(t.feedbackMet, t.feedbackDecided)),
  ];
}

/** how a count reads: too small to tell from zero (under k, or within its margin of zero) is a range */
export function countFigure(value: number, margin: number, k: number): PublicFigure {
  if (!Number.isFinite(value)) return { status: 'absent' };
  const m = Math.ceil(margin);
  if (value < k || value - m <= 0) return { status: 'small', value, margin: m, upTo: Math.max(k - 1, value + m) };
  return { status: 'about', value, margin: m };
}

export function shareFigure(share: number, margin: number, decided: PublicFigure): PublicFigure {
  if (decided.status === 'absent') return { status: 'absent' };
  if (decided.status !== 'about' || !Number.isFinite(share)) return { status: 'too_few' };
  return { status: 'about', value: share, margin: Math.round(margin * 1000) / 1000 };
}

export interface PublicTables {
  byMonth: PublicTable; byCategory: PublicTable; byStatus: PublicTable; byOutcome: PublicTable;
  acknowledge: PublicTable; feedback: PublicTable;
}

/**
 * Margins cost a few hundred simulated releases (about a second for a year of six
 * channels); the releases never change once drawn, so the margins are kept per set of
 * releases and layout (a handful of entries: the page, its preview, the open data).
 */
const marginCache = new Map<string, number[]>();
const CACHE_SIZE = 16;

function cachedMargins(layout: PublicLayout, releases: readonly MonthRelease[], runs: number): number[] {
  const key = JSON.stringify([layout, runs, releases.map((r) => [r.month, r.frozenAt])]);
  const hit = marginCache.get(key);
  if (hit) return hit;
  const margins = marginsOf(releases, (months) => figureVector(layout, months), runs);
  if (marginCache.size >= CACHE_SIZE) marginCache.delete(marginCache.keys().next().value as string);
  marginCache.set(key, margins);
  return margins;
}

/** `runs`: simulated releases behind the margins (fewer only in tests that repeat the whole page many times) */
export function publicTables(layout: PublicLayout, releases: readonly MonthRelease[], k: number, runs = MARGIN_RUNS): PublicTables {
  const t = tablesOf(layout, releases);
  const margins = cachedMargins(layout, releases, runs);
  let at = 0;
  const take = (n: number): number[] => {
    const out = margins.slice(at, at + n);
    at += n;
    return out;
  };
  const sizeOf = (g: NumGrid) => flatten(g).length;
  const counts = Object.fromEntries(ORDER.map((name) => [name, take(sizeOf(t[name]))])) as Record<keyof Tables, number[]>;
  const shareMargins = { acknowledge: take(sizeOf(t.acknowledgeMet)), feedback: take(sizeOf(t.feedbackMet)) };

  const cols = (g: NumGrid) => g.colTotals.length;
  /** the grid's figures, in the order of `flatten`, back into a table */
  const table = (g: NumGrid, figure: (value: number, i: number) => PublicFigure, colKeys: string[]): PublicTable => {
    const values = flatten(g);
    const figures = values.map(figure);
    const R = layout.rows.length;
    const C = cols(g);
    return {
      rows: layout.rows,
      cols: colKeys,
      cells: layout.rows.map((_, i) => figures.slice(i * C, i * C + C)),
      rowTotals: figures.slice(R * C, R * C + R),
      colTotals: figures.slice(R * C + R, R * C + R + C),
      total: figures[R * C + R + C] as PublicFigure,
    };
  };
  const count = (name: keyof Tables, colKeys: string[]) => table(t[name], (v, i) => countFigure(v, counts[name][i] ?? 0, k), colKeys);
  const share = (metric: 'acknowledge' | 'feedback') => {
    const met = t[`${metric}Met`];
    const decided = flatten(t[`${metric}Decided`]).map((v, i) => countFigure(v, counts[`${metric}Decided`][i] ?? 0, k));
    return table(ratio(met, t[`${metric}Decided`]), (v, i) => shareFigure(v, shareMargins[metric][i] ?? 0, decided[i] as PublicFigure), layout.months);
  };
  return {
    byMonth: count('byMonth', layout.months),
    byCategory: count('byCategory', layout.categories),
    byStatus: count('byStatus', layout.statuses),
    byOutcome: count('byOutcome', layout.outcomes),
    acknowledge: share('acknowledge'),
    feedback: share('feedback'),
  };
}
