/**
 * Suppression, checked by brute force: for small tables every table of non-negative
 * integers that agrees with what is published (published entries exact, "fewer than k"
 * entries 1..k-1, complementary ones at least k, small ones shown as "suppressed" at least 1)
 * and lies within one unit of the true table
 * in each entry is enumerated, and every hidden entry must take at least two values across
 * them. One unit is enough: two tables with the same totals differ by cycles of +1/-1
 * changes, so if any other table fits, one within one unit of the true table fits too.
 */
import type { Cell } from '../../../shared/api/statistics.schema';
import { knownBounds, suppressionMarks, suppressTable, type CountTable, type Mark, type SuppressedTable } from './suppress';

type Bound = { fixed: number } | { min: number; max: number };

function boundOf(cell: Cell, mark: Mark, k: number, truth: number): Bound {
  if (cell.status === 'published') return { fixed: cell.value };
  const known = knownBounds(mark, k);
  return { min: Math.max(known.min, truth - 1), max: Math.min(known.max, truth + 1) };
}

/** every value each hidden entry can take, keyed "row,col" of the extended grid */
function feasibleValues(released: SuppressedTable, marks: Mark[][], k: number, truth: number[][]): Map<string, Set<number>> {
  const R = released.rows.length;
  const C = released.cols.length;
  const bound = (cell: Cell, i: number, j: number): Bound => boundOf(cell, marks[i]?.[j] ?? 'shown', k, truth[i]?.[j] ?? 0);
  const grid: Bound[][] = [
    ...released.cells.map((row, i) => [...row.map((c, j) => bound(c, i, j)), bound(released.rowTotals[i] as Cell, i, C)]),
    [...released.colTotals.map((c, j) => bound(c, R, j)), bound(released.total, R, C)],
  ];
  const seen = new Map<string, Set<number>>();
  const fits = (b: Bound, v: number): boolean => ('fixed' in b ? b.fixed === v : v >= b.min && v <= b.max);
  const values: number[][] = Array.from({ length: R }, () => Array<number>(C).fill(0));
  const colSums = Array<number>(C).fill(0);
  const record = (): void => {
    const colTotals = colSums;
    const rowTotals = values.map((row) => row.reduce((a, b) => a + b, 0));
    const total = rowTotals.reduce((a, b) => a + b, 0);
    const full = [...values.map((row, i) => [...row, rowTotals[i] as number]), [...colTotals, total]];
    if (!full.every((row, i) => row.every((v, j) => fits(grid[i]?.[j] as Bound, v)))) return;
    full.forEach((row, i) => row.forEach((v, j) => {
      if ('fixed' in (grid[i]?.[j] as Bound)) return;
      const key = `${i},${j}`;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)?.add(v);
    }));
  };
  const colMax = (j: number): number => {
    const b = grid[R]?.[j] as Bound;
    return 'fixed' in b ? b.fixed : b.max;
  };
  const walk = (index: number): void => {
    if (index === R * C) return record();
    const i = Math.floor(index / C);
    const j = index % C;
    const bound = grid[i]?.[j] as Bound;
    const lo = 'fixed' in bound ? bound.fixed : bound.min;
    const hi = 'fixed' in bound ? bound.fixed : bound.max;
    for (let v = lo; v <= hi; v += 1) {
      if ((colSums[j] as number) + v > colMax(j)) break;
      (values[i] as number[])[j] = v;
      colSums[j] = (colSums[j] as number) + v;
      // A finished row must match its total before going further.
      const row = values[i] as number[];
      const rowDone = j === C - 1;
      if (!rowDone || fits(grid[i]?.[C] as Bound, row.reduce((a, b) => a + b, 0))) walk(index + 1);
      colSums[j] = (colSums[j] as number) - v;
    }
  };
  walk(0);
  return seen;
}

function allEntries(released: SuppressedTable): Cell[] {
  return [...released.cells.flat(), ...released.rowTotals, ...released.colTotals, released.total];
}

function check(table: CountTable, k: number): SuppressedTable {
  const released = suppressTable(table, k);
  const trueGrid = [...table.cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)])];
  const colTotals = table.cols.map((_, j) => table.cells.reduce((s, row) => s + (row[j] ?? 0), 0));
  trueGrid.push([...colTotals, colTotals.reduce((a, b) => a + b, 0)]);
  // Published values are true and never below k (zeros aside); "fewer than k" only for 1..k-1.
  const releasedGrid = [...released.cells.map((row, i) => [...row, released.rowTotals[i] as Cell]), [...released.colTotals, released.total]];
  releasedGrid.forEach((row, i) => row.forEach((cell, j) => {
    const truth = trueGrid[i]?.[j] as number;
    if (cell.status === 'published') {
      expect(cell.value).toBe(truth);
      expect(truth === 0 || truth >= k).toBe(true);
    }
    if (cell.status === 'fewer_than_k') expect(truth > 0 && truth < k).toBe(true);
    if (truth > 0 && truth < k) expect(cell.status).not.toBe('published');
  }));
  const feasible = feasibleValues(released, suppressionMarks(table, k).marks, k, trueGrid);
  for (const [key, values] of feasible) {
    const [i, j] = key.split(',').map(Number) as [number, number];
    expect({ key, truth: trueGrid[i]?.[j], values: values.size > 1 }).toEqual({ key, truth: trueGrid[i]?.[j], values: true });
  }
  const hidden = allEntries(released).filter((c) => c.status !== 'published').length;
  expect(feasible.size).toBe(hidden);
  return released;
}

const table = (cells: number[][]): CountTable => ({ rows: cells.map((_, i) => `r${i}`), cols: (cells[0] ?? []).map((_, j) => `c${j}`), cells });

/** small deterministic generator, so a failure can be replayed */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('suppressTable', () => {
  it('publishes a table with no small count as it is, totals included', () => {
    const released = check(table([[5, 12], [0, 30]]), 5);
    expect(allEntries(released).every((c) => c.status === 'published')).toBe(true);
    expect(released.total).toEqual({ status: 'published', value: 47 });
  });

  it('hides a small count and the smallest cell that would give it away in its row and column', () => {
    const released = check(table([[2, 10, 30], [9, 20, 40]]), 5);
    expect(released.cells[0]?.[0]).toEqual({ status: 'fewer_than_k' });
    expect(released.cells[0]?.[1]).toEqual({ status: 'suppressed' });
    expect(released.cells[1]?.[0]).toEqual({ status: 'suppressed' });
    expect(released.cells[1]?.[1]).toEqual({ status: 'suppressed' });
    expect(released.cells[0]?.[2]).toEqual({ status: 'published', value: 30 });
  });

  it('closes the gap that lines of two hidden cells leave when the bounds pin them down', () => {
    // Rows and columns each hide two cells here, yet 1 and 4 are the only values in 1..4 that
    // fit: the audit must hide more.
    const released = check(table([[1, 40], [40, 4]]), 5);
    expect(allEntries(released).filter((c) => c.status === 'suppressed').length).toBeGreaterThan(2);
  });

  it('shows zeros and hides a small total with what it takes', () => {
    const released = check(table([[0, 3, 0], [7, 0, 9]]), 5);
    expect(released.cells[0]?.[0]).toEqual({ status: 'published', value: 0 });
    expect(released.rowTotals[0]).toEqual({ status: 'fewer_than_k' });
  });

  it('hides forced totals as a linked table requires, but never a zero', () => {
    const forced = new Map([['0,2', 'complementary' as const], ['1,2', 'complementary' as const]]);
    const released = suppressTable(table([[6, 7], [0, 0], [8, 9]]), 5, { forced });
    expect(released.rowTotals[0]).toEqual({ status: 'suppressed' });
    expect(released.rowTotals[1]).toEqual({ status: 'published', value: 0 });
  });

  it.each([3, 5])('leaves no hidden entry recomputable in 300 random small tables (k = %i)', (k) => {
    const random = mulberry32(k * 7919);
    const pick = [0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20];
    for (let n = 0; n < 300; n += 1) {
      const rows = 1 + Math.floor(random() * 3);
      const cols = 1 + Math.floor(random() * 3);
      const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => pick[Math.floor(random() * pick.length)] as number));
      check(table(cells), k);
    }
  });
});
