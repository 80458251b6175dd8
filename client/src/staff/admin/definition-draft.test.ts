import { channelDefinition } from '../../../../shared/api/channel.schema';
import { emptyDefinition, freshId, localProblems, move, newQuestion, toDefinition } from './definition-draft';

const filled = { ar: 'نص', fr: 'texte', en: 'text' };

describe('the editor draft', () => {
  it('flags every empty label of a new channel by the paths the server uses', () => {
    const paths = localProblems(emptyDefinition()).map((p) => `${p.id} ${p.path}`);
    expect(paths).toEqual(expect.arrayContaining(['label_missing name.ar', 'label_missing description.en', 'label_missing categories.0.label.fr', 'label_missing questionnaire.0.label.ar']));
    expect(paths).toHaveLength(12);
  });

  it('flags a choice option left empty in one language, and not an empty optional help', () => {
    const draft = emptyDefinition();
    draft.name = draft.description = filled;
    draft.categories = [{ id: 'general', label: filled }];
    const choice = newQuestion('single_choice', ['what']);
    choice.label = filled;
    choice.options = [{ id: 'yes', label: filled }, { id: 'no', label: { ...filled, fr: ' ' } }];
    choice.help = { ar: '', fr: '', en: '' };
    draft.questionnaire = [{ ...draft.questionnaire[0]!, label: filled }, choice];
    expect(localProblems(draft)).toEqual([{ id: 'label_missing', path: 'questionnaire.1.options.1.label.fr' }]);
  });

  it('publishes only what a question type uses, and a valid definition parses', () => {
    const draft = emptyDefinition();
    draft.name = draft.description = filled;
    draft.categories = [{ id: 'general', label: filled }];
    draft.routing = [{ category: 'general', department: 'Urbanisme' }, { category: 'removed', department: 'X' }, { category: 'general', department: '' }];
    const text = { ...newQuestion('single_choice', []), type: 'short_text' as const, label: filled, maxLength: 200, help: { ar: '', fr: '', en: '' } };
    const choice = { ...newQuestion('multiple_choice', ['q1']), label: filled, maxLength: 30 };
    choice.options = [{ id: 'a', label: filled }];
    const conditional = { ...newQuestion('date', ['q1', 'q2']), label: filled, showIf: { questionId: 'q2', anyOf: ['a'] } };
    draft.questionnaire = [{ ...draft.questionnaire[0]!, label: filled }, text, choice, conditional];
    const published = toDefinition(draft);
    expect(published.questionnaire[1]).toEqual({ id: 'q1', type: 'short_text', label: filled, required: false, maxLength: 200 });
    expect(published.questionnaire[2]).toEqual({ id: 'q2', type: 'multiple_choice', label: filled, required: false, options: [{ id: 'a', label: filled }] });
    expect(published.questionnaire[3]?.showIf).toEqual({ questionId: 'q2', anyOf: ['a'] });
    expect(published.routing).toEqual([{ category: 'general', department: 'Urbanisme' }]);
    expect(channelDefinition.safeParse(published).success).toBe(true);
  });

  it('moves an item one place and never out of the list; fresh ids skip taken ones', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(move(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(freshId('q', ['q1', 'q3'])).toBe('q2');
  });
});
