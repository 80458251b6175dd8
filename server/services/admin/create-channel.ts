/**
 * An administrator creates a channel: its definition is checked in full, then the channel,
 * its version 1 and the audit entry are one atomic write. It goes last in the order.
 */
import { randomUUID } from 'node:crypto';
import type { AdminChannel, AdminChannelCreate } from '../../../shared/api/admin.schema';
import type { AdminDeps } from './admin-deps';
import { adminChannel } from './admin-channel-view';
import { validDefinition } from './valid-definition';

export const CHANNEL_CREATE_ACTION = 'channel.create';

export async function createChannel(deps: AdminDeps, actorId: string, input: Omit<AdminChannelCreate, 'definition'> & { definition?: unknown }): Promise<AdminChannel> {
  const definition = validDefinition(input.definition);
  const existing = await deps.store.channels.list();
  const position = existing.reduce((max, c) => Math.max(max, c.position + 1), 0);
  const id = `ch-${randomUUID()}`;
  const created = await deps.store.channels.create({ id, slug: input.slug, definition, active: input.active, position }, actorId, deps.now(), {
    actorId,
    action: CHANNEL_CREATE_ACTION,
    caseId: null,
    detail: { channelId: id, slug: input.slug, version: 1, active: input.active },
  });
  return adminChannel(deps.store, created);
}
