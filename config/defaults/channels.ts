/**
 * The channels a new installation starts with: data (channels.json), loaded into the store
 * on first start as version 1 of each questionnaire (server/services/seed-defaults.ts) and
 * never written again; administrators change them in the console afterwards. Texts in
 * Arabic, French and English; every questionnaire uses each question type at least once,
 * so a fresh installation exercises the whole form renderer. Checked against the wire
 * schema when loaded, so a broken edit of the file stops the start instead of seeding it.
 */
import { z } from 'zod';
import { channelDefinition, type ChannelDefinition } from '../../shared/api/channel.schema';
import raw from './channels.json';

export interface DefaultChannel {
  id: string;
  slug: string;
  definition: ChannelDefinition;
}

const defaults = z.array(z.object({ id: z.string(), slug: z.string(), definition: channelDefinition }).strict()).min(1);

export const defaultChannels: DefaultChannel[] = defaults.parse(raw);
