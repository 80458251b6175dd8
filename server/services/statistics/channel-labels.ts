/**
 * Channel names and category labels for the statistics, read from the channel definitions.
 * A definition that does not parse (an older shape) still gives its slug as the name, and a
 * category no definition lists any more (renamed since) is labelled with its id: the
 * figures must not lose cases because a label is missing.
 */
import { z } from 'zod';
import { localized, type Localized } from '../../../shared/api/common.schema';
import type { StatLabels } from '../../../shared/api/statistics.schema';
import type { ChannelRecord } from '../../ports/store.port';

export interface ChannelInfo {
  id: string;
  name: Localized;
  categories: { id: string; label: Localized }[];
}

const labelled = z.object({
  name: localized,
  categories: z.array(z.object({ id: z.string(), label: localized })),
});

const same = (text: string): Localized => ({ ar: text, fr: text, en: text });

export function channelInfo(channel: ChannelRecord): ChannelInfo {
  const parsed = labelled.safeParse(channel.definition);
  if (!parsed.success) return { id: channel.id, name: same(channel.slug), categories: [] };
  return { id: channel.id, name: parsed.data.name, categories: parsed.data.categories };
}

/** in the channels' display order */
export function channelInfos(channels: ChannelRecord[]): ChannelInfo[] {
  return [...channels].sort((a, b) => a.position - b.position || a.slug.localeCompare(b.slug)).map(channelInfo);
}

/** category ids of the channels' definitions, then any others seen in the data, each once */
export function categoryIds(channels: ChannelInfo[], seen: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const channel of channels) for (const category of channel.categories) ids.add(category.id);
  for (const id of [...seen].sort()) ids.add(id);
  return [...ids];
}

export function labelsOf(channels: ChannelInfo[], categories: string[]): StatLabels {
  const known = new Map<string, Localized>();
  for (const channel of channels) for (const category of channel.categories) if (!known.has(category.id)) known.set(category.id, category.label);
  return {
    channels: Object.fromEntries(channels.map((c) => [c.id, c.name])),
    categories: Object.fromEntries(categories.map((id) => [id, known.get(id) ?? same(id)])),
  };
}
