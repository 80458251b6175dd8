/**
 * The channels a new installation starts with, loaded into the store on first start
 * (server/services/seed-defaults.ts). Administrators change them afterwards.
 * Texts: Arabic, French, English. Every questionnaire uses each question type once at
 * least, so a fresh installation exercises the whole form renderer.
 */
import type { ChannelDefinition } from '../../shared/api/channel.schema';
import { evidence, no, ongoing, otherCategory, othersAware, unknown, what, when, where, yes } from './questions';
import { procurementChannel, serviceComplaintChannel } from './municipal-channels';

export interface DefaultChannel {
  id: string;
  slug: string;
  definition: ChannelDefinition;
}

const corruption: DefaultChannel = {
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
      otherCategory,
    ],
    questionnaire: [
      what,
      when,
      where,
      {
        id: 'involved',
        type: 'multiple_choice',
        label: { ar: 'من هم المعنيون؟', fr: 'Qui est impliqué ?', en: 'Who is involved?' },
        required: false,
        options: [
          { id: 'elected_official', label: { ar: 'منتخب', fr: 'Un élu', en: 'An elected official' } },
          { id: 'employee', label: { ar: 'موظف جماعي', fr: 'Un agent communal', en: 'A municipal employee' } },
          { id: 'contractor', label: { ar: 'مقاول أو مورد', fr: 'Une entreprise ou un fournisseur', en: 'A contractor or supplier' } },
          { id: 'intermediary', label: { ar: 'وسيط', fr: 'Un intermédiaire', en: 'An intermediary' } },
        ],
      },
      {
        id: 'money_involved',
        type: 'single_choice',
        label: { ar: 'هل هناك مبلغ مالي؟', fr: 'Une somme d’argent est-elle en jeu ?', en: 'Is a sum of money involved?' },
        required: true,
        options: [yes, no, unknown],
      },
      {
        id: 'amount',
        type: 'short_text',
        label: { ar: 'المبلغ التقريبي', fr: 'Montant approximatif', en: 'Approximate amount' },
        required: false,
        maxLength: 100,
        showIf: { questionId: 'money_involved', anyOf: ['yes'] },
      },
      ongoing,
      evidence,
    ],
    allowIdentity: true,
    routing: [],
  },
};

const maladministration: DefaultChannel = {
  id: 'ch-maladministration',
  slug: 'maladministration',
  definition: {
    name: { ar: 'سوء التدبير الإداري', fr: 'Mauvaise administration', en: 'Maladministration' },
    description: {
      ar: 'تأخير غير مبرر، رفض خدمة دون سبب، مخالفة المساطر أو الشطط في استعمال السلطة من طرف مصالح الجماعة.',
      fr: 'Retards injustifiés, refus de service sans motif, procédures non respectées ou abus de pouvoir par les services de la commune.',
      en: 'Unjustified delays, refusal of service without reason, procedures not followed or abuse of power by the municipality’s departments.',
    },
    categories: [
      { id: 'unjustified_delay', label: { ar: 'تأخير غير مبرر', fr: 'Retard injustifié', en: 'Unjustified delay' } },
      { id: 'procedure_breach', label: { ar: 'مخالفة المساطر', fr: 'Procédure non respectée', en: 'Procedure not followed' } },
      { id: 'abuse_of_power', label: { ar: 'الشطط في استعمال السلطة', fr: 'Abus de pouvoir', en: 'Abuse of power' } },
      { id: 'discrimination', label: { ar: 'تمييز', fr: 'Discrimination', en: 'Discrimination' } },
      { id: 'negligence', label: { ar: 'إهمال', fr: 'Négligence', en: 'Negligence' } },
      otherCategory,
    ],
    questionnaire: [
      what,
      {
        id: 'department',
        type: 'single_choice',
        label: { ar: 'ما هي المصلحة المعنية؟', fr: 'Quel service est concerné ?', en: 'Which department is concerned?' },
        required: true,
        options: [
          { id: 'civil_status', label: { ar: 'الحالة المدنية', fr: 'État civil', en: 'Civil registry' } },
          { id: 'urban_planning', label: { ar: 'التعمير', fr: 'Urbanisme', en: 'Urban planning' } },
          { id: 'local_taxes', label: { ar: 'الجبايات المحلية', fr: 'Fiscalité locale', en: 'Local taxes' } },
          { id: 'business_licences', label: { ar: 'الرخص الاقتصادية', fr: 'Autorisations économiques', en: 'Business licences' } },
          { id: 'hygiene', label: { ar: 'حفظ الصحة', fr: 'Bureau d’hygiène', en: 'Public health office' } },
          { id: 'other', label: { ar: 'مصلحة أخرى', fr: 'Autre service', en: 'Another department' } },
        ],
      },
      {
        id: 'request_date',
        type: 'date',
        label: { ar: 'تاريخ تقديم الطلب أو وقوع الأحداث', fr: 'Date de la demande ou des faits', en: 'Date of the request or of the events' },
        required: false,
      },
      {
        id: 'file_reference',
        type: 'short_text',
        label: { ar: 'رقم الملف أو الوصل (إن وجد)', fr: 'Numéro de dossier ou de récépissé (le cas échéant)', en: 'File or receipt number (if any)' },
        required: false,
        maxLength: 100,
      },
      {
        id: 'consequences',
        type: 'multiple_choice',
        label: { ar: 'ما هي العواقب بالنسبة إليك؟', fr: 'Quelles en ont été les conséquences pour vous ?', en: 'What were the consequences for you?' },
        required: false,
        options: [
          { id: 'financial_loss', label: { ar: 'خسارة مالية', fr: 'Perte financière', en: 'Financial loss' } },
          { id: 'lost_right', label: { ar: 'ضياع حق أو فرصة', fr: 'Perte d’un droit ou d’une opportunité', en: 'A right or opportunity lost' } },
          { id: 'health', label: { ar: 'ضرر صحي', fr: 'Atteinte à la santé', en: 'Harm to health' } },
          { id: 'none', label: { ar: 'لا شيء', fr: 'Aucune', en: 'None' } },
        ],
      },
      {
        id: 'complained_before',
        type: 'single_choice',
        label: { ar: 'هل سبق أن اشتكيت لدى المصلحة المعنية؟', fr: 'Avez-vous déjà réclamé auprès du service concerné ?', en: 'Have you already complained to the department concerned?' },
        required: true,
        options: [yes, no],
      },
      {
        id: 'complaint_answer',
        type: 'long_text',
        label: { ar: 'ما هو الجواب الذي تلقيته؟', fr: 'Quelle réponse avez-vous reçue ?', en: 'What answer did you receive?' },
        required: false,
        maxLength: 5000,
        showIf: { questionId: 'complained_before', anyOf: ['yes'] },
      },
      othersAware,
      evidence,
    ],
    allowIdentity: true,
    routing: [],
  },
};

export const defaultChannels: DefaultChannel[] = [corruption, maladministration, procurementChannel, serviceComplaintChannel];
