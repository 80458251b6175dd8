/**
 * mail.invite: the invitation mail with the activation link `${PUBLIC_URL}/activate#<token>`.
 *
 * The payload carries ids only ({staffId, inviteId}). The token is derived from the
 * invitation id with a server key when the mail is sent (StaffSecrets.inviteToken), so it
 * never sits in the outbox or in Redis, and a retry re-derives the same token and sends the
 * same link: a link already delivered keeps working. Sending is claimed like every mail
 * (send-marker.ts), so a job sends at most once. The token is in the #fragment so the
 * browser never sends it to a server in a URL.
 */
import { z } from 'zod';
import type { Config } from '../../config';
import type { Logger } from '../../server/logger';
import type { JobHandler } from '../../server/ports/jobs.port';
import type { Lang, Store } from '../../server/ports/store.port';
import type { Mailer, MailMessage } from '../../server/ports/mail.port';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { INVITE_TTL_MS } from '../../server/services/staff/activation-token';
import { StaffSecrets, tokenHash } from '../../server/services/staff/staff-secrets';
import { claimSend, recordSendFailure } from '../mail/send-marker';

const invitePayload = z.object({ staffId: z.string().min(1).max(64), inviteId: z.string().uuid() }).strict();

export interface InviteDeps {
  config: Pick<Config, 'env' | 'secrets'>;
  store: Pick<Store, 'staff' | 'tokens' | 'markers'>;
  mailer: Mailer;
  logger: Logger;
  now?: () => Date;
}

const WORDING: Record<Lang, { subject: string; intro: string; action: string; expiry: string; footer: string }> = {
  en: {
    subject: 'Your Amana staff account',
    intro: 'An administrator has created an Amana staff account for you.',
    action: 'Open this link to choose your password, set up two-step sign-in and make your keys',
    expiry: 'The link works once and expires in 3 days.',
    footer: 'If you did not expect this message, ignore it: nothing happens without the link.',
  },
  fr: {
    subject: 'Votre compte Amana',
    intro: 'Un administrateur vous a créé un compte du personnel Amana.',
    action: 'Ouvrez ce lien pour choisir votre mot de passe, configurer la connexion en deux étapes et créer vos clés',
    expiry: 'Le lien ne fonctionne qu’une fois et expire dans 3 jours.',
    footer: 'Si vous n’attendiez pas ce message, ignorez-le : rien ne se passe sans le lien.',
  },
  ar: {
    subject: 'حسابك في أمانة',
    intro: 'أنشأ لك أحد المسؤولين حساب موظف في منصة أمانة.',
    action: 'افتح هذا الرابط لاختيار كلمة المرور وإعداد تسجيل الدخول بخطوتين وإنشاء مفاتيحك',
    expiry: 'يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد 3 أيام.',
    footer: 'إذا لم تكن تتوقع هذه الرسالة فتجاهلها: لا يحدث شيء دون الرابط.',
  },
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

export function renderInvite(language: Lang, link: string): Pick<MailMessage, 'subject' | 'text' | 'html' | 'language'> {
  const w = WORDING[language];
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const text = [w.intro, `${w.action}:`, link, w.expiry, w.footer].join('\n\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${language}" dir="${dir}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(w.subject)}</title></head>`,
    `<body dir="${dir}">`,
    `<p>${escapeHtml(w.intro)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(w.action)}</a></p>`,
    `<p dir="ltr">${escapeHtml(link)}</p>`,
    `<p>${escapeHtml(w.expiry)}</p>`,
    `<p><small>${escapeHtml(w.footer)}</small></p>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { subject: w.subject, text, html, language };
}

export function inviteJob(deps: InviteDeps): JobHandler {
  const { config, store, mailer, logger } = deps;
  const clock = deps.now ?? (() => new Date());
  const secrets = new StaffSecrets(config.secrets);
  return {
    name: JOB_NAMES.invite,
    async run(payload, { jobId, signal }) {
      const p = invitePayload.parse(payload);
      const staff = await store.staff.get(p.staffId);
      // Activated or deactivated since: the invitation has lost its reason.
      if (!staff || staff.status !== 'invited') return;
      const token = secrets.inviteToken(p.inviteId);
      const now = clock();
      await store.tokens.create({ tokenHash: tokenHash(token), purpose: 'activation', staffId: staff.id, createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) });
      const link = `${config.env.PUBLIC_URL.replace(/\/+$/, '')}/activate#${token}`;
      signal.throwIfAborted();

      const claim = await claimSend(store.markers, jobId, clock());
      if (claim === null) return;
      try {
        await mailer.send({ messageId: jobId, to: staff.email, ...renderInvite(staff.language, link) });
      } catch (err) {
        await recordSendFailure(store.markers, claim, clock());
        throw err;
      }
      logger.info({ jobId, staffId: staff.id }, 'invitation sent');
    },
  };
}
