/**
 * A bar or line chart drawn by chart.js, loaded on first use (its own chunk: the reporter's
 * pages never fetch it). The canvas is an image with a short label pointing at the table
 * that follows, which carries the same figures for screen readers and for print. Count axes
 * step by whole numbers (a count of 0.5 reports means nothing); a series may carry a range
 * per point (the public page's margins), drawn as a whisker through the bar or point.
 */
import { useEffect, useRef } from 'react';
import type { Chart as ChartInstance, Plugin } from 'chart.js';
import type { StatsI18n } from './i18n/stats-i18n';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  /** per point, the range [low, high] the true figure lies in (same scale as `data`) */
  ranges?: ([number, number] | null)[];
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

/** the ranges of every series, drawn as whiskers after the bars or lines */
const whiskers = (series: ChartSeries[]): Plugin => ({
  id: 'amana-ranges',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const y = chart.scales.y;
    if (!y) return;
    series.forEach((s, i) => {
      const meta = chart.getDatasetMeta(i);
      if (!s.ranges || meta.hidden) return;
      meta.data.forEach((element, j) => {
        const range = s.ranges?.[j];
        if (!range) return;
        const [top, bottom] = [y.getPixelForValue(range[1]), y.getPixelForValue(range[0])];
        const cap = 4;
        ctx.save();
        ctx.strokeStyle = '#1b1f24';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(element.x, top);
        ctx.lineTo(element.x, bottom);
        ctx.moveTo(element.x - cap, top);
        ctx.lineTo(element.x + cap, top);
        ctx.moveTo(element.x - cap, bottom);
        ctx.lineTo(element.x + cap, bottom);
        ctx.stroke();
        ctx.restore();
      });
    });
  },
});

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
        plugins: [whiskers(series)],
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          locale: i18n.lang === 'ar' ? 'ar-MA-u-nu-latn' : i18n.lang,
          scales: {
            x: { stacked, reverse: i18n.dir === 'rtl' },
            y: {
              stacked,
              beginAtZero: true,
              ...(percent ? { max: 100 } : {}),
              position: i18n.dir === 'rtl' ? 'right' : 'left',
              // Whole numbers only: counts are reports, and shares are shown as whole percentages.
              ticks: { precision: 0 },
            },
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
