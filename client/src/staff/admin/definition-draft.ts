/**
 * The questionnaire editor's working copy of a channel definition. A draft may have empty
 * labels (the server's check reports them); `toDefinition` drops what a question type does
 * not use, so a question changed from a choice to a text does not carry stale options.
 */
import type { DefinitionProblem } from '../../../../shared/api/admin.schema';
import type { ChannelDefinition, Question } from '../../../../shared/api/channel.schema';
import type { Localized } from '../../../../shared/api/common.schema';
import { missingTranslations } from './problems';

export type QuestionType = Question['type'];
export const emptyText = (): Localized => ({ ar: '', fr: '', en: '' });
export const isChoice = (type: QuestionType) => type === 'single_choice' || type === 'multiple_choice';
export const isText = (type: QuestionType) => type === 'short_text' || type === 'long_text';

/** an id not yet taken among `taken`, from a prefix: q1, q2... */
export function freshId(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function newQuestion(type: QuestionType, taken: readonly string[]): Question {
  const question: Question = { id: freshId('q', taken), type, label: emptyText(), required: false };
  if (isChoice(type)) question.options = [{ id: 'option1', label: emptyText() }, { id: 'option2', label: emptyText() }];
  return question;
}

export function emptyDefinition(): ChannelDefinition {
  return {
    name: emptyText(),
    description: emptyText(),
    categories: [{ id: 'general', label: emptyText() }],
    questionnaire: [{ id: 'what', type: 'long_text', label: emptyText(), required: true, maxLength: 20_000 }],
    allowIdentity: false,
    routing: [],
  };
}

const blank = (text: Localized | undefined) => !text || (text.ar.trim() === '' && text.fr.trim() === '' && text.en.trim() === '');

function cleanQuestion(q: Question): Question {
  const out: Question = { id: q.id, type: q.type, label: q.label, required: q.required };
  if (!blank(q.help)) out.help = q.help;
  if (isChoice(q.type)) out.options = q.options ?? [];
  if (isText(q.type) && q.maxLength !== undefined) out.maxLength = q.maxLength;
  if (q.showIf && q.showIf.questionId !== '') out.showIf = q.showIf;
  return out;
}

export function toDefinition(draft: ChannelDefinition): ChannelDefinition {
  const categories = new Set(draft.categories.map((c) => c.id));
  return {
    ...draft,
    questionnaire: draft.questionnaire.map(cleanQuestion),
    // A rule for a category that was removed, or with no department, is no rule.
    routing: draft.routing.filter((r) => r.department.trim() !== '' && categories.has(r.category)),
  };
}

/** Every label left empty in a language, by the same paths the server uses. */
export function localProblems(draft: ChannelDefinition): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  missingTranslations('name', draft.name, out);
  missingTranslations('description', draft.description, out);
  draft.categories.forEach((c, i) => missingTranslations(`categories.${i}.label`, c.label, out));
  draft.questionnaire.forEach((q, i) => {
    missingTranslations(`questionnaire.${i}.label`, q.label, out);
    if (!blank(q.help)) missingTranslations(`questionnaire.${i}.help`, q.help, out);
    if (isChoice(q.type)) (q.options ?? []).forEach((o, j) => missingTranslations(`questionnaire.${i}.options.${j}.label`, o.label, out));
  });
  return out;
}

/** Moves the item at `from` one place up (-1) or down (+1); the same array when it cannot. */
export function move<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

export const removeAt = <T,>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
