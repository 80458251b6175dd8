/**
 * What a reporter's browser needs before writing: the installation's public parameters
 * (receipt salt and KDF cost, proof-of-work difficulty, limits, deadlines, custodians' keys)
 * and every active channel with the officers its reports will be sealed to.
 */
import type { Config } from '../../config';
import type { ChannelDefinition } from '../../shared/api/channel.schema';
import type { Logger } from '../logger';
import type { Store } from '../ports/store.port';
import { PART_CHUNKS } from './attachment-limits';
import { channelOfficers, definitionOf, isReadyCustodian, type ChannelOfficer, type KeyedStaff } from './channel-recipients';

export interface PublicChannelView {
  id: string;
  slug: string;
  definition: ChannelDefinition;
  officers: ChannelOfficer[];
}

export interface PublicChannelsView {
  config: Config;
  partChunks: number;
  custodians: KeyedStaff[];
  channels: PublicChannelView[];
}

export async function listPublicChannels(deps: { store: Store; config: Config; logger: Logger }): Promise<PublicChannelsView> {
  const [channels, staff] = await Promise.all([deps.store.channels.list(), deps.store.staff.list()]);
  const views: PublicChannelView[] = [];
  for (const channel of [...channels].sort((a, b) => a.position - b.position)) {
    if (!channel.active) continue;
    const definition = definitionOf(channel);
    if (!definition) {
      deps.logger.warn({ channelId: channel.id }, 'channel definition does not match the schema; channel hidden');
      continue;
    }
    views.push({ id: channel.id, slug: channel.slug, definition, officers: await channelOfficers(deps.store, channel.id, staff) });
  }
  return { config: deps.config, partChunks: PART_CHUNKS, custodians: staff.filter(isReadyCustodian), channels: views };
}
