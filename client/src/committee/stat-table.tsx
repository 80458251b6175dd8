/**
 * The accessible table under each chart: the same numbers, withheld cells in words ("fewer
 * than 5", "withheld"), row and column headers marked for screen readers. A wide table
 * scrolls sideways inside its own region, which takes the keyboard focus (so it can be
 * scrolled without a mouse) and is named after the table.
 */
import type { ReactNode } from 'react';
import type { Grid } from './stat-grid';
import type { StatsI18n } from './i18n/stats-i18n';

interface Props {
  i18n: StatsI18n;
  caption: string;
  grid: Grid;
  k: number;
  rowLabel(id: string): string;
  colLabel(key: string): string;
  testId?: string;
}

export function TableRegion({ i18n, title, children }: { i18n: StatsI18n; title: string; children: ReactNode }) {
  return (
    // A focusable scroll region: keyboard users scroll it with the arrow keys (WCAG 2.1.1).
    <div className="stat-table-wrap" role="region" tabIndex={0} aria-label={i18n.t('common.tableRegion', { title })}>
      {children}
    </div>
  );
}

export function StatTableView({ i18n, caption, grid, k, rowLabel, colLabel, testId }: Props) {
  const total = i18n.t('stats.total');
  const show = (cell: Grid['corner'] | undefined) => {
    const text = i18n.cell(cell, grid.kind, k);
    return cell?.status === 'published' ? text : <span className={`stat-withheld stat-${cell?.status ?? 'suppressed'}`}>{text}</span>;
  };
  return (
    <TableRegion i18n={i18n} title={caption}>
      <table className="stat-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('common.channel')}</th>
            {grid.cols.map((col) => (
              <th scope="col" key={col}>
                {colLabel(col)}
              </th>
            ))}
            <th scope="col">{total}</th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, i) => (
            <tr key={row}>
              <th scope="row">{rowLabel(row)}</th>
              {grid.cols.map((col, j) => (
                <td key={col}>{show(grid.cells[i]?.[j])}</td>
              ))}
              <td className="stat-total">{show(grid.rowSummary[i])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{total}</th>
            {grid.cols.map((col, j) => (
              <td key={col} className="stat-total">
                {show(grid.colSummary[j])}
              </td>
            ))}
            <td className="stat-total">{show(grid.corner)}</td>
          </tr>
        </tfoot>
      </table>
    </TableRegion>
  );
}
