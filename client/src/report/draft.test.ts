import type { ChannelDefinition } from '../../../shared/api/channel.schema';
import { answersToSend, emptyDraft, validateDraft, visibleQuestions, type Draft } from './draft';

const text = (en: string) => ({ ar: en, fr: en, en });
const definition: ChannelDefinition = {
  name: text('Corruption'),
  description: text('Bribes'),
  categories: [{ id: 'bribery', label: text('Bribery') }],
  allowIdentity: true,
  routing: [],
  questionnaire: [
    { id: 'what', type: 'long_text', label: text('What'), required: true, maxLength: 20 },
    { id: 'money', type: 'single_choice', label: text('Money?'), required: true, options: [{ id: 'yes', label: text('Yes') }, { id: 'no', label: text('No') }] },
    { id: 'amount', type: 'short_text', label: text('Amount'), required: true, showIf: { questionId: 'money', anyOf: ['yes'] } },
    { id: 'currency', type: 'multiple_choice', label: text('Currency'), required: false, options: [{ id: 'mad', label: text('MAD') }], showIf: { questionId: 'amount', anyOf: ['x'] } },
    { id: 'proof', type: 'file', label: text('Proof'), required: true },
  ],
};
const officers = [
  { id: 'officer-1', department: 'Urbanisme', supervisor: false, publicKey: 'A'.repeat(43) + '=' },
  { id: 'officer-2', department: null, supervisor: true, publicKey: 'B'.repeat(43) + '=' },
];
const draftWith = (patch: Partial<Draft>): Draft => ({ ...emptyDraft(), category: 'bribery', ...patch });

describe('report draft', () => {
  it('shows a conditional question only while its condition holds, transitively', () => {
    const ids = (answers: Draft['answers']) => visibleQuestions(definition.questionnaire, answers).map((q) => q.id);
    expect(ids({})).toEqual(['what', 'money', 'proof']);
    expect(ids({ money: 'yes' })).toEqual(['what', 'money', 'amount', 'proof']);
    // 'currency' depends on 'amount', which is not a choice answered with 'x'.
    expect(ids({ money: 'no', amount: 'x' })).toEqual(['what', 'money', 'proof']);
  });

  it('requires visible required answers only, and files for a required file question', () => {
    const filesFor = () => 0;
    expect(validateDraft({ definition, draft: draftWith({ answers: { money: 'no' } }), officers, filesFor })).toEqual({ what: 'required', proof: 'required' });
    const errors = validateDraft({ definition, draft: draftWith({ answers: { what: 'x', money: 'yes', amount: ' ' } }), officers, filesFor: () => 1 });
    expect(errors).toEqual({ amount: 'required' });
  });

  it('refuses answers over their length, a missing category, excluding everyone and a nameless identity', () => {
    const draft: Draft = {
      ...emptyDraft(),
      answers: { what: 'x'.repeat(21), money: 'no' },
      excluded: ['officer-1', 'officer-2'],
      identity: { enabled: true, name: ' ', contact: '', details: '' },
    };
    expect(validateDraft({ definition, draft, officers, filesFor: () => 1 })).toEqual({
      category: 'required',
      what: 'too_long',
      excluded: 'exclude_all',
      identity: 'identity_name',
    });
  });

  it('sends trimmed answers of visible questions, with attachment ids for file questions', () => {
    const answers = { what: '  bribe  ', money: 'no', amount: 'hidden now', currency: [] };
    expect(answersToSend(definition.questionnaire, answers, () => ['att-1'])).toEqual({ what: 'bribe', money: 'no', proof: ['att-1'] });
  });
});
