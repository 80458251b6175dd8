/**
 * The installation settings an administrator edits (organisation, accent colour, public
 * texts, deadlines, retention, statistics threshold), stored under one settings key, with
 * the bounds that protect reporters. Until an administrator saves them, the defaults are
 * config/settings.ts's values and empty texts (public pages then show their own wording).
 */
import type { Config } from '../../../config';
import { installationSettings, type InstallationSettings, type SettingsLimits } from '../../../shared/api/admin.schema';
import type { SettingsRepo } from '../../ports/stats.port';

export const INSTALLATION_KEY = 'installation';
export const DEFAULT_ACCENT = '#0b5c4b';

/**
 * Deadlines: EU Directive 2019/1937 art. 9(1)(b) and (f): acknowledge within 7 days,
 * feedback within 3 months (90 days). Retention: at least 3 months so a reporter can still
 * read the outcome, at most 10 years. k: below 5 a published count can single a report out.
 */
export const SETTINGS_LIMITS: SettingsLimits = {
  acknowledgeDays: { min: 1, max: 7 },
  feedbackDays: { min: 7, max: 90 },
  closedCaseMonths: { min: 3, max: 120 },
  k: { min: 5, max: 100 },
  minContrast: 4.5,
};

const empty = { ar: '', fr: '', en: '' };

export function defaultSettings(config: Pick<Config, 'deadlines' | 'retention' | 'statistics'>): InstallationSettings {
  return {
    organisation: { name: { ...empty }, contact: { ...empty } },
    accentColor: DEFAULT_ACCENT,
    texts: { home: { ...empty }, privacy: { ...empty }, otherChannels: { ...empty } },
    deadlines: { acknowledgeDays: config.deadlines.acknowledgeDays, feedbackDays: config.deadlines.feedbackDays },
    retention: { closedCaseMonths: config.retention.closedCaseMonths },
    statistics: { k: config.statistics.k },
  };
}

/** The saved settings, or the defaults when nothing (or nothing readable) was saved. */
export async function readInstallationSettings(
  settings: Pick<SettingsRepo, 'get'>,
  config: Pick<Config, 'deadlines' | 'retention' | 'statistics'>,
): Promise<{ settings: InstallationSettings; saved: boolean }> {
  const parsed = installationSettings.safeParse(await settings.get(INSTALLATION_KEY));
  return parsed.success ? { settings: parsed.data, saved: true } : { settings: defaultSettings(config), saved: false };
}
