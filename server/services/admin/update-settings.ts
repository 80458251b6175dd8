/**
 * An administrator saves the installation settings. The bounds that protect reporters are
 * enforced here, not only shown: deadlines within what the law allows, a retention period
 * in range, k at least 5, an accent colour that white text stays readable on. The value
 * and its audit entry (which paths changed, never the texts) are one atomic write.
 */
import type { Config } from '../../../config';
import type { InstallationSettings } from '../../../shared/api/admin.schema';
import { ValidationFailed } from '../../errors';
import type { Store } from '../../ports/store.port';
import { AccentContrastLow, DeadlineTooLong, DeadlineTooShort, KTooSmall, RetentionOutOfRange } from './admin-errors';
import { changedPaths } from './changed-paths';
import { contrastWithWhite } from './contrast';
import { INSTALLATION_KEY, readInstallationSettings, SETTINGS_LIMITS as L } from './installation-settings';

export const SETTINGS_AUDIT_ACTION = 'settings.update';

export function assertWithinLimits(s: InstallationSettings): void {
  const ratio = contrastWithWhite(s.accentColor);
  if (ratio < L.minContrast) throw AccentContrastLow({ field: 'accentColor', ratio: Math.round(ratio * 100) / 100, min: L.minContrast });
  for (const key of ['acknowledgeDays', 'feedbackDays'] as const) {
    const value = s.deadlines[key];
    if (value > L[key].max) throw DeadlineTooLong({ field: `deadlines.${key}`, max: L[key].max });
    if (value < L[key].min) throw DeadlineTooShort({ field: `deadlines.${key}`, min: L[key].min });
  }
  if (s.deadlines.acknowledgeDays > s.deadlines.feedbackDays) throw DeadlineTooShort({ field: 'deadlines.feedbackDays', min: s.deadlines.acknowledgeDays });
  const months = s.retention.closedCaseMonths;
  if (months < L.closedCaseMonths.min || months > L.closedCaseMonths.max) {
    throw RetentionOutOfRange({ field: 'retention.closedCaseMonths', min: L.closedCaseMonths.min, max: L.closedCaseMonths.max });
  }
  if (s.statistics.k < L.k.min) throw KTooSmall({ field: 'statistics.k', min: L.k.min });
  if (s.statistics.k > L.k.max) throw ValidationFailed('statistics.k', `must be at most ${L.k.max}`);
}

export async function updateSettings(
  deps: { store: Pick<Store, 'settings'>; config: Pick<Config, 'deadlines' | 'retention' | 'statistics'>; now: () => Date },
  actorId: string,
  next: InstallationSettings,
): Promise<InstallationSettings> {
  assertWithinLimits(next);
  const { settings: before } = await readInstallationSettings(deps.store.settings, deps.config);
  const changed = changedPaths(before, next);
  await deps.store.settings.setAudited(INSTALLATION_KEY, next, deps.now(), {
    actorId,
    action: SETTINGS_AUDIT_ACTION,
    caseId: null,
    detail: { changed },
  });
  return next;
}
