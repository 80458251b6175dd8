/**
 * Reasons written beside a case's history: why its status changed (shown to the reporter)
 * and why an officer asked for the reporter's identity (kept with the case). They are
 * `message` envelopes under the case key whose context names what they explain, so a
 * reason can be neither mistaken for a message (whose context is a UUID) nor moved from
 * one kind of event to another: a reason given for closing does not open as one for an
 * acknowledgement.
 */
import { fromB64, toB64 } from '../../../shared/api/common.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';

export type ReasonSubject = { kind: 'status'; status: string } | { kind: 'identity_request' };

export interface ReasonV1 {
  v: 1;
  text: string;
}

/**
 * A paragraph. Even written entirely in characters JSON escapes to six bytes, it pads to an
 * 8 KiB bucket at most, inside the server's 16 KiB cap on a reason's ciphertext.
 */
export const REASON_MAX_CHARS = 1000;

export function reasonContext(subject: ReasonSubject): string {
  return subject.kind === 'status' ? `reason/status/${subject.status}` : 'reason/identity-request';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function sealReason(crypto: AmanaCrypto, caseKey: Uint8Array, subject: ReasonSubject, text: string): string {
  const body: ReasonV1 = { v: 1, text: text.slice(0, REASON_MAX_CHARS) };
  return toB64(crypto.encryptEnvelope(caseKey, encoder.encode(JSON.stringify(body)), reasonContext(subject), 'message'));
}

export function parseReason(json: string): ReasonV1 | null {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  return record.v === 1 && typeof record.text === 'string' ? { v: 1, text: record.text } : null;
}

/** The reason's text, or null when it does not open under this key and subject. */
export function openReason(crypto: AmanaCrypto, caseKey: Uint8Array, subject: ReasonSubject, sealed: string): string | null {
  try {
    return parseReason(decoder.decode(crypto.decryptEnvelope(caseKey, fromB64(sealed), reasonContext(subject), 'message')))?.text ?? null;
  } catch {
    return null;
  }
}
