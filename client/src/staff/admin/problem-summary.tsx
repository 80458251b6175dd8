/** Every problem of the draft in one list at the top, each a link to its field. */
import type { DefinitionProblem } from '../../../../shared/api/admin.schema';
import { useStaffI18n } from '../i18n/staff-i18n';
import { problemMessage } from './problem-text';
import { fieldDomId } from './problems';

export function ProblemSummary({ problems, checking }: { problems: DefinitionProblem[]; checking: boolean }) {
  const { t } = useStaffI18n();
  const focus = (path: string) => {
    // A path may name a group ("questionnaire.2"): its first control, else the group itself.
    const target = document.getElementById(fieldDomId(path)) ?? document.getElementById(fieldDomId(`${path}.fr`));
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };
  return (
    <div className={`notice ${problems.length > 0 ? 'notice-warning' : 'notice-ok'}`} role="status" aria-live="polite" data-testid="problem-summary" data-count={problems.length} data-checking={checking}>
      {problems.length === 0 ? (
        <p>{checking ? t('adm.check.running') : t('adm.check.none')}</p>
      ) : (
        <>
          <p>{t('adm.check.some', { n: problems.length })}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.id} ${p.path}`}>
                <a
                  href={`#${fieldDomId(p.path)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focus(p.path);
                  }}
                >
                  <code dir="ltr">{p.path}</code>
                </a>{' '}
                — {problemMessage(t, p)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
