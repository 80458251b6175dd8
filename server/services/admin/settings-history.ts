/**
 * The settings history an administrator reads: every configuration change (installation
 * settings, logo, channels, readiness confirmations, transparency), newest first, taken
 * from the hash-chained audit log, so it is exactly what the log proves. Each entry names
 * what changed as paths; the texts themselves were never written to the log.
 */
import type { SettingsHistoryEntry } from '../../../shared/api/admin.schema';
import type { AuditEntry, Json, Store } from '../../ports/store.port';
import { TRANSPARENCY_AUDIT_ACTION } from '../statistics/transparency-settings';

export const HISTORY_ACTIONS = [
  'settings.update', 'logo.update', 'logo.delete', 'channel.create', 'channel.publish', 'channel.active', 'channel.order',
  'readiness.confirm', TRANSPARENCY_AUDIT_ACTION,
] as const;
/** entries read per action; configuration changes are rare, so this covers years */
const PER_ACTION = 1000;
export const HISTORY_LIMIT = 200;

const field = (detail: Json, key: string): Json | undefined =>
  typeof detail === 'object' && detail !== null && !Array.isArray(detail) ? detail[key] : undefined;

function changedOf(entry: AuditEntry): string[] {
  const changed = field(entry.detail, 'changed');
  if (Array.isArray(changed)) return changed.filter((p): p is string => typeof p === 'string');
  const detail = entry.detail;
  // Entries that record values rather than paths (switch, order, transparency): their keys are the paths.
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail)) return Object.keys(detail).filter((k) => k !== 'channelId').sort();
  return [];
}

export async function settingsHistory(store: Pick<Store, 'audit' | 'staff'>): Promise<SettingsHistoryEntry[]> {
  const lists = await Promise.all(HISTORY_ACTIONS.map((action) => store.audit.list({ action, limit: PER_ACTION })));
  const entries = lists.flat().sort((a, b) => b.seq - a.seq).slice(0, HISTORY_LIMIT);
  const names = new Map((await store.staff.list()).map((s) => [s.id, s.displayName]));
  return entries.map((e) => {
    const channelId = field(e.detail, 'channelId');
    const version = field(e.detail, 'version');
    return {
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName: e.actorId === null ? null : names.get(e.actorId) ?? null,
      action: e.action,
      changed: changedOf(e),
      channelId: typeof channelId === 'string' ? channelId : null,
      version: typeof version === 'number' ? version : null,
    };
  });
}
