/**
 * The transparency page's switch, privacy budget and licence, kept in the store's settings,
 * with the date publication was first switched on (`enabledAt`, set by the server once under
 * its own key, so it is kept when the page is switched off and on again, and two
 * administrators switching it on together keep the first): no month before it is published.
 * Off until an administrator turns it on; every change is written to the audit log.
 */
import { transparencyState, type TransparencySettings, type TransparencyState } from '../../../shared/api/statistics.schema';
import type { SettingsRepo } from '../../ports/stats.port';
import type { AuditRepo } from '../../ports/store.port';

export const TRANSPARENCY_KEY = 'transparency';
export const TRANSPARENCY_ENABLED_AT_KEY = 'transparency.enabledAt';
export const TRANSPARENCY_AUDIT_ACTION = 'transparency.update';

/** Off; epsilon 1 ("balanced") spreads noise of a few reports per figure, as the page explains. */
export const DEFAULT_TRANSPARENCY: TransparencyState = { enabled: false, epsilon: 1, licence: 'CC-BY-4.0', enabledAt: null };

export async function readTransparency(settings: Pick<SettingsRepo, 'get'>): Promise<TransparencyState> {
  const [value, enabledAt] = await Promise.all([settings.get(TRANSPARENCY_KEY), settings.get(TRANSPARENCY_ENABLED_AT_KEY)]);
  const parsed = transparencyState.safeParse(value);
  const state = parsed.success ? parsed.data : DEFAULT_TRANSPARENCY;
  return { ...state, enabledAt: typeof enabledAt === 'string' ? enabledAt : null };
}

export async function updateTransparency(
  deps: { store: { settings: Pick<SettingsRepo, 'get' | 'set' | 'putIfAbsent'>; audit: Pick<AuditRepo, 'append'> }; now: () => Date },
  actorId: string,
  next: TransparencySettings,
): Promise<TransparencyState> {
  const at = deps.now();
  if (next.enabled) await deps.store.settings.putIfAbsent(TRANSPARENCY_ENABLED_AT_KEY, at.toISOString(), at);
  await deps.store.settings.set(TRANSPARENCY_KEY, { ...next }, at);
  const state = await readTransparency(deps.store.settings);
  await deps.store.audit.append({ at, actorId, action: TRANSPARENCY_AUDIT_ACTION, caseId: null, detail: { ...state } });
  return state;
}
