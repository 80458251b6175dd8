/**
 * Questions and option lists the default channels share, so a wording is fixed once in
 * the three languages and every channel asks it the same way.
 */
import type { Question } from '../../shared/api/channel.schema';
import type { Localized } from '../../shared/api/common.schema';

export const yes = { id: 'yes', label: { ar: 'نعم', fr: 'Oui', en: 'Yes' } };
export const no = { id: 'no', label: { ar: 'لا', fr: 'Non', en: 'No' } };
export const unknown = { id: 'unknown', label: { ar: 'لا أعرف', fr: 'Je ne sais pas', en: 'I do not know' } };
export const otherCategory = { id: 'other', label: { ar: 'أخرى', fr: 'Autre', en: 'Other' } };

/** Reporters often name themselves without meaning to; the first question says so. */
const identifyingHelp: Localized = {
  ar: 'لا تذكر معلومات قد تكشف هويتك إلا إذا رغبت في ذلك.',
  fr: 'N’indiquez pas d’informations qui pourraient vous identifier, sauf si vous le souhaitez.',
  en: 'Do not include details that could identify you unless you want to.',
};

export function describeQuestion(label: Localized): Question {
  return { id: 'what', type: 'long_text', label, help: identifyingHelp, required: true, maxLength: 20000 };
}

export const what = describeQuestion({ ar: 'صف ما حدث بالتفصيل', fr: 'Décrivez en détail ce qui s’est passé', en: 'Describe in detail what happened' });

export const when: Question = {
  id: 'when',
  type: 'date',
  label: { ar: 'متى حدث ذلك؟', fr: 'Quand cela s’est-il produit ?', en: 'When did it happen?' },
  required: false,
};

export const where: Question = {
  id: 'where',
  type: 'short_text',
  label: { ar: 'أين حدث ذلك (المصلحة، المكان)؟', fr: 'Où cela s’est-il produit (service, lieu) ?', en: 'Where did it happen (department, place)?' },
  required: false,
  maxLength: 300,
};

export const evidence: Question = {
  id: 'evidence',
  type: 'file',
  label: { ar: 'وثائق أو صور (اختياري)', fr: 'Documents ou photos (facultatif)', en: 'Documents or photos (optional)' },
  help: {
    ar: 'تُزال البيانات الوصفية (مثل الموقع الجغرافي للصور) قبل التشفير كلما أمكن ذلك.',
    fr: 'Les métadonnées (comme la position GPS des photos) sont retirées avant le chiffrement lorsque le format le permet.',
    en: 'Metadata (such as the GPS position in photos) is removed before encryption where the format allows.',
  },
  required: false,
};

export const ongoing: Question = {
  id: 'ongoing',
  type: 'single_choice',
  label: { ar: 'هل ما زال الأمر مستمراً؟', fr: 'La situation se poursuit-elle ?', en: 'Is it still going on?' },
  required: true,
  options: [yes, no, unknown],
};

export const othersAware: Question = {
  id: 'others_aware',
  type: 'multiple_choice',
  label: { ar: 'من يعلم أيضاً بهذا الأمر؟', fr: 'Qui d’autre est au courant ?', en: 'Who else knows about this?' },
  required: false,
  options: [
    { id: 'colleagues', label: { ar: 'زملاء', fr: 'Des collègues', en: 'Colleagues' } },
    { id: 'management', label: { ar: 'الرؤساء المباشرون', fr: 'La hiérarchie', en: 'Management' } },
    { id: 'other_authority', label: { ar: 'جهة رسمية أخرى', fr: 'Une autre autorité', en: 'Another authority' } },
    { id: 'press', label: { ar: 'الصحافة', fr: 'La presse', en: 'The press' } },
    { id: 'nobody', label: { ar: 'لا أحد', fr: 'Personne', en: 'Nobody' } },
  ],
};
