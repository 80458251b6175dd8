/**
 * What a failed attempt records in the outbox (shown to administrators in the dead-letter
 * list). Handler errors can quote what they worked on: a zod error carries the payload's
 * values, an SMTP error the recipient. Only the error's kind and a scrubbed, short message
 * are kept.
 */
import { ZodError } from 'zod';

const MAX_LENGTH = 300;
const EMAIL = /[^\s<>"'@]+@[^\s<>"'@]+/g;
const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/g;
const IPV6 = /\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\b/gi;

export function errorSummary(err: unknown): string {
  if (err instanceof ZodError) {
    // Paths name fields, never values.
    const paths = err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
    return `invalid payload (${paths})`.slice(0, MAX_LENGTH);
  }
  if (!(err instanceof Error)) return 'non-error thrown';
  const code = (err as NodeJS.ErrnoException).code;
  const head = typeof code === 'string' ? `${err.name} ${code}` : err.name;
  const message = err.message.replace(EMAIL, '<address>').replace(IPV4, '<ip>').replace(IPV6, '<ip>');
  return `${head}: ${message}`.slice(0, MAX_LENGTH);
}
