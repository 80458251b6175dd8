/**
 * The public transparency page: at most the twelve latest months whose deadlines have all
 * passed, never a month before the installation started or before publication was first
 * switched on, from the consistent noisy monthly releases (transparency-release.ts), each
 * figure with its margin (public-figures.ts). Everything after the draw reads noisy figures
 * only: post-processing, no privacy cost.
 *
 * Answers NotFound while the page is switched off, as if it did not exist. The preview
 * answers the administrators what the page shows, or would show once switched on now: the
 * same releases (drawn and kept by the first of the two to ask), so it is exactly what
 * the public will see.
 */
import { CASE_STATUSES, type Localized } from '../../../shared/api/common.schema';
import { MARGIN_CONFIDENCE, OUTCOME_COLUMNS, privacyLevelOf, type TransparencyResponse, type TransparencyState } from '../../../shared/api/statistics.schema';
import { NotFound } from '../../errors';
import { monthKey } from '../../ports/stats.port';
import { categoryIds, channelInfos, labelsOf, type ChannelInfo } from './channel-labels';
import { installationStart } from './installation-start';
import { addMonths, monthStart, monthsBetween, parseMonth, periodLabel, type Period } from './period';
import { publicTables } from './public-figures';
import { monthRelease, OTHER_CATEGORY, type MonthRelease, type ReleaseDeps } from './transparency-release';
import { readTransparency } from './transparency-settings';

const DAY_MS = 24 * 60 * 60 * 1000;
export const PUBLISHED_MONTHS = 12;
const OTHER_LABEL: Localized = { ar: 'فئات أخرى', fr: 'Autres catégories', en: 'Other categories' };

export interface TransparencyDeps extends ReleaseDeps {
  k: number;
  feedbackDays: number;
}

const monthOf = (date: Date): Date => monthStart(date.getUTCFullYear(), date.getUTCMonth());
/** the moment a month's every feedback deadline (a day's margin included) has passed */
const finalOn = (month: Date, feedbackDays: number): Date => new Date(addMonths(month, 1).getTime() + (feedbackDays + 1) * DAY_MS);

/** The last month whose feedback deadlines (a day's margin included) have all passed. */
function lastFinalMonth(now: Date, feedbackDays: number): Date {
  let last = monthOf(now);
  while (finalOn(last, feedbackDays) > now) last = addMonths(last, -1);
  return last;
}

/** The twelve months up to the last final one, not before `start`; null when none is final yet. */
export function publishedPeriod(now: Date, feedbackDays: number, start: Date = new Date(0)): Period | null {
  const last = lastFinalMonth(now, feedbackDays);
  const first = monthOf(start);
  const from = addMonths(last, 1 - PUBLISHED_MONTHS) < first ? first : addMonths(last, 1 - PUBLISHED_MONTHS);
  return from > last ? null : { from, to: addMonths(last, 1) };
}

/** The page's first month: the latest of the installation's start and the first switch-on (now, for a preview). */
export async function startMonth(deps: TransparencyDeps, settings: TransparencyState, now: Date): Promise<Date> {
  const installed = await installationStart(deps.store.settings, now);
  const enabled = settings.enabledAt === null ? now : new Date(settings.enabledAt);
  return monthOf(installed > enabled ? installed : enabled);
}

/** rows: the channels of today and any other a release holds (a channel deleted since), in display order */
function rowsOf(channels: ChannelInfo[], releases: MonthRelease[]): string[] {
  const ids = channels.map((c) => c.id);
  for (const release of releases) for (const id of Object.keys(release.channels)) if (!ids.includes(id)) ids.push(id);
  return ids;
}

async function buildPage(deps: TransparencyDeps, settings: TransparencyState): Promise<TransparencyResponse> {
  const now = deps.now();
  const start = await startMonth(deps, settings, now);
  const period = publishedPeriod(now, deps.feedbackDays, start);
  const months = period ? monthsBetween(period.from, period.to) : [];
  const releases: MonthRelease[] = [];
  // One after the other: the first request after a month becomes final draws its noise once.
  for (const month of months) releases.push(await monthRelease(deps, parseMonth(month), settings.epsilon));

  const records = await deps.store.channels.list();
  const channels = channelInfos(records);
  const rows = rowsOf(channels, releases);
  const seen = releases.flatMap((r) => Object.values(r.channels).flatMap((c) => Object.keys(c.category)));
  const categories = categoryIds(channels, [OTHER_CATEGORY, ...seen]);
  const labels = labelsOf(channels, categories);
  labels.categories[OTHER_CATEGORY] = OTHER_LABEL;
  for (const id of rows) labels.channels[id] ??= { ar: id, fr: id, en: id };
  const epsilon = releases.length > 0 ? Math.max(...releases.map((r) => r.epsilon)) : settings.epsilon;
  const tables = publicTables({ rows, months, categories, statuses: [...CASE_STATUSES], outcomes: [...OUTCOME_COLUMNS] }, releases, deps.k);

  return {
    period: period ? periodLabel(period) : null,
    startMonth: monthKey(start),
    firstPublicationOn: period ? null : finalOn(start, deps.feedbackDays).toISOString().slice(0, 10),
    generatedAt: now.toISOString(),
    // Months hold disjoint cases, so the privacy loss of the whole page is the largest month's.
    protection: privacyLevelOf(epsilon),
    epsilon,
    k: deps.k,
    confidence: MARGIN_CONFIDENCE,
    licence: settings.licence,
    labels,
    channelSince: Object.fromEntries(records.map((c) => [c.id, monthKey(c.createdAt)])),
    received: { byMonth: tables.byMonth, byCategory: tables.byCategory, byStatus: tables.byStatus, byOutcome: tables.byOutcome },
    deadlines: { acknowledge: tables.acknowledge, feedback: tables.feedback },
  };
}

export async function publicTransparency(deps: TransparencyDeps): Promise<TransparencyResponse> {
  const settings = await readTransparency(deps.store.settings);
  if (!settings.enabled) throw NotFound();
  return buildPage(deps, settings);
}

/** For administrators: the page as published, or as it would be if switched on now with the stored settings. */
export async function previewTransparency(deps: TransparencyDeps): Promise<TransparencyResponse> {
  return buildPage(deps, await readTransparency(deps.store.settings));
}
