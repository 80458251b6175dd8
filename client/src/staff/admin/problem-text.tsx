/** The problems about one field, under it, with the id its control's aria-describedby names. */
import type { DefinitionProblem } from '../../../../shared/api/admin.schema';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { isAdminErrorId } from './admin-error';
import { fieldDomId } from './problems';

export const problemTextId = (path: string) => `${fieldDomId(path)}-problem`;

export function problemMessage(t: (key: StaffMessageKey) => string, problem: DefinitionProblem): string {
  // Beside one language's input, "missing translation" says it all.
  if (problem.id === 'label_missing' && /\.(ar|fr|en)$/.test(problem.path)) return t('adm.missingTranslation');
  return isAdminErrorId(problem.id) ? t(`adm.err.${problem.id}` as StaffMessageKey) : t('adm.err.definition_invalid');
}

export function ProblemText({ path, problems }: { path: string; problems: DefinitionProblem[] }) {
  const { t } = useStaffI18n();
  if (problems.length === 0) return null;
  return (
    <p id={problemTextId(path)} className="field-error" data-testid="problem" data-path={path} data-problem={problems.map((p) => p.id).join(' ')}>
      {problems.map((p) => problemMessage(t, p)).join(' · ')}
    </p>
  );
}
