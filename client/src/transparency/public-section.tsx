/**
 * One figure of the public page: its heading, a chart whose bars carry the range each
 * figure's true value lies in (whiskers), and the table with the same figures as "40 ± 6",
 * "0 to 9" or "—" (the channel did not exist yet), in a focusable scroll region.
 */
import { useMemo } from 'react';
import type { PublicFigure, PublicTable, StatLabels } from '../../../shared/api/statistics.schema';
import type { StatsI18n } from '../committee/i18n/stats-i18n';
import { StatChart, type ChartSeries } from '../committee/stat-chart';
import { channelLabel, columnLabel, type ColumnKind } from '../committee/stat-grid';
import { TableRegion } from '../committee/stat-table';

interface Props {
  i18n: StatsI18n;
  labels: StatLabels;
  title: string;
  table: PublicTable;
  kind: 'count' | 'rate';
  columns: ColumnKind;
  note?: string;
  testId: string;
}

/** the value a chart draws, and its range, on the chart's scale (percent for shares) */
function point(figure: PublicFigure | undefined, scale: number): { value: number | null; range: [number, number] | null } {
  if (!figure || figure.status === 'absent' || figure.status === 'too_few') return { value: null, range: null };
  if (figure.status === 'small') return { value: figure.value * scale, range: [0, figure.upTo * scale] };
  return { value: figure.value * scale, range: [Math.max(0, figure.value - figure.margin) * scale, Math.min(scale === 100 ? 1 : Infinity, figure.value + figure.margin) * scale] };
}

export function PublicTableView({ i18n, labels, title, table, kind, columns, testId }: Omit<Props, 'note'>) {
  const show = (figure: PublicFigure | undefined) => {
    const text = i18n.figure(figure, kind, 'short');
    const words = i18n.figure(figure, kind, 'words');
    const plain = figure?.status === 'about';
    // The short form is for the eye; the words (same figure) are what a screen reader says.
    return (
      <span className={plain ? undefined : `stat-withheld stat-${figure?.status ?? 'absent'}`} title={words}>
        <span aria-hidden="true">{text}</span>
        <span className="visually-hidden">{words}</span>
      </span>
    );
  };
  const total = i18n.t('stats.total');
  return (
    <TableRegion i18n={i18n} title={title}>
      <table className="stat-table" data-testid={testId}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('common.channel')}</th>
            {table.cols.map((col) => <th scope="col" key={col}>{columnLabel(i18n, labels, columns, col)}</th>)}
            <th scope="col">{total}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={row}>
              <th scope="row">{channelLabel(i18n, labels, row)}</th>
              {table.cols.map((col, j) => <td key={col}>{show(table.cells[i]?.[j])}</td>)}
              <td className="stat-total">{show(table.rowTotals[i])}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{total}</th>
            {table.cols.map((col, j) => <td key={col} className="stat-total">{show(table.colTotals[j])}</td>)}
            <td className="stat-total">{show(table.total)}</td>
          </tr>
        </tfoot>
      </table>
    </TableRegion>
  );
}

export function PublicSection({ i18n, labels, title, table, kind, columns, note, testId }: Props) {
  const scale = kind === 'rate' ? 100 : 1;
  const chartLabels = useMemo(() => table.cols.map((key) => columnLabel(i18n, labels, columns, key)), [table, i18n, labels, columns]);
  const chartSeries = useMemo<ChartSeries[]>(
    () => table.rows.map((row, i) => {
      const points = (table.cells[i] ?? []).map((f) => point(f, scale));
      return { label: channelLabel(i18n, labels, row), data: points.map((p) => p.value), ranges: points.map((p) => p.range) };
    }),
    [table, i18n, labels, scale],
  );
  return (
    <section className="stat-section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {note && <p className="stat-note">{note}</p>}
      {table.cols.length > 0 && <StatChart i18n={i18n} title={title} type={kind === 'rate' ? 'line' : 'bar'} labels={chartLabels} series={chartSeries} percent={kind === 'rate'} />}
      <PublicTableView i18n={i18n} labels={labels} title={title} table={table} kind={kind} columns={columns} testId={`${testId}-table`} />
    </section>
  );
}
