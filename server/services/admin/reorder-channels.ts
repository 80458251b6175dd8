/**
 * An administrator orders the channels as reporters see them: the ids given must be every
 * channel exactly once (order_mismatch otherwise), and the new order is one atomic write.
 */
import type { AdminChannel } from '../../../shared/api/admin.schema';
import type { AdminDeps } from './admin-deps';
import { presentAdminChannel } from './admin-channel-view';

export const CHANNEL_ORDER_ACTION = 'channel.order';

export async function reorderChannels(deps: AdminDeps, actorId: string, ids: string[]): Promise<AdminChannel[]> {
  const channels = await deps.store.channels.reorder(ids, deps.now(), { actorId, action: CHANNEL_ORDER_ACTION, caseId: null, detail: { order: ids } });
  const staff = await deps.store.staff.list();
  return Promise.all(channels.map((c) => presentAdminChannel(deps.store, c, staff)));
}
