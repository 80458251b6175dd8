/**
 * An administrator edits a channel: the change is published as version current + 1. The
 * earlier versions stay as they were, so cases filed on them keep their labels; an editor
 * who started from an older version gets version_conflict instead of overwriting a
 * colleague's change. The audit entry names the changed paths, never the texts.
 */
import type { AdminChannel, AdminChannelUpdate } from '../../../shared/api/admin.schema';
import { ChannelNotFound } from '../../errors';
import type { AdminDeps } from './admin-deps';
import { adminChannel } from './admin-channel-view';
import { VersionConflict } from './admin-errors';
import { changedPaths } from './changed-paths';
import { validDefinition } from './valid-definition';

export const CHANNEL_PUBLISH_ACTION = 'channel.publish';

export async function publishChannel(
  deps: AdminDeps,
  actorId: string,
  channelId: string,
  input: Omit<AdminChannelUpdate, 'definition'> & { definition?: unknown },
): Promise<AdminChannel> {
  const current = await deps.store.channels.get(channelId);
  if (!current) throw ChannelNotFound();
  // Checked before the definition, so a stale editor learns that first.
  if (current.version !== input.expectedVersion) throw VersionConflict({ currentVersion: current.version });
  const definition = validDefinition(input.definition);
  const version = current.version + 1;
  const changed = [...(current.slug === input.slug ? [] : ['slug']), ...changedPaths(current.definition, definition)];
  const published = await deps.store.channels.publish(
    channelId,
    { slug: input.slug, definition, expectedVersion: input.expectedVersion },
    actorId,
    deps.now(),
    { actorId, action: CHANNEL_PUBLISH_ACTION, caseId: null, detail: { channelId, version, slug: input.slug, changed } },
  );
  return adminChannel(deps.store, published);
}
