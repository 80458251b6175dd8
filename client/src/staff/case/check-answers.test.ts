/** The officer's page never shows a decrypted answer as valid when the questionnaire says otherwise. */
import { toB64 } from '../../../../shared/api/common.schema';
import type { ChannelDefinition } from '../../../../shared/api/channel.schema';
import type { AttachmentDescriptor, ReportBodyV1 } from '../../../../shared/protocol/report-body';
import { checkReport, isCalendarDate, type CheckInput } from './check-answers';

const text = (en: string) => ({ ar: en, fr: en, en });
const definition: ChannelDefinition = {
  name: text('Corruption'),
  description: text('Bribes'),
  categories: [{ id: 'bribery', label: text('Bribery') }, { id: 'bid_rigging', label: text('Bid rigging') }],
  allowIdentity: false,
  routing: [],
  questionnaire: [
    { id: 'what', type: 'long_text', label: text('What'), required: true, maxLength: 30 },
    { id: 'money', type: 'single_choice', label: text('Money?'), required: true, options: [{ id: 'yes', label: text('Yes') }, { id: 'no', label: text('No') }] },
    { id: 'amount', type: 'short_text', label: text('Amount'), required: true, showIf: { questionId: 'money', anyOf: ['yes'] } },
    { id: 'when', type: 'date', label: text('When'), required: false },
    { id: 'who', type: 'multiple_choice', label: text('Who'), required: false, options: [{ id: 'clerk', label: text('Clerk') }, { id: 'mayor', label: text('Mayor') }] },
    { id: 'proof', type: 'file', label: text('Proof'), required: false },
  ],
};
const ATT = '0b5c7a52-1f6e-4d0b-9a53-2d7b3f0c1e11';
const descriptor = (patch: Partial<AttachmentDescriptor> = {}): AttachmentDescriptor => ({
  attachmentId: ATT,
  name: 'a.pdf',
  type: 'application/pdf',
  size: 10,
  fileKey: toB64(new Uint8Array(32)),
  header: toB64(new Uint8Array(17)),
  questionId: 'proof',
  ...patch,
});
const report = (patch: Partial<ReportBodyV1> = {}): ReportBodyV1 => ({
  v: 1,
  channelId: 'ch-corruption',
  category: 'bribery',
  language: 'fr',
  answers: { what: 'A bribe', money: 'yes', amount: '500 MAD', when: '2026-02-28', who: ['clerk'], proof: [ATT] },
  attachments: [descriptor()],
  ...patch,
});
const input = (r: ReportBodyV1, patch: Partial<CheckInput> = {}): CheckInput => ({
  report: r,
  meta: { channelId: 'ch-corruption', category: 'bribery', language: 'fr' },
  definition,
  source: 'version',
  caseAttachmentIds: [ATT],
  ...patch,
});
const flagsOf = (r: ReportBodyV1, patch: Partial<CheckInput> = {}) => Object.fromEntries(checkReport(input(r, patch)).answers.map((a) => [a.questionId, a.flags]));

describe('checking a decrypted report', () => {
  it('passes a report as the reporter form writes it', () => {
    const check = checkReport(input(report()));
    expect(check.clean).toBe(true);
    expect(check.answers.map((a) => a.questionId)).toEqual(['what', 'money', 'amount', 'when', 'who', 'proof']);
    expect(check.answers.every((a) => a.flags.length === 0)).toBe(true);
  });

  it('reports a category or channel that differs from the clear metadata', () => {
    const check = checkReport(input(report({ category: 'bid_rigging', channelId: 'ch-other', language: 'ar' })));
    expect(check.category).toEqual({ clear: 'bribery', encrypted: 'bid_rigging' });
    expect(check.channel).toEqual({ clear: 'ch-corruption', encrypted: 'ch-other' });
    expect(check.language).toEqual({ clear: 'fr', encrypted: 'ar' });
    expect(check.clean).toBe(false);
  });

  it('flags unknown questions, hidden answers and missing required answers', () => {
    const flags = flagsOf(report({ answers: { money: 'no', amount: '500', injected: 'hello' } }));
    expect(flags.what).toEqual(['missing_required']);
    expect(flags.amount).toEqual(['hidden_answered']);
    expect(flags.injected).toEqual(['unknown_question']);
    // a required question hidden by its condition is not missing
    expect(flagsOf(report({ answers: { what: 'x', money: 'no' } })).amount).toBeUndefined();
    // a required visible question answered with blanks is missing
    expect(flagsOf(report({ answers: { what: '   ', money: 'no' } })).what).toEqual(['missing_required']);
  });

  it('flags malformed dates, unknown or repeated options, wrong types and over-long text', () => {
    const flags = flagsOf(
      report({ answers: { what: 'x'.repeat(31), money: 'maybe', when: '2026-02-30', who: ['clerk', 'clerk', 'judge'], proof: ATT, amount: ['1'] } }),
    );
    expect(flags.what).toEqual(['too_long']);
    expect(flags.money).toEqual(['unknown_option']);
    expect(flags.when).toEqual(['bad_date']);
    expect(flags.who).toEqual(['unknown_option', 'repeated_option']);
    expect(flags.proof).toEqual(['wrong_type']);
    expect(flags.amount).toEqual(['hidden_answered', 'wrong_type']);
    expect(flagsOf(report({ answers: { what: 'x', money: ['yes'] } })).money).toEqual(['wrong_type']);
    expect(flagsOf(report({ answers: { what: 'x', money: 'no', when: '28/02/2026' } })).when).toEqual(['bad_date']);
  });

  it('flags file answers and descriptors that do not match the case', () => {
    const other = '9f1c2b3a-0000-4000-8000-000000000001';
    const flags = flagsOf(report({ answers: { what: 'x', money: 'no', proof: [other] } }));
    expect(flags.proof).toEqual(['unknown_attachment']);
    const check = checkReport(input(report({ attachments: [descriptor({ questionId: 'what' }), descriptor({ attachmentId: other, header: 'AAAA' })] })));
    expect(check.attachments.map((a) => a.flags)).toEqual([['unknown_question'], ['not_on_case', 'bad_key']]);
  });

  it('marks answers read with the current questionnaire instead of their own version', () => {
    expect(checkReport(input(report(), { source: 'current' })).clean).toBe(false);
    const none = checkReport(input(report(), { definition: null, source: 'current' }));
    expect(none.source).toBe('none');
    expect(none.answers.every((a) => a.flags.includes('unknown_question'))).toBe(true);
  });

  it('knows calendar dates', () => {
    expect(['2024-02-29', '2026-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00', ''].some(isCalendarDate)).toBe(false);
  });
});
