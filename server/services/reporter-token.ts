/**
 * Stateless reporter session tokens: base64url(JSON payload) "." base64url(HMAC-SHA256).
 * Carried in `Authorization: Bearer`, never in a cookie, and short-lived, so a token left in
 * a shared computer's memory opens nothing for long. The payload also carries the access
 * time the case had before this session opened, because opening the session overwrites it
 * and the reporter must still be shown the previous one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SessionExpired, SessionInvalid } from '../errors';
import { deriveKey } from './derived-keys';

export const REPORTER_SESSION_TTL_MS = 30 * 60 * 1000;
const MAX_TOKEN_LENGTH = 512;
const SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

const payloadSchema = z.object({
  caseId: z.string().min(1).max(64),
  exp: z.number().int().positive(),
  prev: z.number().int().nonnegative().nullable(),
}).strict();

export interface ReporterSession {
  caseId: string;
  expiresAt: Date;
  previousAccessAt: Date | null;
}

export class ReporterTokens {
  private readonly key: Buffer;

  constructor(sessionKey: Buffer, private readonly ttlMs: number = REPORTER_SESSION_TTL_MS) {
    this.key = deriveKey(sessionKey, 'reporter-session');
  }

  issue(caseId: string, previousAccessAt: Date | null, now: Date): { token: string; expiresAt: Date } {
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const payload = { caseId, exp: expiresAt.getTime(), prev: previousAccessAt === null ? null : previousAccessAt.getTime() };
    const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return { token: `${encoded}.${this.mac(encoded).toString('base64url')}`, expiresAt };
  }

  /** throws SessionInvalid for anything not made by issue() with this key, SessionExpired after exp */
  verify(token: string, now: Date): ReporterSession {
    const match = token.length <= MAX_TOKEN_LENGTH ? SHAPE.exec(token) : null;
    if (!match) throw SessionInvalid();
    const [, encoded = '', macPart = ''] = match;
    const given = Buffer.from(macPart, 'base64url');
    const expected = this.mac(encoded);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw SessionInvalid();
    const payload = payloadSchema.safeParse(parseJson(Buffer.from(encoded, 'base64url').toString('utf8')));
    if (!payload.success) throw SessionInvalid();
    if (payload.data.exp <= now.getTime()) throw SessionExpired();
    return {
      caseId: payload.data.caseId,
      expiresAt: new Date(payload.data.exp),
      previousAccessAt: payload.data.prev === null ? null : new Date(payload.data.prev),
    };
  }

  private mac(encoded: string): Buffer {
    return createHmac('sha256', this.key).update(encoded, 'ascii').digest();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
