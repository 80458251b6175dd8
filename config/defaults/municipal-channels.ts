/**
 * The two default channels about municipal operations: public procurement and complaints
 * about a service. Procurement reports reach the procurement department's officers first.
 */
import type { DefaultChannel } from './channels';
import { describeQuestion, evidence, no, otherCategory, what, when, yes } from './questions';

export const procurementChannel: DefaultChannel = {
  id: 'ch-procurement',
  slug: 'procurement',
  definition: {
    name: { ar: 'الصفقات العمومية', fr: 'Marchés publics', en: 'Public procurement' },
    description: {
      ar: 'تلاعب في طلبات العروض، محاباة، تجزئة الصفقات، أو أشغال وتوريدات غير مطابقة لدفتر التحملات.',
      fr: 'Appels d’offres truqués, favoritisme, fractionnement des marchés, ou travaux et fournitures non conformes au cahier des charges.',
      en: 'Rigged tenders, favouritism, split contracts, or works and supplies that do not match the specifications.',
    },
    categories: [
      { id: 'bid_rigging', label: { ar: 'تواطؤ بين المتنافسين', fr: 'Entente entre soumissionnaires', en: 'Bid rigging' } },
      { id: 'favouritism', label: { ar: 'محاباة', fr: 'Favoritisme', en: 'Favouritism' } },
      { id: 'contract_splitting', label: { ar: 'تجزئة الصفقات', fr: 'Fractionnement des marchés', en: 'Contract splitting' } },
      { id: 'non_compliant_delivery', label: { ar: 'تنفيذ غير مطابق', fr: 'Exécution non conforme', en: 'Non-compliant delivery' } },
      otherCategory,
    ],
    questionnaire: [
      what,
      {
        id: 'tender_reference',
        type: 'short_text',
        label: { ar: 'مرجع طلب العروض أو الصفقة', fr: 'Référence de l’appel d’offres ou du marché', en: 'Tender or contract reference' },
        required: false,
        maxLength: 100,
      },
      {
        id: 'stage',
        type: 'single_choice',
        label: { ar: 'في أي مرحلة وقع ذلك؟', fr: 'À quelle étape cela s’est-il produit ?', en: 'At which stage did it happen?' },
        required: true,
        options: [
          { id: 'preparation', label: { ar: 'إعداد دفتر التحملات', fr: 'Préparation du cahier des charges', en: 'Preparing the specifications' } },
          { id: 'tendering', label: { ar: 'طلب العروض', fr: 'Appel d’offres', en: 'Tendering' } },
          { id: 'award', label: { ar: 'إسناد الصفقة', fr: 'Attribution du marché', en: 'Award of the contract' } },
          { id: 'execution', label: { ar: 'التنفيذ', fr: 'Exécution', en: 'Execution' } },
          { id: 'payment', label: { ar: 'الأداء', fr: 'Paiement', en: 'Payment' } },
        ],
      },
      {
        id: 'reporter_role',
        type: 'single_choice',
        label: { ar: 'ما هي صفتك؟', fr: 'À quel titre signalez-vous ?', en: 'In what capacity are you reporting?' },
        required: true,
        options: [
          { id: 'bidder', label: { ar: 'متنافس', fr: 'Soumissionnaire', en: 'Bidder' } },
          { id: 'employee', label: { ar: 'موظف بالجماعة', fr: 'Agent de la commune', en: 'Municipal employee' } },
          { id: 'citizen', label: { ar: 'مواطن', fr: 'Citoyen', en: 'Citizen' } },
          { id: 'other', label: { ar: 'صفة أخرى', fr: 'Autre', en: 'Other' } },
        ],
      },
      {
        id: 'bid_handling',
        type: 'long_text',
        label: { ar: 'كيف تم التعامل مع عرضك؟', fr: 'Comment votre offre a-t-elle été traitée ?', en: 'How was your bid handled?' },
        required: false,
        maxLength: 5000,
        showIf: { questionId: 'reporter_role', anyOf: ['bidder'] },
      },
      {
        id: 'irregularities',
        type: 'multiple_choice',
        label: { ar: 'ما الذي لاحظته؟', fr: 'Qu’avez-vous constaté ?', en: 'What did you notice?' },
        required: false,
        options: [
          { id: 'tailored_specs', label: { ar: 'دفتر تحملات مفصل على مقاس متنافس', fr: 'Cahier des charges taillé pour un candidat', en: 'Specifications tailored to one bidder' } },
          { id: 'short_deadline', label: { ar: 'آجال قصيرة بشكل غير عادي', fr: 'Délais anormalement courts', en: 'Unusually short deadlines' } },
          { id: 'information_leak', label: { ar: 'تسريب معلومات', fr: 'Fuite d’informations', en: 'Information leaked' } },
          { id: 'inflated_prices', label: { ar: 'أثمنة مضخمة', fr: 'Prix gonflés', en: 'Inflated prices' } },
          { id: 'work_not_done', label: { ar: 'أشغال مؤداة غير منجزة', fr: 'Travaux payés mais non réalisés', en: 'Work paid for but not done' } },
        ],
      },
      when,
      evidence,
    ],
    allowIdentity: true,
    routing: ['bid_rigging', 'favouritism', 'contract_splitting', 'non_compliant_delivery', 'other'].map((category) => ({ category, department: 'procurement' })),
  },
};

export const serviceComplaintChannel: DefaultChannel = {
  id: 'ch-service-complaint',
  slug: 'service-complaint',
  definition: {
    name: { ar: 'شكاية بخصوص خدمة جماعية', fr: 'Réclamation sur un service communal', en: 'Complaint about a municipal service' },
    description: {
      ar: 'خدمة جماعية لم تُقدَّم أو قُدِّمت بشكل سيئ: النظافة، الإنارة العمومية، الطرق، المساحات الخضراء، الأسواق.',
      fr: 'Un service communal absent ou défaillant : propreté, éclairage public, voirie, espaces verts, marchés.',
      en: 'A municipal service not delivered or poorly delivered: waste collection, street lighting, roads, green spaces, markets.',
    },
    categories: [
      { id: 'waste', label: { ar: 'النظافة وجمع النفايات', fr: 'Propreté et collecte des déchets', en: 'Waste collection and cleanliness' } },
      { id: 'lighting', label: { ar: 'الإنارة العمومية', fr: 'Éclairage public', en: 'Street lighting' } },
      { id: 'roads', label: { ar: 'الطرق والأرصفة', fr: 'Voirie et trottoirs', en: 'Roads and pavements' } },
      { id: 'green_spaces', label: { ar: 'المساحات الخضراء', fr: 'Espaces verts', en: 'Green spaces' } },
      { id: 'markets', label: { ar: 'الأسواق الجماعية', fr: 'Marchés communaux', en: 'Municipal markets' } },
      { id: 'reception', label: { ar: 'الاستقبال بالمرافق الجماعية', fr: 'Accueil dans les services communaux', en: 'Reception at municipal offices' } },
      otherCategory,
    ],
    questionnaire: [
      describeQuestion({ ar: 'صف المشكل', fr: 'Décrivez le problème', en: 'Describe the problem' }),
      {
        id: 'location',
        type: 'short_text',
        label: { ar: 'العنوان أو الحي', fr: 'Adresse ou quartier', en: 'Address or neighbourhood' },
        required: true,
        maxLength: 300,
      },
      { id: 'since', type: 'date', label: { ar: 'منذ متى؟', fr: 'Depuis quand ?', en: 'Since when?' }, required: false },
      {
        id: 'frequency',
        type: 'single_choice',
        label: { ar: 'هل المشكل…', fr: 'Le problème est-il…', en: 'Is the problem…' },
        required: true,
        options: [
          { id: 'once', label: { ar: 'حدث مرة واحدة', fr: 'Ponctuel', en: 'A one-off' } },
          { id: 'recurring', label: { ar: 'متكرر', fr: 'Récurrent', en: 'Recurring' } },
          { id: 'permanent', label: { ar: 'دائم', fr: 'Permanent', en: 'Permanent' } },
        ],
      },
      {
        id: 'affected',
        type: 'multiple_choice',
        label: { ar: 'من المتضرر؟', fr: 'Qui est touché ?', en: 'Who is affected?' },
        required: false,
        options: [
          { id: 'residents', label: { ar: 'السكان', fr: 'Les habitants', en: 'Residents' } },
          { id: 'children', label: { ar: 'الأطفال', fr: 'Les enfants', en: 'Children' } },
          { id: 'elderly_disabled', label: { ar: 'المسنون أو الأشخاص في وضعية إعاقة', fr: 'Personnes âgées ou en situation de handicap', en: 'Elderly or disabled people' } },
          { id: 'shopkeepers', label: { ar: 'التجار', fr: 'Les commerçants', en: 'Shopkeepers' } },
        ],
      },
      {
        id: 'danger',
        type: 'single_choice',
        label: { ar: 'هل يشكل ذلك خطراً على السلامة؟', fr: 'Y a-t-il un danger pour la sécurité ?', en: 'Is there a safety hazard?' },
        required: true,
        options: [yes, no],
      },
      {
        id: 'danger_detail',
        type: 'short_text',
        label: { ar: 'ما هو الخطر؟', fr: 'De quel danger s’agit-il ?', en: 'What is the hazard?' },
        required: false,
        maxLength: 300,
        showIf: { questionId: 'danger', anyOf: ['yes'] },
      },
      { ...evidence, label: { ar: 'صور أو وثائق (اختياري)', fr: 'Photos ou documents (facultatif)', en: 'Photos or documents (optional)' } },
    ],
    // A complaint about a street lamp needs no protected identity; it keeps custodians for
    // the reports that do.
    allowIdentity: false,
    routing: [
      { category: 'waste', department: 'sanitation' },
      { category: 'lighting', department: 'technical_services' },
      { category: 'roads', department: 'technical_services' },
      { category: 'green_spaces', department: 'technical_services' },
    ],
  },
};
