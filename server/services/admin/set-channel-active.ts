/**
 * An administrator switches a channel off (reporters no longer see it) or on again. Cases
 * already filed on it stay with their officers.
 */
import type { AdminChannel } from '../../../shared/api/admin.schema';
import type { AdminDeps } from './admin-deps';
import { adminChannel } from './admin-channel-view';

export const CHANNEL_ACTIVE_ACTION = 'channel.active';

export async function setChannelActive(deps: AdminDeps, actorId: string, channelId: string, active: boolean): Promise<AdminChannel> {
  const updated = await deps.store.channels.setActive(channelId, active, deps.now(), {
    actorId,
    action: CHANNEL_ACTIVE_ACTION,
    caseId: null,
    detail: { channelId, active },
  });
  return adminChannel(deps.store, updated);
}
