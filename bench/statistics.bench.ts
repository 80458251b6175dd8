/**
 * Statistics at scale: a SQLite store filled with 1,000,000 cases over three years
 * (support/case-filler.ts), then every statistics view timed as the API computes it (the
 * store's queries, the tables, suppression and its audit), median of several runs after a
 * first cold one, against the 200 ms limit of the committee dashboard. Also: how much the
 * counters maintained on write add to inserting a case, and the transparency page's first
 * request (which draws and stores twelve months of noise) and later ones.
 *   node dist/bench/statistics.bench.js [--cases=1000000] [--runs=7]
 */
import path from 'node:path';
import { openSqliteStore } from '../server/adapters/sqlite/sqlite.store';
import { createLogger } from '../server/logger';
import type { Store } from '../server/ports/store.port';
import { buildAnnualReport } from '../server/services/statistics/annual-report.service';
import { buildDashboard } from '../server/services/statistics/dashboard.service';
import { addMonths, monthStart } from '../server/services/statistics/period';
import { publicTransparency } from '../server/services/statistics/transparency.service';
import { TRANSPARENCY_KEY } from '../server/services/statistics/transparency-settings';
import { addBenchChannels, BENCH_STATS_CHANNELS, fillCases, triggerCost } from './support/case-filler';
import { numberArg } from './support/args';
import { runBench, type BenchReport } from './support/report';
import { tempDir } from './support/paths';
import { median, msSince, round } from './support/stats';

const CASES = numberArg('cases', 1_000_000);
const RUNS = numberArg('runs', 7);
const LIMIT_MS = 200;
const K = 5;

async function time(run: () => Promise<unknown>): Promise<{ cold: number; median: number; max: number }> {
  const once = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    await run();
    return msSince(started);
  };
  const cold = await once();
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i += 1) warm.push(await once());
  return { cold, median: median(warm), max: Math.max(...warm) };
}

async function measure(report: BenchReport, name: string, run: () => Promise<unknown>, limited = true): Promise<void> {
  const t = await time(run);
  report.add({
    name,
    value: t.median,
    unit: 'ms',
    ...(limited ? { target: { of: 'value' as const, op: '<=' as const, value: LIMIT_MS } } : {}),
    detail: { coldMs: round(t.cold, 1), maxMs: round(t.max, 1), runs: RUNS },
    note: `median of ${RUNS}; first (cold) ${round(t.cold, 1)} ms, slowest ${round(t.max, 1)} ms`,
  });
}

async function timeViews(report: BenchReport, store: Store, now: Date): Promise<void> {
  const deps = { store, k: K, now: () => now };
  const current = monthStart(now.getUTCFullYear(), now.getUTCMonth());
  const month = (d: Date): string => d.toISOString().slice(0, 7);
  const lastYear = now.getUTCFullYear() - 1;
  const q12 = { from: addMonths(current, -11), to: addMonths(current, 1), channelId: null };
  await measure(report, 'dashboard, 12 months, all channels', () => buildDashboard(deps, {}));
  await measure(report, 'dashboard, 36 months, all channels', () => buildDashboard(deps, { from: month(addMonths(current, -35)), to: month(current) }));
  await measure(report, 'dashboard, 12 months, one channel', () => buildDashboard(deps, { channel: BENCH_STATS_CHANNELS[0]?.id ?? '' }));
  await measure(report, `annual report ${lastYear}`, () => buildAnnualReport(deps, lastYear));
  await measure(report, 'store: counts, 12 months', () => store.stats.counts(q12), false);
  await measure(report, 'store: answered in time or late, 12 months', () => store.stats.answered(q12), false);
  await measure(report, 'store: duration histograms, 12 months', () => store.stats.durations(q12), false);
  await measure(report, 'store: unanswered cases, 12 months', () => store.stats.pending(q12, now), false);
  await measure(report, 'store: open cases by age, 12 months', () => store.stats.openByAge(q12, now), false);
}

runBench('statistics', async (report) => {
  report.setting('cases', CASES);
  report.setting('runs', RUNS);
  report.setting('k', K);
  report.setting('store', 'SQLite (WAL), counters kept by triggers on cases');
  const data = tempDir('statistics');
  const logger = createLogger('warn');
  const now = new Date();
  try {
    const file = path.join(data.dir, 'amana.sqlite');
    const store = await openSqliteStore(file, logger);
    await addBenchChannels(store);
    await store.close();
    const seconds = fillCases(file, CASES, now.getTime());
    report.add({ name: 'fill: cases inserted per second', value: CASES / seconds, unit: 'cases/s', note: `${CASES} cases in ${round(seconds, 1)} s, triggers included` });

    const reopened = await openSqliteStore(file, logger);
    try {
      await timeViews(report, reopened, now);
      await reopened.settings.set(TRANSPARENCY_KEY, { enabled: true, epsilon: 1, licence: 'CC-BY-4.0' }, now);
      const transparency = { store: reopened, now: () => now, k: K, feedbackDays: 90 };
      const started = process.hrtime.bigint();
      await publicTransparency(transparency);
      report.add({ name: 'transparency page, first request (draws 12 months)', value: msSince(started), unit: 'ms', note: 'once per month that becomes final; the noise is stored' });
      await measure(report, 'transparency page, later requests', () => publicTransparency(transparency));
    } finally {
      await reopened.close();
    }

    const small = 50_000;
    const files = [path.join(data.dir, 'with.sqlite'), path.join(data.dir, 'without.sqlite')];
    for (const f of files) {
      const s = await openSqliteStore(f, logger);
      await addBenchChannels(s);
      await s.close();
    }
    const cost = triggerCost(files[0] as string, files[1] as string, small, now.getTime());
    report.add({
      name: 'insert cost with statistics triggers',
      value: cost.withUs,
      unit: 'µs/case',
      peer: { name: 'same inserts without the triggers', value: cost.withoutUs, unit: 'µs/case' },
      note: `${small} cases into an empty store, bulk transactions (a report's own transaction costs far more)`,
    });
  } finally {
    data.remove();
  }
});
