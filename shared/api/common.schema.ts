/**
 * Shapes shared by the browser and the server. Binary values travel as standard base64
 * strings; lengths are checked here so malformed input is refused before any work.
 */
import { z } from 'zod';
import { checkCiphertextB64, type CiphertextRule } from '../crypto/envelope-check';

export const LANGS = ['ar', 'fr', 'en'] as const;
export const lang = z.enum(LANGS);
export type Lang = z.infer<typeof lang>;

export const localized = z.object({ ar: z.string().min(1).max(500), fr: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type Localized = z.infer<typeof localized>;

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** decoded length of padded base64 */
export function b64Length(s: string): number {
  return (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
}

/** base64 whose decoded length is between min and max bytes */
export function b64(minBytes: number, maxBytes: number) {
  return z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4)
    .regex(B64, 'must be base64')
    .refine((s) => s.length % 4 === 0, 'must be padded base64')
    .refine((s) => {
      const bytes = b64Length(s);
      return bytes >= minBytes && bytes <= maxBytes;
    }, `must decode to ${minBytes === maxBytes ? minBytes : `${minBytes} to ${maxBytes}`} bytes`);
}

/**
 * A ciphertext field: base64 whose bytes pass shared/crypto/envelope-check.ts for `rule`. A
 * refusal is a custom issue carrying `params.envelope` (the stable reason), which the server's
 * validate() answers as `envelope_invalid`; the browser runs the same check before sending.
 */
export function ciphertext(rule: CiphertextRule) {
  return z
    .string()
    // No .max(): checkCiphertextB64 refuses an overlong string by its length before decoding it.
    .superRefine((s, ctx) => {
      const problem = checkCiphertextB64(s, rule);
      if (problem) ctx.addIssue({ code: 'custom', message: `is not a valid ciphertext (${problem.reason})`, params: { envelope: problem.reason } });
    });
}

export const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be an identifier');
export const uuid = z.string().uuid();

export const CASE_STATUSES = ['received', 'acknowledged', 'investigating', 'closed'] as const;
export const caseStatus = z.enum(CASE_STATUSES);
export const CASE_OUTCOMES = ['substantiated', 'not_substantiated', 'referred', 'inadmissible'] as const;
export const caseOutcome = z.enum(CASE_OUTCOMES);

export interface ApiError {
  error: { id: string; message: string; details?: Record<string, string | number | boolean> };
}

export function toB64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function fromB64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
