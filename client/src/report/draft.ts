/**
 * The report being written, kept in React state only, and the rules that apply to it:
 * which questions are visible (`showIf`), which answers are missing or too long.
 */
import type { ChannelDefinition, PublicOfficer, Question } from '../../../shared/api/channel.schema';
import type { AnswerValue } from '../../../shared/protocol/report-body';

export interface IdentityDraft {
  enabled: boolean;
  name: string;
  contact: string;
  details: string;
}

export interface Draft {
  category: string;
  answers: Record<string, AnswerValue>;
  /** ids of officers excluded for a conflict of interest */
  excluded: string[];
  identity: IdentityDraft;
}

export const IDENTITY_MAX = 500;
const DEFAULT_MAX: Record<Question['type'], number> = {
  short_text: 500,
  long_text: 20_000,
  single_choice: 40,
  multiple_choice: 50,
  date: 10,
  file: 0,
};

export function emptyDraft(): Draft {
  return { category: '', answers: {}, excluded: [], identity: { enabled: false, name: '', contact: '', details: '' } };
}

export function maxLengthOf(question: Question): number {
  return question.maxLength ?? DEFAULT_MAX[question.type];
}

function asList(value: AnswerValue | undefined): string[] {
  if (value === undefined || value === '') return [];
  return typeof value === 'string' ? [value] : value;
}

/** Questions in order, without those whose `showIf` condition is not met (transitively). */
export function visibleQuestions(questionnaire: Question[], answers: Record<string, AnswerValue>): Question[] {
  const visible = new Set<string>();
  const result: Question[] = [];
  for (const question of questionnaire) {
    const condition = question.showIf;
    if (condition) {
      if (!visible.has(condition.questionId)) continue;
      const chosen = asList(answers[condition.questionId]);
      if (!condition.anyOf.some((option) => chosen.includes(option))) continue;
    }
    visible.add(question.id);
    result.push(question);
  }
  return result;
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  return asList(value).some((v) => v.trim() !== '');
}

export type FieldError = 'required' | 'too_long' | 'bad_date' | 'exclude_all' | 'identity_name';

export interface ValidationInput {
  definition: ChannelDefinition;
  draft: Draft;
  officers: PublicOfficer[];
  /** uploaded attachments answering a file question */
  filesFor(questionId: string): number;
}

/** Field id (question id, 'category', 'excluded', 'identity') -> error. Empty when the draft can be sent. */
export function validateDraft({ definition, draft, officers, filesFor }: ValidationInput): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  if (!definition.categories.some((c) => c.id === draft.category)) errors.category = 'required';
  for (const question of visibleQuestions(definition.questionnaire, draft.answers)) {
    const value = draft.answers[question.id];
    if (question.type === 'file') {
      if (question.required && filesFor(question.id) === 0) errors[question.id] = 'required';
      continue;
    }
    if (question.required && !isAnswered(value)) errors[question.id] = 'required';
    else if (typeof value === 'string' && value.length > maxLengthOf(question)) errors[question.id] = 'too_long';
    else if (question.type === 'date' && typeof value === 'string' && value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors[question.id] = 'bad_date';
  }
  if (officers.length > 0 && officers.every((o) => draft.excluded.includes(o.id))) errors.excluded = 'exclude_all';
  if (draft.identity.enabled && definition.allowIdentity) {
    const { name, contact, details } = draft.identity;
    if (name.trim() === '') errors.identity = 'identity_name';
    else if ([name, contact, details].some((v) => v.length > IDENTITY_MAX)) errors.identity = 'too_long';
  }
  return errors;
}

/** The answers to send: visible questions only, trimmed, empty ones left out. */
export function answersToSend(questionnaire: Question[], answers: Record<string, AnswerValue>, filesFor: (questionId: string) => string[]): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const question of visibleQuestions(questionnaire, answers)) {
    if (question.type === 'file') {
      const ids = filesFor(question.id);
      if (ids.length > 0) out[question.id] = ids;
      continue;
    }
    const value = answers[question.id];
    if (!isAnswered(value)) continue;
    out[question.id] = typeof value === 'string' ? value.trim() : (value ?? []);
  }
  return out;
}
