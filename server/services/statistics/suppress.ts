/**
 * Protection against singling out, for two-way tables of counts with their totals.
 *
 * 1. Primary suppression: every entry (cell or total) with 0 < count < k is shown as
 *    "fewer than k". Zeros are shown: "no case of this kind" points at nobody, and hiding
 *    zeros would tell a reader that every hidden entry might be empty, which gives less
 *    protection, not more. (A zero next to a total can say "all the cases of this channel
 *    were closed the same way"; that describes a group of at least k, never a person.)
 * 2. Complementary suppression: a line (row or column, with its total) holding exactly one
 *    hidden entry would give it away by subtraction, so the smallest other non-zero entry of
 *    that line is hidden too (a cell rather than the total when one qualifies), repeated
 *    until no line has a single hidden entry.
 * 3. Audit: lines with two hidden entries can still pin one down together with the bounds a
 *    reader knows (protection-audit.ts): 1..k-1 for "fewer than k", at least k for a
 *    complementary entry. Each exposed entry gets a further complementary entry in its row
 *    or column, then step 2 runs again, until the audit finds nothing.
 * 4. When nothing is left to hide in those lines, the bounds themselves give the entry away
 *    (two cells "fewer than 3" under a total "fewer than 3" are both 1). Then one of the
 *    small entries, the line's total first, is shown as "suppressed" rather than "fewer than
 *    k": a reader can no longer tell it from a complementary entry, so only "at least 1" is
 *    known of it. If even that is not enough, every non-zero entry is shown as "suppressed",
 *    which always protects them (each can grow with its row, column and grand totals).
 *
 * An entry that is the same number in several tables (a channel total, a month's count
 * split by deadline state) must carry the same mark in all of them: `forced` lets the
 * caller impose that (linked-tables.ts).
 * Pure and deterministic: the same counts always give the same pattern, so asking twice
 * reveals nothing more than asking once.
 */
import type { Cell } from '../../../shared/api/statistics.schema';
import { exposedEntries, type ExtendedGrid } from './protection-audit';

export interface CountTable {
  rows: string[];
  cols: string[];
  /** [row][col] */
  cells: number[][];
}

export interface SuppressedTable {
  rows: string[];
  cols: string[];
  cells: Cell[][];
  rowTotals: Cell[];
  colTotals: Cell[];
  total: Cell;
}

export interface SuppressOptions {
  /** entries of the extended grid ("row,col") that a linked table hides, with the mark they carry there */
  forced?: ReadonlyMap<string, Mark>;
}

export type Mark = 'shown' | 'primary' | 'complementary' | 'relabeled';
/** from least to most hidden: where linked tables disagree, the later mark wins */
export const MARK_ORDER: readonly Mark[] = ['shown', 'primary', 'complementary', 'relabeled'];

/** The table with its totals: row R holds the column totals, column C the row totals. */
function extended(table: CountTable): number[][] {
  const rowTotals = table.cells.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = table.cols.map((_, j) => table.cells.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  return [...table.cells.map((row, i) => [...row, rowTotals[i] ?? 0]), [...colTotals, total]];
}

function lines(rows: number, cols: number): [number, number][][] {
  const out: [number, number][][] = [];
  for (let i = 0; i <= rows; i += 1) out.push(Array.from({ length: cols + 1 }, (_, j): [number, number] => [i, j]));
  for (let j = 0; j <= cols; j += 1) out.push(Array.from({ length: rows + 1 }, (_, i): [number, number] => [i, j]));
  return out;
}

/** Hides the smallest non-zero shown entry of the line, a cell before the line's total. */
function hideSmallest(values: number[][], marks: Mark[][], line: [number, number][]): boolean {
  const candidates = line.filter(([i, j]) => marks[i]?.[j] === 'shown' && (values[i]?.[j] ?? 0) > 0);
  if (candidates.length === 0) return false;
  const last = line[line.length - 1];
  const isTotal = ([i, j]: [number, number]): boolean => i === last?.[0] && j === last?.[1];
  candidates.sort(([ai, aj], [bi, bj]) => {
    const a: [number, number] = [ai, aj];
    const b: [number, number] = [bi, bj];
    return Number(isTotal(a)) - Number(isTotal(b)) || (values[ai]?.[aj] ?? 0) - (values[bi]?.[bj] ?? 0);
  });
  const [i, j] = candidates[0] as [number, number];
  (marks[i] as Mark[])[j] = 'complementary';
  return true;
}

function completeLines(values: number[][], marks: Mark[][], all: [number, number][][]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of all) {
      const hidden = line.filter(([i, j]) => marks[i]?.[j] !== 'shown').length;
      if (hidden === 1 && hideSmallest(values, marks, line)) changed = true;
    }
  }
}

/** What a reader knows of a hidden entry from its label and from how entries are chosen. */
export function knownBounds(mark: Mark, k: number): { min: number; max: number } {
  if (mark === 'primary') return { min: 1, max: k - 1 };
  if (mark === 'complementary') return { min: k, max: Infinity };
  return { min: 1, max: Infinity };
}

function auditGrid(values: number[][], marks: Mark[][], k: number): ExtendedGrid {
  return values.map((row, i) => row.map((value, j) => {
    const mark = marks[i]?.[j] ?? 'shown';
    return { value, hidden: mark !== 'shown', ...knownBounds(mark, k) };
  }));
}

/** Shows a small entry of the exposed entry's lines as "suppressed": totals first, then the entry itself. */
function relabel(marks: Mark[][], lines: [number, number][][]): boolean {
  const ends = lines.map((line) => line[line.length - 1] as [number, number]);
  const rest = lines.flat();
  const target = [...ends, ...rest].find(([i, j]) => marks[i]?.[j] === 'primary');
  if (!target) return false;
  (marks[target[0]] as Mark[])[target[1]] = 'relabeled';
  return true;
}

function toCell(value: number, mark: Mark): Cell {
  if (mark === 'primary') return { status: 'fewer_than_k' };
  if (mark === 'shown') return { status: 'published', value };
  return { status: 'suppressed' };
}

/** The marks of the extended grid (row R: column totals, column C: row totals) and its values. */
export function suppressionMarks(table: CountTable, k: number, options: SuppressOptions = {}): { values: number[][]; marks: Mark[][] } {
  const R = table.rows.length;
  const C = table.cols.length;
  const values = extended(table);
  const marks: Mark[][] = values.map((row) => row.map((v): Mark => (v > 0 && v < k ? 'primary' : 'shown')));
  // A linked entry of zero stays shown: zeros are never hidden.
  for (const [key, mark] of options.forced ?? []) {
    const [i = -1, j = -1] = key.split(',').map(Number);
    const row = marks[i];
    if (row && j >= 0 && j <= C && (values[i]?.[j] ?? 0) > 0 && MARK_ORDER.indexOf(mark) > MARK_ORDER.indexOf(row[j] ?? 'shown')) row[j] = mark;
  }

  const all = lines(R, C);
  for (;;) {
    completeLines(values, marks, all);
    const [first] = exposedEntries(auditGrid(values, marks, k));
    if (!first) return { values, marks };
    const [i, j] = first;
    const own = [all[i] as [number, number][], all[R + 1 + j] as [number, number][]];
    if (own.some((line) => hideSmallest(values, marks, line)) || relabel(marks, own)) continue;
    values.forEach((row, r) => row.forEach((v, c) => {
      if (v > 0) (marks[r] as Mark[])[c] = 'relabeled';
    }));
    return { values, marks };
  }
}

/** The table as released, from the marks of suppressionMarks. */
export function present(table: CountTable, values: number[][], marks: Mark[][]): SuppressedTable {
  const R = table.rows.length;
  const C = table.cols.length;
  const cell = (i: number, j: number): Cell => toCell(values[i]?.[j] ?? 0, marks[i]?.[j] ?? 'shown');
  return {
    rows: table.rows,
    cols: table.cols,
    cells: table.cells.map((row, i) => row.map((_, j) => cell(i, j))),
    rowTotals: table.rows.map((_, i) => cell(i, C)),
    colTotals: table.cols.map((_, j) => cell(R, j)),
    total: cell(R, C),
  };
}

export function suppressTable(table: CountTable, k: number, options: SuppressOptions = {}): SuppressedTable {
  const { values, marks } = suppressionMarks(table, k, options);
  return present(table, values, marks);
}
