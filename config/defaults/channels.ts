/**
 * The channels a new installation starts with, loaded into the store on first start
 * (server/services/seed-defaults.ts). Administrators change them afterwards.
 * Texts: Arabic, French, English.
 */
import type { ChannelDefinition } from '../../shared/api/channel.schema';

export interface DefaultChannel {
  id: string;
  slug: string;
  definition: ChannelDefinition;
}

const when = { ar: 'متى حدث ذلك؟', fr: 'Quand cela s’est-il produit ?', en: 'When did it happen?' };
const where = { ar: 'أين حدث ذلك (المصلحة، المكان)؟', fr: 'Où cela s’est-il produit (service, lieu) ?', en: 'Where did it happen (department, place)?' };
const what = { ar: 'صف ما حدث بالتفصيل', fr: 'Décrivez en détail ce qui s’est passé', en: 'Describe in detail what happened' };
const evidence = { ar: 'وثائق أو صور (اختياري)', fr: 'Documents ou photos (facultatif)', en: 'Documents or photos (optional)' };

export const defaultChannels: DefaultChannel[] = [
  {
    id: 'ch-corruption',
    slug: 'corruption',
    definition: {
      name: { ar: 'الفساد والرشوة', fr: 'Corruption et pots-de-vin', en: 'Corruption and bribery' },
      description: {
        ar: 'رشوة، اختلاس، استغلال النفوذ أو تضارب المصالح داخل الجماعة.',
        fr: 'Pots-de-vin, détournement, trafic d’influence ou conflit d’intérêts au sein de la commune.',
        en: 'Bribes, embezzlement, influence peddling or conflicts of interest within the municipality.',
      },
      categories: [
        { id: 'bribery', label: { ar: 'رشوة', fr: 'Pot-de-vin', en: 'Bribery' } },
        { id: 'embezzlement', label: { ar: 'اختلاس', fr: 'Détournement de fonds', en: 'Embezzlement' } },
        { id: 'conflict_of_interest', label: { ar: 'تضارب المصالح', fr: 'Conflit d’intérêts', en: 'Conflict of interest' } },
        { id: 'other', label: { ar: 'أخرى', fr: 'Autre', en: 'Other' } },
      ],
      questionnaire: [
        { id: 'what', type: 'long_text', label: what, required: true, maxLength: 20000 },
        { id: 'when', type: 'date', label: when, required: false },
        { id: 'where', type: 'short_text', label: where, required: false, maxLength: 300 },
        {
          id: 'money_involved',
          type: 'single_choice',
          label: { ar: 'هل هناك مبلغ مالي؟', fr: 'Une somme d’argent est-elle en jeu ?', en: 'Is a sum of money involved?' },
          required: true,
          options: [
            { id: 'yes', label: { ar: 'نعم', fr: 'Oui', en: 'Yes' } },
            { id: 'no', label: { ar: 'لا', fr: 'Non', en: 'No' } },
            { id: 'unknown', label: { ar: 'لا أعرف', fr: 'Je ne sais pas', en: 'I do not know' } },
          ],
        },
        {
          id: 'amount',
          type: 'short_text',
          label: { ar: 'المبلغ التقريبي', fr: 'Montant approximatif', en: 'Approximate amount' },
          required: false,
          maxLength: 100,
          showIf: { questionId: 'money_involved', anyOf: ['yes'] },
        },
        { id: 'evidence', type: 'file', label: evidence, required: false },
      ],
      allowIdentity: true,
      routing: [],
    },
  },
];
