/**
 * The first-run checklist: what an installation needs before citizens can rely on it.
 * Items the server can observe turn green by themselves (an officer who can read each
 * active channel, the organisation's name and contact, the transparency page decided, a
 * backup recorded); the others an administrator confirms by hand (mail delivery through
 * the file outbox understood, the recovery key stored, backups made another way).
 */
import type { Config } from '../../../config';
import { CONFIRMABLE_ITEMS, READINESS_ITEMS, type Readiness, type ReadinessItem, type ReadinessItemId } from '../../../shared/api/admin.schema';
import { LANGS } from '../../../shared/api/common.schema';
import type { Json, Store } from '../../ports/store.port';
import { channelOfficers } from '../channel-recipients';
import { TRANSPARENCY_KEY } from '../statistics/transparency-settings';
import { readInstallationSettings } from './installation-settings';

export const READINESS_KEY = 'readiness.confirmed';
/** written by the backup command: { at: ISO date } */
export const BACKUP_KEY = 'backup.last';

export const READINESS_HREFS: Record<ReadinessItemId, string> = {
  officers: '/staff/admin/channels',
  mail: '/staff/admin/readiness#mail',
  recovery_key: '/staff/me',
  organisation: '/staff/admin/settings',
  transparency: '/staff/admin/transparency',
  backups: '/staff/admin/readiness#backups',
};

const object = (v: Json | null): Record<string, Json> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
const isoOrNull = (v: Json | undefined): string | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : null);

export async function readConfirmations(store: Pick<Store, 'settings'>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(object(await store.settings.get(READINESS_KEY)))) {
    const at = isoOrNull(value);
    if (at) out[key] = at;
  }
  return out;
}

async function unreadChannels(store: Store): Promise<string[]> {
  const [channels, staff] = await Promise.all([store.channels.list(), store.staff.list()]);
  const missing: string[] = [];
  for (const channel of channels.filter((c) => c.active)) {
    if ((await channelOfficers(store, channel.id, staff)).length === 0) missing.push(channel.id);
  }
  return missing;
}

export async function readiness(deps: { store: Store; config: Config }): Promise<Readiness> {
  const { store, config } = deps;
  const [confirmed, missing, { settings }, transparency, backup] = await Promise.all([
    readConfirmations(store),
    unreadChannels(store),
    readInstallationSettings(store.settings, config),
    store.settings.get(TRANSPARENCY_KEY),
    store.settings.get(BACKUP_KEY),
  ]);
  const smtp = config.env.SMTP_URL !== undefined;
  const lastBackup = isoOrNull(object(backup).at);
  const organisationGaps = (['name', 'contact'] as const).flatMap((k) => LANGS.filter((l) => settings.organisation[k][l].trim() === '').map((l) => `organisation.${k}.${l}`));
  const facts: Record<ReadinessItemId, { done: boolean; detail: ReadinessItem['detail'] }> = {
    officers: { done: missing.length === 0, detail: { channels: missing } },
    mail: { done: smtp || confirmed.mail !== undefined, detail: { transport: smtp ? 'smtp' : 'file' } },
    recovery_key: { done: confirmed.recovery_key !== undefined, detail: {} },
    organisation: { done: organisationGaps.length === 0, detail: { missing: organisationGaps } },
    transparency: { done: transparency !== null, detail: {} },
    backups: { done: lastBackup !== null || confirmed.backups !== undefined, detail: lastBackup ? { lastBackupAt: lastBackup } : {} },
  };
  const items = READINESS_ITEMS.map((id) => ({
    id,
    done: facts[id].done,
    href: READINESS_HREFS[id],
    detail: facts[id].detail,
    confirmedAt: CONFIRMABLE_ITEMS.includes(id) ? confirmed[id] ?? null : null,
  }));
  return { complete: items.every((i) => i.done), items };
}
