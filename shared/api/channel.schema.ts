/**
 * A channel (corruption, maladministration...) and its questionnaire. Definitions are
 * public: they are served to reporters, so they hold no secret. Answers never travel in
 * clear: the browser validates them against the questionnaire, then encrypts them.
 */
import { z } from 'zod';
import { b64, id, localized, lang } from './common.schema';

export const QUESTION_TYPES = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'date', 'file'] as const;

export const question = z.object({
  id: z.string().regex(/^[a-z0-9_]{1,40}$/),
  type: z.enum(QUESTION_TYPES),
  label: localized,
  help: localized.optional(),
  required: z.boolean(),
  options: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]{1,40}$/), label: localized })).max(50).optional(),
  /** shown only when the answer to another (choice) question includes one of these options */
  showIf: z.object({ questionId: z.string(), anyOf: z.array(z.string()).min(1) }).optional(),
  maxLength: z.number().int().positive().max(100_000).optional(),
});
export type Question = z.infer<typeof question>;

export const channelDefinition = z.object({
  name: localized,
  description: localized,
  categories: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]{1,40}$/), label: localized })).min(1).max(50),
  questionnaire: z.array(question).min(1).max(100),
  /** whether reporters may disclose their identity (sealed to custodians) */
  allowIdentity: z.boolean(),
  /** routing rules: a category handled by a department's officers first */
  routing: z.array(z.object({ category: z.string(), department: z.string().min(1).max(100) })).max(100),
});
export type ChannelDefinition = z.infer<typeof channelDefinition>;

export const publicOfficer = z.object({
  id,
  /** shown so a reporter can exclude someone for a conflict of interest; never a name */
  department: z.string().nullable(),
  supervisor: z.boolean(),
  publicKey: b64(32, 32),
});
export type PublicOfficer = z.infer<typeof publicOfficer>;

export const publicChannel = z.object({
  id,
  slug: z.string(),
  /** the questionnaire version of `definition`; a submission names it (questionnaireVersion) */
  version: z.number().int().positive(),
  definition: channelDefinition,
  /** false when no active officer could read a report */
  available: z.boolean(),
  officers: z.array(publicOfficer),
});
export type PublicChannel = z.infer<typeof publicChannel>;

const siteText = z.object({ ar: z.string(), fr: z.string(), en: z.string() });
/** admin.schema.ts PublicSite: what the administrator set for the public pages */
export const publicSite = z.object({
  organisation: z.object({ name: siteText, contact: siteText }),
  accentColor: z.string(),
  texts: z.object({ home: siteText, privacy: siteText, otherChannels: siteText }),
  hasLogo: z.boolean(),
});

export const publicInstallation = z.object({
  receiptSalt: b64(16, 16),
  receiptKdf: z.object({ memKiB: z.number().int(), passes: z.number().int() }),
  powDifficulty: z.number().int(),
  limits: z.object({ attachmentBytes: z.number(), attachmentsPerReport: z.number(), chunkBytes: z.number(), partChunks: z.number(), reportBytes: z.number(), messageBytes: z.number() }),
  deadlines: z.object({ acknowledgeDays: z.number(), feedbackDays: z.number() }),
  /** custodians' public keys: a disclosed identity is sealed to them only */
  custodians: z.array(z.object({ id, publicKey: b64(32, 32) })),
  languages: z.array(lang),
  /** optional so a client still reads an older server's answer */
  site: publicSite.optional(),
});
export type PublicInstallation = z.infer<typeof publicInstallation>;

export interface PublicChannelsResponse {
  installation: PublicInstallation;
  channels: PublicChannel[];
}
