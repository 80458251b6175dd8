/**
 * The deadline tables of each month are suppressed together with the by-month table whose
 * cells they split: a channel's count of a month must read the same in both (shown with the
 * same value, or hidden in both), no shown count may be below k, and a share is shown only
 * where both of its counts are.
 */
import type { Cell, StatTable } from '../../../shared/api/statistics.schema';
import { complianceRates, deadlineKey, deadlineTables } from './compliance';
import { suppressLinkedTables } from './linked-tables';
import { tabulate } from './stat-tables';
import type { PeriodData } from './stats-data';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rows = ['a', 'b', 'c'];
const months = ['2024-01', '2024-02', '2024-03'];
const K = 5;
/** both shown with the same value, or both hidden */
function same(x: Cell | undefined, y: Cell | undefined): boolean {
  if (x?.status === 'published' && y?.status === 'published') return x.value === y.value;
  return x?.status !== 'published' && y?.status !== 'published';
}

function randomData(random: () => number): PeriodData {
  const pick = [0, 0, 1, 2, 3, 6, 9, 15];
  const data: PeriodData = { channels: [], counts: [], answered: [], durations: [], pending: [], open: [] };
  for (const channelId of rows) {
    for (const month of months) {
      const [onTime, late, overdue, waiting] = [0, 1, 2, 3].map(() => pick[Math.floor(random() * pick.length)] ?? 0) as [number, number, number, number];
      const total = onTime + late + overdue + waiting;
      if (total > 0) data.counts.push({ month, channelId, category: 'x', status: 'received', outcome: null, count: total });
      if (onTime) data.answered.push({ metric: 'acknowledge', month, channelId, onTime: true, count: onTime });
      if (late) data.answered.push({ metric: 'acknowledge', month, channelId, onTime: false, count: late });
      if (overdue) data.pending.push({ metric: 'acknowledge', month, channelId, overdue: true, count: overdue });
      if (waiting) data.pending.push({ metric: 'acknowledge', month, channelId, overdue: false, count: waiting });
    }
  }
  return data;
}

describe('deadline tables linked to the by-month table', () => {
  it('show every shared count the same way in both, nothing below k, and shares only over shown counts (200 random fixtures)', () => {
    const random = mulberry32(2024);
    for (let n = 0; n < 200; n += 1) {
      const data = randomData(random);
      const byMonth = tabulate(rows, months, data.counts.map((r) => ({ row: r.channelId, col: r.month, count: r.count })));
      const deadlines = deadlineTables(data, rows, months, 'acknowledge', 'byMonth');
      const released: Record<string, StatTable> = suppressLinkedTables({ byMonth, ...deadlines.tables }, deadlines.links, K);
      const shown = released.byMonth as StatTable;
      months.forEach((month, j) => {
        const table = released[deadlineKey('acknowledge', month)] as StatTable;
        rows.forEach((_, i) => expect(same(table.rowTotals[i], shown.cells[i]?.[j])).toBe(true));
        expect(same(table.total, shown.colTotals[j])).toBe(true);
        for (const cell of [...table.cells.flat(), ...table.colTotals]) if (cell.status === 'published') expect(cell.value === 0 || cell.value >= K).toBe(true);
      });
      const rates = complianceRates(released, 'acknowledge', rows, months);
      months.forEach((month, j) => {
        const table = released[deadlineKey('acknowledge', month)] as StatTable;
        rows.forEach((_, i) => {
          const both = table.cells[i]?.[0]?.status === 'published' && table.cells[i]?.[1]?.status === 'published';
          if (!both) expect(rates.cells[i]?.[j]?.status).toBe('suppressed');
        });
      });
    }
  });
});
