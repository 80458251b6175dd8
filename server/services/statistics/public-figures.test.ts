/**
 * The public page's figures from consistent releases: totals that are the sums of their
 * cells, margins that hold the true figure about nine times in ten, small figures shown as
 * ranges, nothing for a channel before it existed, and no month before the start.
 */
import { CASE_STATUSES } from '../../../shared/api/common.schema';
import { OUTCOME_COLUMNS, type PublicFigure, type PublicTable } from '../../../shared/api/statistics.schema';
import { countFigure, publicTables, shareFigure, type PublicLayout } from './public-figures';
import { seededNoise } from './release-margins';
import { drawMonth, trueCounts, type MonthCounts, type MonthRelease } from './transparency-release';
import { publishedPeriod } from './transparency.service';

const K = 5;
const months = ['2024-01', '2024-02', '2024-03', '2024-04'];
const layout: PublicLayout = { rows: ['a', 'b', 'c'], months, categories: ['x', '_other'], statuses: [...CASE_STATUSES], outcomes: [...OUTCOME_COLUMNS] };

/** truth of one month: `n` cases per channel present, all category x, received, acknowledged in time */
function truth(n: Record<string, number>): MonthCounts {
  const present = Object.entries(n);
  return trueCounts({
    channels: present.map(([id]) => ({ id, name: { ar: id, fr: id, en: id }, categories: [{ id: 'x', label: { ar: 'x', fr: 'x', en: 'x' } }] })),
    counts: present.filter(([, c]) => c > 0).map(([channelId, count]) => ({ month: '2024-01', channelId, category: 'x', status: 'received', outcome: null, count })),
    answered: present.filter(([, c]) => c > 0).map(([channelId, count]) => ({ metric: 'acknowledge', month: '2024-01', channelId, onTime: true, count })),
    durations: [], pending: [], open: [],
  });
}

// Channel c appears in March: it has no figure for January and February.
const truths: Record<string, number>[] = [{ a: 40, b: 0 }, { a: 60, b: 2 }, { a: 50, b: 0, c: 0 }, { a: 45, b: 1, c: 0 }];
const release = (noise: ReturnType<typeof seededNoise>, epsilon = 1): MonthRelease[] =>
  truths.map((t, i) => ({ month: months[i] as string, epsilon, frozenAt: `run-${i}-${noise(1)}`, ...drawMonth(truth(t), epsilon, noise) }));

const valueOf = (f: PublicFigure | undefined): number => (f && (f.status === 'about' || f.status === 'small') ? f.value : Number.NaN);
const rowValues = (t: PublicTable, i: number) => (t.cells[i] ?? []).map(valueOf).filter(Number.isFinite);

describe('publicTables', () => {
  it('adds up: every row, column and grand total is the sum of its shown cells, and all count tables share the same totals', () => {
    const noise = seededNoise(1);
    for (let run = 0; run < 5; run += 1) {
      const tables = publicTables(layout, release(noise), K);
      for (const t of [tables.byMonth, tables.byCategory, tables.byStatus, tables.byOutcome]) {
        t.rows.forEach((_, i) => {
          const cells = rowValues(t, i);
          if (cells.length > 0) expect(valueOf(t.rowTotals[i])).toBe(cells.reduce((a, b) => a + b, 0));
        });
        t.cols.forEach((_, j) => {
          const cells = t.cells.map((r) => valueOf(r[j])).filter(Number.isFinite);
          if (cells.length > 0) expect(valueOf(t.colTotals[j])).toBe(cells.reduce((a, b) => a + b, 0));
        });
        expect(valueOf(t.total)).toBe(t.colTotals.map(valueOf).filter(Number.isFinite).reduce((a, b) => a + b, 0));
        expect(valueOf(t.total)).toBe(valueOf(tables.byMonth.total));
        t.rows.forEach((_, i) => expect(valueOf(t.rowTotals[i])).toBe(valueOf(tables.byMonth.rowTotals[i])));
      }
    }
  });

  it('publishes nothing for a channel in the months before it existed', () => {
    const tables = publicTables(layout, release(seededNoise(2)), K);
    expect(tables.byMonth.cells[2]?.slice(0, 2)).toEqual([{ status: 'absent' }, { status: 'absent' }]);
    expect(tables.acknowledge.cells[2]?.slice(0, 2)).toEqual([{ status: 'absent' }, { status: 'absent' }]);
    expect(tables.byMonth.cells[2]?.[2]?.status).not.toBe('absent');
  });

  it('states margins that hold the true figure about nine times in ten (80 releases of the same truth, margins from 100 runs each)', () => {
    const noise = seededNoise(3);
    const trueByMonth = [...truths.map((t) => Object.values(t).reduce((a, b) => a + b, 0))];
    const trueRow = ['a', 'b', 'c'].map((id) => truths.reduce((s, t) => s + (t[id] ?? 0), 0));
    let held = 0;
    let asked = 0;
    const within = (f: PublicFigure | undefined, truthValue: number) => {
      if (!f || f.status === 'absent' || f.status === 'too_few') return;
      asked += 1;
      const low = f.status === 'small' ? 0 : f.value - f.margin;
      const high = f.status === 'small' ? f.upTo : f.value + f.margin;
      if (truthValue >= low && truthValue <= high) held += 1;
    };
    for (let run = 0; run < 80; run += 1) {
      const tables = publicTables(layout, release(noise), K, 100);
      tables.byMonth.colTotals.forEach((f, j) => within(f, trueByMonth[j] as number));
      tables.byMonth.rowTotals.forEach((f, i) => within(f, trueRow[i] as number));
      within(tables.byMonth.total, trueByMonth.reduce((a, b) => a + b, 0));
      tables.byMonth.cells[0]?.forEach((f, j) => within(f, truths[j]?.a ?? 0));
    }
    // Nominal 0.9; the ranges of small figures (at least 0..k-1) make it a little higher.
    expect(held / asked).toBeGreaterThan(0.84);
    expect(held / asked).toBeLessThan(0.99);
  }, 120_000);

  it('shows a channel that never had a report as a small range, never as a figure far above zero', () => {
    const tables = publicTables(layout, release(seededNoise(4)), K);
    const c = tables.byMonth.rowTotals[2];
    expect(c?.status === 'small' || (c?.status === 'about' && c.value - c.margin <= 0)).toBe(true);
  });
});

describe('countFigure and shareFigure', () => {
  it('shows a count under k, or within its margin of zero, as a range from 0', () => {
    expect(countFigure(3, 1, K)).toEqual({ status: 'small', value: 3, margin: 1, upTo: 4 });
    expect(countFigure(8, 9, K)).toEqual({ status: 'small', value: 8, margin: 9, upTo: 17 });
    expect(countFigure(0, 0, K)).toEqual({ status: 'small', value: 0, margin: 0, upTo: 4 });
    expect(countFigure(40, 5.2, K)).toEqual({ status: 'about', value: 40, margin: 6 });
    expect(countFigure(Number.NaN, 0, K)).toEqual({ status: 'absent' });
  });

  it('says there are too few reports for a share when its count is small', () => {
    expect(shareFigure(0.5, 0.1, { status: 'small', value: 2, margin: 3, upTo: 5 })).toEqual({ status: 'too_few' });
    expect(shareFigure(0.8, 0.12345, { status: 'about', value: 40, margin: 6 })).toEqual({ status: 'about', value: 0.8, margin: 0.123 });
    expect(shareFigure(Number.NaN, 0, { status: 'absent' })).toEqual({ status: 'absent' });
  });
});

describe('publishedPeriod', () => {
  const now = new Date('2026-12-02T07:00:00Z');
  it('publishes the twelve latest final months when the start is older', () => {
    expect(publishedPeriod(now, 90, new Date('2020-01-01T00:00:00Z'))).toEqual({ from: new Date('2025-09-01T00:00:00Z'), to: new Date('2026-09-01T00:00:00Z') });
  });
  it('publishes no month before the start month', () => {
    expect(publishedPeriod(now, 90, new Date('2026-05-20T00:00:00Z'))).toEqual({ from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-09-01T00:00:00Z') });
  });
  it('publishes nothing while the start month is not final', () => {
    expect(publishedPeriod(now, 90, new Date('2026-11-15T00:00:00Z'))).toBeNull();
    expect(publishedPeriod(now, 90, now)).toBeNull();
  });
});
