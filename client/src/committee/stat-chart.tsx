/**
 * A bar or line chart drawn by chart.js, loaded on first use (its own chunk: the reporter's
 * pages never fetch it). The canvas is an image with a short label pointing at the table
 * that follows, which carries the same figures for screen readers and for print.
 */
import { useEffect, useRef } from 'react';
import type { Chart as ChartInstance } from 'chart.js';
import type { StatsI18n } from './i18n/stats-i18n';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
}

interface Props {
  i18n: StatsI18n;
  title: string;
  type: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  /** values are percentages (0..100) */
  percent?: boolean;
  stacked?: boolean;
}

// A palette that stays apart for the common forms of colour blindness (Okabe and Ito).
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

async function loadChart(): Promise<typeof ChartInstance> {
  return (await import('./chart-setup')).Chart;
}

export function StatChart({ i18n, title, type, labels, series, percent = false, stacked = false }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: ChartInstance | null = null;
    let cancelled = false;
    void loadChart().then((Chart) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type,
        data: {
          labels,
          datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length], spanGaps: false })),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          locale: i18n.lang === 'ar' ? 'ar-MA-u-nu-latn' : i18n.lang,
          scales: {
            x: { stacked, reverse: i18n.dir === 'rtl' },
            y: { stacked, beginAtZero: true, ...(percent ? { max: 100 } : {}), position: i18n.dir === 'rtl' ? 'right' : 'left' },
          },
          plugins: { legend: { rtl: i18n.dir === 'rtl' } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [i18n.dir, i18n.lang, labels, percent, series, stacked, type]);
  return (
    <div className="stat-chart no-print-chart">
      <canvas ref={canvas} role="img" aria-label={i18n.t('common.chart', { title })} />
    </div>
  );
}
