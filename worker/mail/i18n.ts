/**
 * Notification wording in the three languages. Every sentence is fixed text: the only
 * variables a mail ever carries are the channel's public name and the link. A reason line
 * tells the officer why they are asked to sign in, never anything about the case itself.
 */
import type { Lang } from '../../server/ports/store.port';

/** events whose mail is about one case in a channel (renderNotification) */
export const NOTIFY_EVENTS = ['new-case', 'reporter-message', 'deadline-approaching', 'deadline-missed', 'ack-escalation'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/**
 * A custodian's mail (renderIdentityRequest). Custodians are not members of the case's
 * channel, so it names neither the case nor the channel: only that a decision waits.
 */
export const IDENTITY_REQUEST_EVENT = 'identity-request';

export interface MailWording {
  /** `{channel}` is replaced by the channel's name in this language */
  subject: string;
  attention: string;
  reasons: Record<NotifyEvent, string>;
  open: string;
  footer: string;
  identityRequest: { subject: string; waiting: string; open: string };
}

export const WORDING: Record<Lang, MailWording> = {
  en: {
    subject: 'Amana: a case in channel {channel} needs your attention',
    attention: 'A case in channel {channel} needs your attention.',
    reasons: {
      'new-case': 'It has been assigned to you.',
      'reporter-message': 'There is something new to read.',
      'deadline-approaching': 'A deadline is approaching.',
      'deadline-missed': 'A deadline has passed.',
      'ack-escalation': 'Its acknowledgement is late and has been escalated to you as supervisor.',
    },
    open: 'Sign in to Amana to open it',
    footer: 'This message contains no case details on purpose. Do not forward it.',
    identityRequest: {
      subject: 'Amana: a request is waiting for your decision',
      waiting: 'A request is waiting for your decision.',
      open: 'Sign in to Amana to see it',
    },
  },
  fr: {
    subject: 'Amana : un dossier du canal {channel} demande votre attention',
    attention: 'Un dossier du canal {channel} demande votre attention.',
    reasons: {
      'new-case': 'Il vous a été attribué.',
      'reporter-message': 'Il y a du nouveau à lire.',
      'deadline-approaching': 'Une échéance approche.',
      'deadline-missed': 'Une échéance est dépassée.',
      'ack-escalation': 'Son accusé de réception est en retard et vous est signalé en tant que superviseur.',
    },
    open: 'Connectez-vous à Amana pour l’ouvrir',
    footer: 'Ce message ne contient volontairement aucun détail du dossier. Ne le transférez pas.',
    identityRequest: {
      subject: 'Amana : une demande attend votre décision',
      waiting: 'Une demande attend votre décision.',
      open: 'Connectez-vous à Amana pour la consulter',
    },
  },
  ar: {
    subject: 'أمانة: ملف في قناة {channel} يتطلب انتباهك',
    attention: 'ملف في قناة {channel} يتطلب انتباهك.',
    reasons: {
      'new-case': 'لقد أُسند إليك.',
      'reporter-message': 'هناك جديد للاطلاع عليه.',
      'deadline-approaching': 'يقترب أجل محدد.',
      'deadline-missed': 'انقضى أجل محدد.',
      'ack-escalation': 'تأخر الإشعار بالاستلام وأُحيل إليك بصفتك مشرفًا.',
    },
    open: 'سجّل الدخول إلى أمانة لفتحه',
    footer: 'لا تتضمن هذه الرسالة عمدًا أي تفاصيل عن الملف. لا تقم بإعادة توجيهها.',
    identityRequest: {
      subject: 'أمانة: طلب ينتظر قرارك',
      waiting: 'هناك طلب ينتظر قرارك.',
      open: 'سجّل الدخول إلى أمانة للاطلاع عليه',
    },
  },
};
