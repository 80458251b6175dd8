/**
 * Renders a notification. A mail passes through servers and lock screens nobody here
 * controls, so it says only that a case in a channel needs attention and links to the
 * staff workspace: no category, no content, no reporter data, no image, and no address
 * other than PUBLIC_URL. The link carries the case id, which opens nothing without signing
 * in and holding the case key.
 */
import type { Lang } from '../../server/ports/store.port';
import type { MailMessage } from '../../server/ports/mail.port';
import { WORDING, type NotifyEvent } from './i18n';

export interface NotificationInput {
  event: NotifyEvent;
  language: Lang;
  /** the channel's public name in the recipient's language */
  channelName: string;
  caseId: string;
  publicUrl: string;
}

export type RenderedMail = Pick<MailMessage, 'subject' | 'text' | 'html' | 'language'>;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

/**
 * Channel names are set by administrators; control characters would let one break a
 * header line or the layout, so they become spaces.
 */
const oneLine = (value: string): string => value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim().slice(0, 200);

export function caseLink(publicUrl: string, caseId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/staff/cases/${encodeURIComponent(caseId)}`;
}

export function renderNotification(input: NotificationInput): RenderedMail {
  const words = WORDING[input.language];
  const channel = oneLine(input.channelName);
  const fill = (sentence: string): string => sentence.split('{channel}').join(channel);
  const fillHtml = (sentence: string): string => sentence.split('{channel}').map(escapeHtml).join(`<strong>${escapeHtml(channel)}</strong>`);
  const link = caseLink(input.publicUrl, input.caseId);
  const subject = fill(words.subject);
  const reason = words.reasons[input.event];

  const text = [fill(words.attention), reason, `${words.open}: ${link}`, words.footer].join('\n\n');

  const dir = input.language === 'ar' ? 'rtl' : 'ltr';
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${input.language}" dir="${dir}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body dir="${dir}">`,
    `<p>${fillHtml(words.attention)}</p>`,
    `<p>${escapeHtml(reason)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(words.open)}</a></p>`,
    `<p dir="ltr">${escapeHtml(link)}</p>`,
    `<p><small>${escapeHtml(words.footer)}</small></p>`,
    '</body>',
    '</html>',
  ].join('\n');

  return { subject, text, html, language: input.language };
}
