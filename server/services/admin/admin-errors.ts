/**
 * Expected failures of the administration API (shared/api/admin.schema.ts lists them), each
 * with a stable id the console relies on. Store adapters throw the ones an atomic write
 * decides (slug taken, version conflict, order mismatch), so they live beside the services.
 */
import { AppError } from '../../errors';

type Details = Record<string, string | number | boolean>;
const make =
  (id: string, status: number, message: string) =>
  (details?: Details) =>
    new AppError(id, status, message, details);

/** The first problem of a definition; details carry `path` and `problems` (how many in all). */
export const DefinitionRejected = (id: string, path: string, problems: number) =>
  new AppError(id, 400, `The questionnaire has a problem at ${path} (${id}).`, { path, problems });
export const SlugTaken = make('slug_taken', 409, 'Another channel already uses this address name.');
export const VersionConflict = make('version_conflict', 409, 'Someone published this channel since you opened it. Reload it and apply your change again.');
export const OrderMismatch = make('order_mismatch', 400, 'The order must name every channel exactly once.');
export const AccentContrastLow = make('accent_contrast_low', 400, 'The accent colour is too light: text on it would be hard to read.');
export const DeadlineTooLong = make('deadline_too_long', 400, 'This deadline is longer than the law allows.');
export const DeadlineTooShort = make('deadline_too_short', 400, 'This deadline is too short.');
export const RetentionOutOfRange = make('retention_out_of_range', 400, 'The retention period is outside the allowed range.');
export const KTooSmall = make('k_too_small', 400, 'The statistics threshold is below the minimum that protects reporters.');
export const LogoInvalid = (status: 400 | 415, reason: string) =>
  new AppError('logo_invalid', status, 'The logo must be a PNG, JPEG or WebP image of at most 256 KiB.', { reason });
export const LogoNotFound = make('logo_not_found', 404, 'This installation has no logo.');
export const ReadinessItemUnknown = make('readiness_item_unknown', 404, 'No such readiness item.');
export const ReadinessItemNotConfirmable = make('readiness_item_not_confirmable', 400, 'This item turns green by itself once it is done; it cannot be confirmed by hand.');
export const QuestionnaireVersionUnknown = make('questionnaire_version_unknown', 400, 'This questionnaire version does not exist for the channel. Reload the page.');
