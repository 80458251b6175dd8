/**
 * Turns a port MailMessage into nodemailer options, the same way for SMTP and for .eml
 * files. A notification must not be able to reveal that, when or where it was opened:
 * no remote or embedded resources, and nodemailer may not fetch URLs or read files.
 */
import { createHash } from 'node:crypto';
import type Mail from 'nodemailer/lib/mailer';
import type { MailMessage } from '../../ports/mail.port';

/**
 * Anything that makes a mail client load something or show an image. Templates are ours,
 * so a match is a bug, and refusing to send is safer than sending a beacon.
 */
const RESOURCE = /<\s*(img|image|link|script|iframe|frame|object|embed|video|audio|source|track|picture|svg|base|meta\s+http-equiv)\b|\b(src|srcset|background|poster|lowsrc|dynsrc)\s*=|url\s*\(|@import/i;

export class MailHasResources extends Error {
  constructor() {
    super('mail html carries a remote or embedded resource; notifications must be plain');
  }
}

export function assertNoResources(html: string): void {
  if (RESOURCE.test(html)) throw new MailHasResources();
}

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * RFC 5322 Message-ID from the port's deterministic id. Hashed, because the raw id
 * (notify:<caseId>:...) would hand case ids to every mail server on the way, and its
 * colons are not allowed in a msg-id anyway.
 */
export function messageIdHeader(messageId: string, from: string): string {
  const domain = from.slice(from.lastIndexOf('@') + 1) || 'localhost';
  return `<${sha256Hex(messageId).slice(0, 32)}@${domain}>`;
}

const crlf = (value: string): string => value.replace(/\r?\n/g, '\r\n');

export function composeMail(message: MailMessage, from: string): Mail.Options {
  assertNoResources(message.html);
  return {
    from,
    to: message.to,
    subject: message.subject,
    messageId: messageIdHeader(message.messageId, from),
    headers: { 'Content-Language': message.language },
    // Bare LFs in a body survive quoted-printable as bare LFs; RFC 5322 allows only CRLF.
    text: crlf(message.text),
    html: crlf(message.html),
    // Both default to allowed in nodemailer; a mail body must never make the server fetch.
    disableUrlAccess: true,
    disableFileAccess: true,
  };
}
