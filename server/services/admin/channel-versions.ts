/**
 * The published versions of a channel: the list an administrator reads (with how many
 * cases were filed on each), and one version's definition, which an officer needs to show
 * a case's answers with the labels the reporter saw. Definitions were public when they were
 * in use; still, a version is read only by administrators and by officers who can read
 * the channel's cases (members, or holders of a key to one of its cases).
 */
import type { ChannelVersionResponse, ChannelVersionSummary } from '../../../shared/api/admin.schema';
import type { ChannelDefinition } from '../../../shared/api/channel.schema';
import { ChannelNotFound, Forbidden, NotFound } from '../../errors';
import type { StaffRecord, Store } from '../../ports/store.port';

export async function listChannelVersions(store: Pick<Store, 'channels'>, channelId: string): Promise<ChannelVersionSummary[]> {
  if (!(await store.channels.get(channelId))) throw ChannelNotFound();
  const [versions, counts] = await Promise.all([store.channels.versions(channelId), store.channels.casesByVersion(channelId)]);
  return versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy, cases: counts.get(v.version) ?? 0 }));
}

async function mayRead(store: Pick<Store, 'channels' | 'cases'>, staff: StaffRecord, channelId: string): Promise<boolean> {
  if (staff.status !== 'active') return false;
  if (staff.roles.includes('admin')) return true;
  if (!staff.roles.includes('officer')) return false;
  if ((await store.channels.channelsOf(staff.id)).some((m) => m.channelId === channelId)) return true;
  const page = await store.cases.inbox({ staffId: staff.id, channelIds: [channelId], sort: 'newest', limit: 1 });
  return page.items.length > 0;
}

export async function readChannelVersion(store: Pick<Store, 'channels' | 'cases'>, staff: StaffRecord, channelId: string, version: number): Promise<ChannelVersionResponse> {
  if (!(await store.channels.get(channelId))) throw ChannelNotFound();
  if (!(await mayRead(store, staff, channelId))) throw Forbidden();
  const found = await store.channels.version(channelId, version);
  if (!found) throw NotFound({ field: 'version' });
  return { version: found.version, definition: found.definition as unknown as ChannelDefinition };
}
