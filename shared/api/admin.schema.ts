/**
 * The administration console's wire contract: channels and their versioned questionnaires,
 * installation settings, the first-run readiness checklist and the routing preview.
 * Everything here is configuration an administrator edits in the browser; the server
 * validates it again (shape here, cross-references in the service) and audits each change.
 * Nothing here carries case content, keys or secrets.
 *
 * Routes (all under /api/v1, admin role, writes need the staff CSRF header):
 *   GET  /admin/channels                        -> { channels: AdminChannel[] }
 *   POST /admin/channels        AdminChannelCreate  -> 201 { channel: AdminChannel }
 *   PUT  /admin/channels/order  AdminChannelOrder   -> { channels: AdminChannel[] }
 *   PUT  /admin/channels/:id    AdminChannelUpdate  -> { channel } (publishes version + 1)
 *   PUT  /admin/channels/:id/active AdminChannelActive -> { channel }
 *   POST /admin/channels/check  { definition }      -> { problems: DefinitionProblem[] } (never saves)
 *   GET  /admin/channels/:id/versions              -> { versions: ChannelVersionSummary[] }
 *   GET  /admin/channels/:id/recipients?category=  -> RecipientsPreview
 *   PUT  /admin/staff/:id/absence AbsenceRequest   -> { staff: StaffSummary }
 *   GET  /admin/settings                           -> { settings: InstallationSettings, limits: SettingsLimits }
 *   PUT  /admin/settings        InstallationSettings -> { settings }
 *   GET  /admin/settings/history                   -> { entries: SettingsHistoryEntry[] }
 *   PUT  /admin/logo            raw image/png|image/jpeg|image/webp body (<= 256 KiB) -> { hasLogo: true }
 *   DELETE /admin/logo                             -> { hasLogo: false }
 *   GET  /admin/readiness                          -> Readiness
 *   POST /admin/readiness/:item/confirm            -> Readiness (self-attested items only)
 * Staff (any signed-in staff member who may read the channel's cases, or an admin):
 *   GET  /channels/:id/versions/:version           -> { version, definition: ChannelDefinition }
 * Public (no auth):
 *   GET  /public/channels  (existing) also carries `installation.site: PublicSite` and each
 *        channel's `version`; switched-off channels are not listed.
 *   GET  /public/logo                              -> the image, or 404 logo_not_found
 *
 * Stable error ids of the admin API (400 unless said):
 *   definition_invalid (shape), label_missing, duplicate_question_id, duplicate_option_id,
 *   duplicate_category_id, condition_unknown_question, condition_unknown_option,
 *   condition_not_choice, condition_forward (a condition must point at an earlier question),
 *   options_missing (choice question without options), options_not_allowed, routing_unknown_category,
 *   slug_taken (409), version_conflict (409: expectedVersion is not the current version),
 *   channel_not_found (404), order_mismatch (the ids are not exactly the channels),
 *   accent_contrast_low, deadline_too_long, deadline_too_short, retention_out_of_range,
 *   k_too_small, logo_invalid (415/400), readiness_item_unknown (404), readiness_item_not_confirmable.
 * A refused write changes nothing: a channel and its new version are one atomic write.
 */
import { z } from 'zod';
import { channelDefinition, type ChannelDefinition } from './channel.schema';
import { id, type Localized } from './common.schema';
import type { StaffSummary } from './staff.schema';

export const channelSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2-40 lowercase letters, digits or dashes');

/** A published definition: every label filled in ar, fr and en (checked again by the service). */
export const adminChannelCreate = z.object({ slug: channelSlug, definition: channelDefinition, active: z.boolean().default(true) }).strict();
export type AdminChannelCreate = z.infer<typeof adminChannelCreate>;

export const adminChannelUpdate = z.object({ slug: channelSlug, definition: channelDefinition, expectedVersion: z.number().int().positive() }).strict();
export type AdminChannelUpdate = z.infer<typeof adminChannelUpdate>;

export const adminChannelActive = z.object({ active: z.boolean() }).strict();
export const adminChannelOrder = z.object({ ids: z.array(id).min(1).max(100) }).strict();

/** For the editor's live checks: a draft may have empty labels, so it is loosely typed here. */
export const definitionCheckRequest = z.object({ definition: z.unknown() }).strict();

export interface DefinitionProblem {
  /** one of the stable error ids above */
  id: string;
  /** where, as a dotted path into the definition: "questionnaire.3.options.1.id", "name.fr" */
  path: string;
}

export interface AdminChannel {
  id: string;
  slug: string;
  active: boolean;
  position: number;
  /** the published version reporters answer now; 1 for a new channel */
  version: number;
  definition: ChannelDefinition;
  updatedAt: string;
  /** active officers who can read a report filed now, and invited ones not yet active */
  officers: { active: number; invited: number; supervisors: number };
  /** active and someone can read it: listed as available to reporters */
  available: boolean;
}

export interface ChannelVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  /** cases filed with this version */
  cases: number;
}

export interface RecipientsPreview {
  channelId: string;
  category: string | null;
  /** whom the reporter's browser seals the case key to now */
  sealedTo: { id: string; displayName: string; department: string | null; supervisor: boolean; away: boolean }[];
  /** whom routing would choose as lead for this category now, and why */
  lead: { id: string; displayName: string } | null;
  reason: 'department_rule' | 'workload' | 'supervisor_fallback' | 'nobody';
}

export const absenceRequest = z
  .object({ awayFrom: z.string().datetime().nullable(), awayUntil: z.string().datetime().nullable() })
  .strict();
export type AbsenceRequest = z.infer<typeof absenceRequest>;

const longText = z.string().max(4000);
/** Free texts shown on public pages, in each language; may be empty (the page then shows nothing). */
export const localizedText = z.object({ ar: longText, fr: longText, en: longText }).strict();

export const installationSettings = z
  .object({
    organisation: z.object({ name: localizedText, contact: localizedText }).strict(),
    /** #rrggbb; must reach 4.5:1 contrast against white (accent_contrast_low) */
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    texts: z
      .object({
        /** the home page's introduction */
        home: localizedText,
        /** the privacy notice */
        privacy: localizedText,
        /** where else to turn when a channel cannot take reports (shown to reporters) */
        otherChannels: localizedText,
      })
      .strict(),
    deadlines: z.object({ acknowledgeDays: z.number().int(), feedbackDays: z.number().int() }).strict(),
    retention: z.object({ closedCaseMonths: z.number().int() }).strict(),
    statistics: z.object({ k: z.number().int() }).strict(),
  })
  .strict();
export type InstallationSettings = z.infer<typeof installationSettings>;

/** The bounds the server enforces, sent so the console can show them before saving. */
export interface SettingsLimits {
  acknowledgeDays: { min: number; max: number };
  feedbackDays: { min: number; max: number };
  closedCaseMonths: { min: number; max: number };
  k: { min: number; max: number };
  minContrast: number;
}

export interface SettingsHistoryEntry {
  at: string;
  actorId: string | null;
  actorName: string | null;
  /** audit action: settings.update, channel.create, channel.publish, channel.active, channel.order, logo.update... */
  action: string;
  /** what changed, as paths ("deadlines.acknowledgeDays", "texts.home.fr"); never the free text itself */
  changed: string[];
  channelId: string | null;
  version: number | null;
}

export const READINESS_ITEMS = ['officers', 'mail', 'recovery_key', 'organisation', 'transparency', 'backups'] as const;
export type ReadinessItemId = (typeof READINESS_ITEMS)[number];
/** items an administrator confirms by hand (the server cannot observe them) */
export const CONFIRMABLE_ITEMS: readonly ReadinessItemId[] = ['mail', 'recovery_key', 'backups'];

export interface ReadinessItem {
  id: ReadinessItemId;
  done: boolean;
  /** client path where the item is done, e.g. "/staff/admin/channels" */
  href: string;
  /** ids of active channels nobody can read (officers), "smtp" | "file" (mail), last backup date (backups) */
  detail: Record<string, string | number | boolean | string[]>;
  confirmedAt: string | null;
}

export interface Readiness {
  complete: boolean;
  items: ReadinessItem[];
}

/** What public pages show of the installation; all optional texts may be empty. */
export interface PublicSite {
  organisation: { name: Localized | Record<'ar' | 'fr' | 'en', string>; contact: Record<'ar' | 'fr' | 'en', string> };
  accentColor: string;
  texts: { home: Record<'ar' | 'fr' | 'en', string>; privacy: Record<'ar' | 'fr' | 'en', string>; otherChannels: Record<'ar' | 'fr' | 'en', string> };
  hasLogo: boolean;
}

export interface ChannelVersionResponse {
  version: number;
  definition: ChannelDefinition;
}

export type { StaffSummary };
