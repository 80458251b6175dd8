/**
 * What a reporter's browser needs before writing: the installation's public parameters
 * (receipt salt and KDF cost, proof-of-work difficulty, limits, deadlines, custodians' keys)
 * and every active channel with the officers its reports will be sealed to, its version,
 * and what the administrator set for the public pages (site). Switched-off channels are not
 * listed; a channel that is on but has no officer yet is listed as unavailable, so the
 * reporter is told where else to turn (the site's otherChannels text).
 */
import type { Config } from '../../config';
import type { ChannelDefinition } from '../../shared/api/channel.schema';
import type { Logger } from '../logger';
import type { PublicSite } from '../../shared/api/admin.schema';
import type { Store } from '../ports/store.port';
import { readPolicy, type Policy } from './admin/policy';
import { publicSite } from './admin/public-site';
import { PART_CHUNKS } from './attachment-limits';
import { channelOfficers, definitionOf, isReadyCustodian, type ChannelOfficer, type KeyedStaff } from './channel-recipients';

export interface PublicChannelView {
  id: string;
  slug: string;
  version: number;
  definition: ChannelDefinition;
  officers: ChannelOfficer[];
}

export interface PublicChannelsView {
  config: Config;
  partChunks: number;
  custodians: KeyedStaff[];
  channels: PublicChannelView[];
  deadlines: Policy['deadlines'];
  site: PublicSite;
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
    views.push({ id: channel.id, slug: channel.slug, version: channel.version, definition, officers: await channelOfficers(deps.store, channel.id, staff) });
  }
  const [policy, site] = await Promise.all([readPolicy(deps.store.settings, deps.config), publicSite(deps.store, deps.config)]);
  return { config: deps.config, partChunks: PART_CHUNKS, custodians: staff.filter(isReadyCustodian), channels: views, deadlines: policy.deadlines, site };
}
