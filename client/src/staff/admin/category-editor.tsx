/**
 * The channel's categories, each with its routing rule: a category may be handled first by
 * one department's officers (today's routing rule, category -> department). An empty
 * department means no rule: workload among all the channel's officers decides.
 */
import type { ChannelDefinition } from '../../../../shared/api/channel.schema';
import { useStaffI18n } from '../i18n/staff-i18n';
import { emptyText, freshId, move, removeAt, replaceAt } from './definition-draft';
import { LocalizedField } from './localized-field';
import { MoveButtons } from './move-buttons';
import { ProblemText, problemTextId } from './problem-text';
import { fieldDomId, type Problems } from './problems';

interface Props {
  draft: ChannelDefinition;
  problems: Problems;
  departments: string[];
  onChange(next: ChannelDefinition): void;
}

export function CategoryEditor({ draft, problems, departments, onChange }: Props) {
  const { t, local } = useStaffI18n();
  const { categories, routing } = draft;
  const listId = 'known-departments';
  const departmentOf = (category: string) => routing.find((r) => r.category === category)?.department ?? '';
  const setDepartment = (category: string, department: string) => {
    const others = routing.filter((r) => r.category !== category);
    onChange({ ...draft, routing: department === '' ? others : [...others, { category, department }] });
  };
  const ruleIndex = (category: string) => routing.findIndex((r) => r.category === category);

  return (
    <section className="editor-section" aria-labelledby="categories-heading">
      <h3 id="categories-heading">{t('adm.cat.title')}</h3>
      <p className="field-help">{t('adm.cat.help')}</p>
      <ProblemText path="categories" problems={problems.at('categories')} />
      <ProblemText path="routing" problems={problems.at('routing')} />
      <datalist id={listId}>
        {departments.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <ol className="plain-list">
        {categories.map((c, i) => {
          const path = `categories.${i}`;
          const name = local(c.label).trim() || c.id;
          const rule = ruleIndex(c.id);
          const rulePath = `routing.${rule}`;
          return (
            <li key={i} className="editor-card" data-testid={`category-${i}`}>
              <div className="card-head">
                <div className="field">
                  <label className="field-label" htmlFor={fieldDomId(`${path}.id`)}>
                    {t('adm.cat.id')}
                  </label>
                  <input
                    id={fieldDomId(`${path}.id`)}
                    type="text"
                    dir="ltr"
                    value={c.id}
                    onChange={(e) => {
                      const id = e.target.value.trim();
                      // The rule follows its category when the id is corrected.
                      onChange({ ...draft, categories: replaceAt(categories, i, { ...c, id }), routing: routing.map((r) => (r.category === c.id ? { ...r, category: id } : r)) });
                    }}
                    aria-invalid={problems.at(`${path}.id`).length > 0 || undefined}
                    aria-describedby={problems.at(`${path}.id`).length > 0 ? problemTextId(`${path}.id`) : undefined}
                    data-testid={`category-${i}-id`}
                  />
                  <ProblemText path={`${path}.id`} problems={problems.at(`${path}.id`)} />
                </div>
                <MoveButtons index={i} count={categories.length} name={name} onMove={(by) => onChange({ ...draft, categories: move(categories, i, by) })} testId={`category-${i}`} />
                <button
                  type="button"
                  className="button-small danger"
                  disabled={categories.length === 1}
                  onClick={() => onChange({ ...draft, categories: removeAt(categories, i), routing: routing.filter((r) => r.category !== c.id) })}
                  aria-label={t('adm.cat.remove', { name })}
                >
                  {t('adm.remove')}
                </button>
              </div>
              <LocalizedField legend={t('adm.cat.label')} path={`${path}.label`} value={c.label} onChange={(label) => onChange({ ...draft, categories: replaceAt(categories, i, { ...c, label }) })} problems={problems} testId={`category-${i}-label`} />
              <div className="field">
                <label className="field-label" htmlFor={fieldDomId(`${path}.department`)}>
                  {t('adm.cat.department')}
                </label>
                <p className="field-help" id={`${fieldDomId(`${path}.department`)}-help`}>
                  {t('adm.cat.departmentHelp')}
                </p>
                <input
                  id={fieldDomId(`${path}.department`)}
                  type="text"
                  list={listId}
                  value={departmentOf(c.id)}
                  maxLength={100}
                  onChange={(e) => setDepartment(c.id, e.target.value)}
                  aria-describedby={`${fieldDomId(`${path}.department`)}-help`}
                  data-testid={`category-${i}-department`}
                />
                {rule >= 0 && <ProblemText path={`${rulePath}.category`} problems={[...problems.at(rulePath), ...problems.at(`${rulePath}.category`), ...problems.at(`${rulePath}.department`)]} />}
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button-secondary" onClick={() => onChange({ ...draft, categories: [...categories, { id: freshId('category', categories.map((c) => c.id)), label: emptyText() }] })} data-testid="add-category">
        {t('adm.cat.add')}
      </button>
    </section>
  );
}
