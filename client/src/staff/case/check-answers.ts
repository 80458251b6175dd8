/**
 * A decrypted report is still input from outside: any browser holding a receipt's keys can
 * write any JSON under the case key. Before the officer's page shows it, it is compared
 * with the case's clear metadata (which the server checked and routed by) and with the
 * questionnaire version the case answered, and every answer that does not fit is flagged
 * instead of being shown as if the reporter's form had produced it.
 * Pure: no React, no fetch; the page renders what this returns.
 */
import type { ChannelDefinition, Question } from '../../../../shared/api/channel.schema';
import type { AnswerValue, AttachmentDescriptor, ReportBodyV1 } from '../../../../shared/protocol/report-body';
import { descriptorProblems } from '../../crypto/check-descriptor';
import { isAnswered, maxLengthOf, visibleQuestions } from '../../report/draft';

export type AnswerFlag =
  /** the id is not a question of the questionnaire version */
  | 'unknown_question'
  /** the question's showIf condition is not met by the other answers */
  | 'hidden_answered'
  /** a required visible question has no answer */
  | 'missing_required'
  /** a string where a list is expected, or the reverse */
  | 'wrong_type'
  | 'too_long'
  /** not YYYY-MM-DD, or not a calendar date */
  | 'bad_date'
  /** an option id that the question does not have */
  | 'unknown_option'
  /** the same option twice, or several options for a single choice */
  | 'repeated_option'
  /** a file answer naming an attachment the report does not describe for this question */
  | 'unknown_attachment';

export type AttachmentFlag =
  /** its questionId is neither null nor a file question */
  | 'unknown_question'
  /** the server holds no such attachment for this case */
  | 'not_on_case'
  /** file key or STREAM header of the wrong size: it cannot be opened */
  | 'bad_key';

/** Where the questionnaire used to read the answers came from. */
export type DefinitionSource = 'version' | 'current' | 'none';

export interface CheckedAnswer {
  questionId: string;
  question: Question | null;
  /** null when a required answer is missing */
  value: AnswerValue | null;
  flags: AnswerFlag[];
}

export interface CheckedAttachment {
  descriptor: AttachmentDescriptor;
  flags: AttachmentFlag[];
}

export interface Mismatch {
  clear: string;
  encrypted: string;
}

export interface ReportCheck {
  channel: Mismatch | null;
  category: Mismatch | null;
  /** the language in the clear metadata differs from the body's */
  language: Mismatch | null;
  source: DefinitionSource;
  answers: CheckedAnswer[];
  attachments: CheckedAttachment[];
  /** true when nothing at all was flagged */
  clean: boolean;
}

export interface CheckInput {
  report: ReportBodyV1;
  /** the case's clear metadata, authoritative */
  meta: { channelId: string; category: string; language: string };
  definition: ChannelDefinition | null;
  source: DefinitionSource;
  /** ids of the attachments the server lists for this case */
  caseAttachmentIds: readonly string[];
}


export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const LIST_TYPES: ReadonlySet<Question['type']> = new Set(['multiple_choice', 'file']);

function valueFlags(question: Question, value: AnswerValue, report: ReportBodyV1): AnswerFlag[] {
  const wantsList = LIST_TYPES.has(question.type);
  if (wantsList !== Array.isArray(value)) return ['wrong_type'];
  const list = typeof value === 'string' ? [value] : value;
  const flags: AnswerFlag[] = [];
  switch (question.type) {
    case 'short_text':
    case 'long_text':
      if (list[0]!.length > maxLengthOf(question)) flags.push('too_long');
      break;
    case 'date':
      if (!isCalendarDate(list[0]!)) flags.push('bad_date');
      break;
    case 'single_choice':
    case 'multiple_choice': {
      const known = new Set((question.options ?? []).map((o) => o.id));
      if (list.some((id) => !known.has(id))) flags.push('unknown_option');
      if (new Set(list).size !== list.length) flags.push('repeated_option');
      break;
    }
    case 'file': {
      const described = new Set(report.attachments.filter((a) => a.questionId === question.id).map((a) => a.attachmentId));
      if (list.some((id) => !described.has(id))) flags.push('unknown_attachment');
      if (new Set(list).size !== list.length) flags.push('repeated_option');
      break;
    }
  }
  return flags;
}

function mismatch(clear: string, encrypted: string): Mismatch | null {
  return clear === encrypted ? null : { clear, encrypted };
}

/** The answers the reporter's form would show, checked against `definition`. */
function checkAnswers(report: ReportBodyV1, definition: ChannelDefinition): CheckedAnswer[] {
  const questionnaire = definition.questionnaire;
  // Visibility is decided by the answers as sent, with the same rule as the reporter's form.
  const visible = new Set(visibleQuestions(questionnaire, report.answers).map((q) => q.id));
  const out: CheckedAnswer[] = [];
  for (const question of questionnaire) {
    const value = Object.hasOwn(report.answers, question.id) ? report.answers[question.id] : undefined;
    if (value === undefined) {
      const filed = question.type === 'file' && report.attachments.some((a) => a.questionId === question.id);
      if (question.required && visible.has(question.id) && !filed) out.push({ questionId: question.id, question, value: null, flags: ['missing_required'] });
      continue;
    }
    const flags = valueFlags(question, value, report);
    if (!visible.has(question.id)) flags.unshift('hidden_answered');
    else if (question.required && !isAnswered(value)) flags.unshift('missing_required');
    out.push({ questionId: question.id, question, value, flags });
  }
  const known = new Set(questionnaire.map((q) => q.id));
  for (const [questionId, value] of Object.entries(report.answers)) {
    if (!known.has(questionId)) out.push({ questionId, question: null, value, flags: ['unknown_question'] });
  }
  return out;
}

function checkAttachments(input: CheckInput): CheckedAttachment[] {
  const fileQuestions = new Set((input.definition?.questionnaire ?? []).filter((q) => q.type === 'file').map((q) => q.id));
  const onCase = new Set(input.caseAttachmentIds);
  return input.report.attachments.map((descriptor) => {
    const flags: AttachmentFlag[] = [];
    if (descriptor.questionId !== null && input.definition && !fileQuestions.has(descriptor.questionId)) flags.push('unknown_question');
    flags.push(...descriptorProblems(descriptor, onCase));
    return { descriptor, flags };
  });
}

export function checkReport(input: CheckInput): ReportCheck {
  const { report, meta, definition } = input;
  const answers = definition
    ? checkAnswers(report, definition)
    : Object.entries(report.answers).map(([questionId, value]): CheckedAnswer => ({ questionId, question: null, value, flags: ['unknown_question'] }));
  const attachments = checkAttachments(input);
  const result = {
    channel: mismatch(meta.channelId, report.channelId),
    category: mismatch(meta.category, report.category),
    language: mismatch(meta.language, report.language),
    source: definition ? input.source : 'none',
    answers,
    attachments,
  } satisfies Omit<ReportCheck, 'clean'>;
  const clean =
    !result.channel && !result.category && !result.language && result.source === 'version' && answers.every((a) => a.flags.length === 0) && attachments.every((a) => a.flags.length === 0);
  return { ...result, clean };
}
