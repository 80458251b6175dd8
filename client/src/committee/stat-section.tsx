/** One figure of the statistics: its heading, its chart, and the table with the same numbers. */
import { useMemo } from 'react';
import type { DurationSummary, StatLabels } from '../../../shared/api/statistics.schema';
import type { StatsI18n } from './i18n/stats-i18n';
import { StatChart } from './stat-chart';
import { channelLabel, columnLabel, series, type ColumnKind, type Grid } from './stat-grid';
import { StatTableView, TableRegion } from './stat-table';

interface Props {
  i18n: StatsI18n;
  labels: StatLabels;
  k: number;
  title: string;
  grid: Grid;
  columns: ColumnKind;
  chart: 'bar' | 'line';
  stacked?: boolean;
  note?: string;
  testId: string;
}

export function StatSection({ i18n, labels, k, title, grid, columns, chart, stacked, note, testId }: Props) {
  const colLabel = (key: string) => columnLabel(i18n, labels, columns, key);
  const rowLabel = (id: string) => channelLabel(i18n, labels, id);
  const percent = grid.kind === 'rate';
  // Memoised so the chart is drawn again only when the figures or the language change.
  const chartLabels = useMemo(() => grid.cols.map((key) => columnLabel(i18n, labels, columns, key)), [grid, i18n, labels, columns]);
  const chartSeries = useMemo(
    () => grid.rows.map((row, i) => ({ label: channelLabel(i18n, labels, row), data: series(grid.cells[i] ?? [], percent ? 100 : 1) })),
    [grid, i18n, labels, percent],
  );
  return (
    <section className="stat-section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      {note && <p className="stat-note">{note}</p>}
      <StatChart i18n={i18n} title={title} type={chart} labels={chartLabels} series={chartSeries} percent={percent} stacked={stacked} />
      <StatTableView i18n={i18n} caption={title} grid={grid} k={k} rowLabel={rowLabel} colLabel={colLabel} testId={`${testId}-table`} />
    </section>
  );
}

interface DurationProps {
  i18n: StatsI18n;
  labels: StatLabels;
  k: number;
  acknowledge: DurationSummary;
  feedback: DurationSummary;
  testId: string;
}

/** Median and 90th percentile per channel, for both deadlines, as one table. */
export function DurationSection({ i18n, labels, k, acknowledge, feedback, testId }: DurationProps) {
  const title = i18n.t('section.durations');
  const hours = (cell: Parameters<StatsI18n['cell']>[0]) => i18n.cell(cell, 'hours', k);
  const columns = [
    [i18n.t('stats.duration.acknowledge'), acknowledge],
    [i18n.t('stats.duration.feedback'), feedback],
  ] as const;
  const chartLabels = useMemo(() => acknowledge.rows.map((row) => channelLabel(i18n, labels, row)), [acknowledge, i18n, labels]);
  // Drawn in days so both deadlines share a scale; the table gives hours and days.
  const chartSeries = useMemo(
    () =>
      ([[i18n.t('stats.duration.acknowledge'), acknowledge], [i18n.t('stats.duration.feedback'), feedback]] as const).flatMap(([name, summary]) => [
        { label: `${name} — ${i18n.t('stats.duration.median')}`, data: series(summary.median, 1 / 24) },
        { label: `${name} — ${i18n.t('stats.duration.p90')}`, data: series(summary.p90, 1 / 24) },
      ]),
    [acknowledge, feedback, i18n],
  );
  return (
    <section className="stat-section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>{title}</h2>
      <p className="stat-note">{i18n.t('durations.note')}</p>
      <StatChart i18n={i18n} title={title} type="bar" labels={chartLabels} series={chartSeries} />
      <TableRegion i18n={i18n} title={title}>
        <table className="stat-table" data-testid={`${testId}-table`}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('common.channel')}</th>
              {columns.map(([name]) => [
                <th scope="col" key={`${name}-m`}>{`${name} — ${i18n.t('stats.duration.median')}`}</th>,
                <th scope="col" key={`${name}-p`}>{`${name} — ${i18n.t('stats.duration.p90')}`}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {acknowledge.rows.map((row, i) => (
              <tr key={row}>
                <th scope="row">{channelLabel(i18n, labels, row)}</th>
                {columns.map(([name, summary]) => [<td key={`${name}-m`}>{hours(summary.median[i])}</td>, <td key={`${name}-p`}>{hours(summary.p90[i])}</td>])}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{i18n.t('stats.total')}</th>
              {columns.map(([name, summary]) => [<td key={`${name}-m`}>{hours(summary.overallMedian)}</td>, <td key={`${name}-p`}>{hours(summary.overallP90)}</td>])}
            </tr>
          </tfoot>
        </table>
      </TableRegion>
    </section>
  );
}
