/**
 * The editor's problems, each tied to the field it is about by its dotted path into the
 * definition ("questionnaire.3.options.1.id", "name.fr"): the server's live check and the
 * console's own missing-translation check speak the same paths, so both show next to the
 * same control, and a field's DOM id is derived from its path for the summary's links.
 */
import type { DefinitionProblem } from '../../../../shared/api/admin.schema';
import { LANGS, type Localized } from '../../../../shared/api/common.schema';

export const ADMIN_ERROR_IDS = [
  'definition_invalid', 'label_missing', 'duplicate_question_id', 'duplicate_option_id', 'duplicate_category_id',
  'condition_unknown_question', 'condition_unknown_option', 'condition_not_choice', 'condition_forward', 'options_missing',
  'options_not_allowed', 'routing_unknown_category', 'slug_taken', 'version_conflict', 'channel_not_found', 'order_mismatch',
  'accent_contrast_low', 'deadline_too_long', 'deadline_too_short', 'retention_out_of_range', 'k_too_small', 'logo_invalid',
  'readiness_item_unknown', 'readiness_item_not_confirmable',
] as const;
export type AdminErrorId = (typeof ADMIN_ERROR_IDS)[number];

export const fieldDomId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export interface Problems {
  all: DefinitionProblem[];
  /** problems about exactly this path */
  at(path: string): DefinitionProblem[];
}

export function indexProblems(list: DefinitionProblem[]): Problems {
  const byPath = new Map<string, DefinitionProblem[]>();
  for (const p of list) byPath.set(p.path, [...(byPath.get(p.path) ?? []), p]);
  return { all: list, at: (path) => byPath.get(path) ?? [] };
}

/** The console's own check: a label left empty in one language is a missing translation. */
export function missingTranslations(path: string, text: Localized | undefined, out: DefinitionProblem[]): void {
  if (!text) return;
  for (const lang of LANGS) if (text[lang].trim() === '') out.push({ id: 'label_missing', path: `${path}.${lang}` });
}

/** Server and local problems together, each path and id once. */
export function mergeProblems(...lists: DefinitionProblem[][]): DefinitionProblem[] {
  const seen = new Set<string>();
  const out: DefinitionProblem[] = [];
  for (const list of lists)
    for (const p of list) {
      const key = `${p.id} ${p.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  return out;
}
