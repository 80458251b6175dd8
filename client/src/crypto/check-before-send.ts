/**
 * The browser runs the server's own request schemas (shared/api, whose ciphertext fields use
 * shared/crypto/envelope-check.ts) on what it is about to send, so a ciphertext this page
 * made wrongly is caught here, with the same stable ids the server would answer, before
 * anything leaves; and it refuses to seal anything to a public key that is not a real
 * X25519 key (a low-order key would let anyone open the sealed box).
 */
import type { z } from 'zod';
import { CIPHERTEXT_RULES, checkCiphertextB64 } from '../../../shared/crypto/envelope-check';
import { ApiFailure } from '../api/http';

function envelopeReason(issue: z.ZodIssue): string | null {
  const params = (issue as { params?: { envelope?: unknown } }).params;
  return typeof params?.envelope === 'string' ? params.envelope : null;
}

/** Throws the failure the server would answer (envelope_invalid or validation_failed), status 0: nothing was sent. */
export function checkBeforeSend<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, request: unknown): void {
  const parsed = schema.safeParse(request);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.');
  const reason = envelopeReason(issue);
  if (reason) throw new ApiFailure('envelope_invalid', 0, `${field}: this is not a valid ciphertext (${reason}).`, { field, reason });
  throw new ApiFailure('validation_failed', 0, `${field}: ${issue.message}`, { field });
}

/** A recipient key from the server (officer, custodian) must be one x25519 could have made. */
export function checkRecipientKey(publicKey: string, recipient: string): void {
  const problem = checkCiphertextB64(publicKey, CIPHERTEXT_RULES.publicKey);
  if (problem) throw new ApiFailure('recipient_key_invalid', 0, `The public key of ${recipient} is not a valid key (${problem.reason}).`, { field: recipient, reason: problem.reason });
}
