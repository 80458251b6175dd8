/**
 * Turns any failure into a localized message key. Server errors are matched by their stable
 * id (server/errors.ts), never by their English message.
 */
import type { MessageKey } from '../i18n/en';
import { ApiFailure } from './http';

const BY_ID: Partial<Record<string, MessageKey>> = {
  network: 'error.network',
  timeout: 'error.timeout',
  rate_limited: 'error.rate_limited',
  receipt_invalid: 'error.receipt_invalid',
  pow_invalid: 'error.pow_invalid',
  pow_required: 'error.pow_required',
  channel_unavailable: 'error.channel_unavailable',
  channel_not_found: 'error.channel_not_found',
  report_not_found: 'error.report_not_found',
  attachment_not_found: 'error.attachment_not_found',
  attachment_incomplete: 'error.attachment_incomplete',
  payload_too_large: 'error.payload_too_large',
  validation_failed: 'error.validation_failed',
  malformed_json: 'error.validation_failed',
  unsupported_media_type: 'error.validation_failed',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  not_ready: 'error.not_ready',
  busy: 'error.busy',
  internal: 'error.internal',
  bad_response: 'error.bad_response',
  session_invalid: 'error.unauthenticated',
  session_expired: 'error.unauthenticated',
  attachment_too_large: 'error.payload_too_large',
  part_too_large: 'error.payload_too_large',
  too_many_attachments: 'error.too_many_attachments',
  attachment_attached: 'error.attachment_not_found',
  receipt_collision: 'error.receipt_collision',
  keys_invalid: 'error.keys_invalid',
  recipient_key_invalid: 'error.keys_invalid',
  envelope_invalid: 'error.envelope_invalid',
  identity_not_allowed: 'error.identity_not_allowed',
  category_unknown: 'error.validation_failed',
  attachment_parts_invalid: 'error.validation_failed',
  attachment_size_invalid: 'error.validation_failed',
  part_size_invalid: 'error.validation_failed',
  part_index_invalid: 'error.validation_failed',
  length_required: 'error.validation_failed',
};

/** CryptoError codes that mean "this ciphertext does not open", as opposed to a broken browser. */
const DECRYPT_CODES = new Set(['auth_failed', 'bad_version', 'bad_type', 'bad_length', 'bad_padding', 'truncated', 'bad_order']);

function cryptoCode(err: unknown): string | null {
  if (!(err instanceof Error) || err.name !== 'CryptoError') return null;
  const code = (err as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

export function errorMessageKey(err: unknown): MessageKey {
  if (err instanceof ApiFailure) return BY_ID[err.id] ?? 'error.unknown';
  const code = cryptoCode(err);
  if (code) return DECRYPT_CODES.has(code) ? 'error.decrypt' : 'error.crypto';
  return 'error.unknown';
}
