/**
 * First start: loads the default channels from config/ into an empty store, so a fresh
 * installation is usable. Never overwrites channels an administrator has changed.
 */
import { defaultChannels } from '../../config/defaults/channels';
import type { Store } from '../ports/store.port';
import type { Logger } from '../logger';

export async function seedDefaults({ store, logger }: { store: Store; logger: Logger }): Promise<void> {
  const existing = await store.channels.list();
  if (existing.length > 0) return;
  for (const [position, channel] of defaultChannels.entries()) {
    await store.channels.upsert({ id: channel.id, slug: channel.slug, definition: channel.definition, active: true, position });
  }
  logger.info({ count: defaultChannels.length }, 'default channels loaded');
}
