/**
 * Renders a notification. A mail passes through servers and lock screens nobody here
 * controls, so it says only that a case in a channel needs attention and links to the
 * staff workspace: no category, no content, no reporter data, no image, and no address
 * other than PUBLIC_URL. The link carries the case id, which opens nothing without signing
 * in and holding the case key. A custodian's mail about an identity request says even less.
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

export function identityRequestsLink(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/staff/identity-requests`;
}

/** The one HTML layout: `paragraphs` are already escaped; the link is the only address. */
function htmlPage(language: Lang, subject: string, paragraphs: string[], link: string, open: string, footer: string): string {
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}" dir="${dir}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body dir="${dir}">`,
    ...paragraphs.map((p) => `<p>${p}</p>`),
    `<p><a href="${escapeHtml(link)}">${escapeHtml(open)}</a></p>`,
    `<p dir="ltr">${escapeHtml(link)}</p>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
    '</body>',
    '</html>',
  ].join('\n');
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
  const html = htmlPage(input.language, subject, [fillHtml(words.attention), escapeHtml(reason)], link, words.open, words.footer);
  return { subject, text, html, language: input.language };
}

/**
 * A custodian's mail about an identity request: fixed wording and the link to the list of
 * requests. No case id, channel, officer or reason: who asks about what is only shown after
 * signing in, and the reason only opens with the custodian's own key.
 */
export function renderIdentityRequest(input: { language: Lang; publicUrl: string }): RenderedMail {
  const words = WORDING[input.language];
  const { subject, waiting, open } = words.identityRequest;
  const link = identityRequestsLink(input.publicUrl);
  const text = [waiting, `${open}: ${link}`, words.footer].join('\n\n');
  const html = htmlPage(input.language, subject, [escapeHtml(waiting)], link, open, words.footer);
  return { subject, text, html, language: input.language };
}
