/**
 * The transparency page's switch, privacy budget and licence, kept in the store's settings.
 * Off until an administrator turns it on; every change is written to the audit log.
 */
import { transparencySettings, type TransparencySettings } from '../../../shared/api/statistics.schema';
import type { SettingsRepo } from '../../ports/stats.port';
import type { AuditRepo } from '../../ports/store.port';

export const TRANSPARENCY_KEY = 'transparency';
export const TRANSPARENCY_AUDIT_ACTION = 'transparency.update';

/** Off; epsilon 1 spreads noise of a few cases per figure, as the page explains. */
export const DEFAULT_TRANSPARENCY: TransparencySettings = { enabled: false, epsilon: 1, licence: 'CC-BY-4.0' };

export async function readTransparency(settings: Pick<SettingsRepo, 'get'>): Promise<TransparencySettings> {
  const parsed = transparencySettings.safeParse(await settings.get(TRANSPARENCY_KEY));
  return parsed.success ? parsed.data : DEFAULT_TRANSPARENCY;
}

export async function updateTransparency(
  deps: { store: { settings: Pick<SettingsRepo, 'set'>; audit: Pick<AuditRepo, 'append'> }; now: () => Date },
  actorId: string,
  next: TransparencySettings,
): Promise<TransparencySettings> {
  const at = deps.now();
  await deps.store.settings.set(TRANSPARENCY_KEY, next, at);
  await deps.store.audit.append({ at, actorId, action: TRANSPARENCY_AUDIT_ACTION, caseId: null, detail: { ...next } });
  return next;
}
