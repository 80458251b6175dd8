/**
 * Every problem of a channel definition, for the editor's live checks and before each
 * publish: labels missing in a language, the wire schema's shape, and the cross-references
 * zod cannot see (duplicate ids, conditions pointing at a missing, later or non-choice
 * question or option, choice questions without options, routing to an unknown category).
 * Pure: it never touches the store, so checking a draft saves nothing.
 */
import type { DefinitionProblem } from '../../../shared/api/admin.schema';
import { channelDefinition, type ChannelDefinition, type Question } from '../../../shared/api/channel.schema';
import { LANGS } from '../../../shared/api/common.schema';

type Problems = DefinitionProblem[];
type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const CHOICE = new Set<Question['type']>(['single_choice', 'multiple_choice']);
/** enough to parse the shape: label problems are reported by the label walk, not twice */
const FILLER = '-';

/**
 * Reports each empty or missing language of a localized text and fills it in a copy, so a
 * draft whose only fault is an untranslated label still gets its other problems listed.
 */
function checkLabel(holder: Loose, key: string, path: string, optional: boolean, problems: Problems): void {
  const value = holder[key];
  if (value === undefined && optional) return;
  if (!isObject(value)) return; // the shape check names it
  for (const lang of LANGS) {
    const text = value[lang];
    if (typeof text === 'string' && text.trim() !== '') continue;
    problems.push({ id: 'label_missing', path: `${path}.${lang}` });
    if (text === undefined || (typeof text === 'string' && text.trim() === '')) value[lang] = FILLER;
  }
}

function walkLabels(draft: Loose, problems: Problems): void {
  checkLabel(draft, 'name', 'name', false, problems);
  checkLabel(draft, 'description', 'description', false, problems);
  (Array.isArray(draft.categories) ? (draft.categories as unknown[]) : []).forEach((c, i) => {
    if (isObject(c)) checkLabel(c, 'label', `categories.${i}.label`, false, problems);
  });
  (Array.isArray(draft.questionnaire) ? (draft.questionnaire as unknown[]) : []).forEach((q, i) => {
    if (!isObject(q)) return;
    checkLabel(q, 'label', `questionnaire.${i}.label`, false, problems);
    checkLabel(q, 'help', `questionnaire.${i}.help`, true, problems);
    (Array.isArray(q.options) ? (q.options as unknown[]) : []).forEach((o, j) => {
      if (isObject(o)) checkLabel(o, 'label', `questionnaire.${i}.options.${j}.label`, false, problems);
    });
  });
}

function duplicates(ids: string[], path: (index: number) => string, id: string, problems: Problems): void {
  const seen = new Set<string>();
  ids.forEach((value, index) => {
    if (seen.has(value)) problems.push({ id, path: path(index) });
    seen.add(value);
  });
}

function checkQuestion(q: Question, i: number, questions: Question[], problems: Problems): void {
  const at = `questionnaire.${i}`;
  const options = q.options ?? [];
  if (CHOICE.has(q.type) && options.length < 2) problems.push({ id: 'options_missing', path: `${at}.options` });
  if (!CHOICE.has(q.type) && q.options !== undefined) problems.push({ id: 'options_not_allowed', path: `${at}.options` });
  duplicates(options.map((o) => o.id), (j) => `${at}.options.${j}.id`, 'duplicate_option_id', problems);
  if (!q.showIf) return;
  const targetIndex = questions.findIndex((other) => other.id === q.showIf?.questionId);
  const target = questions[targetIndex];
  if (!target) {
    problems.push({ id: 'condition_unknown_question', path: `${at}.showIf.questionId` });
    return;
  }
  if (targetIndex >= i) problems.push({ id: 'condition_forward', path: `${at}.showIf.questionId` });
  if (!CHOICE.has(target.type)) {
    problems.push({ id: 'condition_not_choice', path: `${at}.showIf.questionId` });
    return;
  }
  const known = new Set((target.options ?? []).map((o) => o.id));
  q.showIf.anyOf.forEach((option, j) => {
    if (!known.has(option)) problems.push({ id: 'condition_unknown_option', path: `${at}.showIf.anyOf.${j}` });
  });
}

function crossReferences(d: ChannelDefinition, problems: Problems): void {
  duplicates(d.categories.map((c) => c.id), (i) => `categories.${i}.id`, 'duplicate_category_id', problems);
  duplicates(d.questionnaire.map((q) => q.id), (i) => `questionnaire.${i}.id`, 'duplicate_question_id', problems);
  d.questionnaire.forEach((q, i) => checkQuestion(q, i, d.questionnaire, problems));
  const categories = new Set(d.categories.map((c) => c.id));
  d.routing.forEach((rule, i) => {
    if (!categories.has(rule.category)) problems.push({ id: 'routing_unknown_category', path: `routing.${i}.category` });
  });
}

export interface DefinitionCheck {
  problems: DefinitionProblem[];
  /** the parsed definition, when its shape is right (it may still have problems) */
  definition: ChannelDefinition | null;
}

export function checkDefinition(raw: unknown): DefinitionCheck {
  const problems: Problems = [];
  if (!isObject(raw)) return { problems: [{ id: 'definition_invalid', path: '' }], definition: null };
  const draft = structuredClone(raw);
  walkLabels(draft, problems);
  const parsed = channelDefinition.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ id: 'definition_invalid', path: issue.path.join('.') });
    return { problems, definition: null };
  }
  crossReferences(parsed.data, problems);
  return { problems, definition: parsed.data };
}
