/**
 * When this installation first started, kept once in the settings (`installation.createdAt`)
 * and never changed: the public page publishes nothing for the months before it, as no
 * report could have been received then. The API process records it at start (main.ts); a
 * store that never went through that start gets it recorded by its first reader. An
 * installation upgraded to this version records the date of the upgrade, so the months
 * before it stay unpublished: that hides real figures, it never invents any.
 */
import type { SettingsRepo } from '../../ports/stats.port';

export const INSTALLATION_START_KEY = 'installation.createdAt';

export async function installationStart(settings: Pick<SettingsRepo, 'putIfAbsent'>, now: Date): Promise<Date> {
  const stored = await settings.putIfAbsent(INSTALLATION_START_KEY, now.toISOString(), now);
  const at = typeof stored === 'string' ? new Date(stored) : new Date(Number.NaN);
  // A value that does not read as a date is not trusted as an earlier start.
  return Number.isNaN(at.getTime()) ? now : at;
}
