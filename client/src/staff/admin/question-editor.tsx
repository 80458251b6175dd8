/**
 * One question of the questionnaire: its id, type, required flag, length limit, label and
 * help in three languages, its options (choice questions) and its "show if" condition,
 * which may only point at an earlier choice question, as reporters answer top to bottom.
 */
import { QUESTION_TYPES, type Question } from '../../../../shared/api/channel.schema';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { emptyText, freshId, isChoice, isText, move, removeAt, replaceAt, type QuestionType } from './definition-draft';
import { LocalizedField } from './localized-field';
import { MoveButtons } from './move-buttons';
import { ProblemText, problemTextId } from './problem-text';
import { fieldDomId, type Problems } from './problems';

interface Props {
  index: number;
  questions: Question[];
  problems: Problems;
  onChange(next: Question): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

function describedBy(problems: Problems, path: string): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  return problems.at(path).length > 0 ? { 'aria-describedby': problemTextId(path), 'aria-invalid': true } : {};
}

export function QuestionEditor({ index, questions, problems, onChange, onMove, onRemove }: Props) {
  const { t, local } = useStaffI18n();
  const q = questions[index] as Question;
  const path = `questionnaire.${index}`;
  const name = local(q.label).trim() || q.id;
  const earlierChoices = questions.slice(0, index).filter((x) => isChoice(x.type));
  const conditionOn = q.showIf ? questions.find((x) => x.id === q.showIf?.questionId) : undefined;
  const testId = `question-${index}`;

  const setType = (type: QuestionType) => {
    const next: Question = { ...q, type };
    if (isChoice(type) && !next.options?.length) next.options = [{ id: 'option1', label: emptyText() }];
    onChange(next);
  };
  const options = q.options ?? [];
  const setOptions = (next: NonNullable<Question['options']>) => onChange({ ...q, options: next });

  return (
    <li className="editor-card question-card" data-testid={testId} data-question-id={q.id}>
      <div className="card-head">
        <h4>{t('adm.q.heading', { n: index + 1, name })}</h4>
        <MoveButtons index={index} count={questions.length} name={name} onMove={onMove} testId={testId} />
        <button type="button" className="button-small danger" onClick={onRemove} aria-label={t('adm.q.remove', { name })} data-testid={`${testId}-remove`}>
          {t('adm.remove')}
        </button>
      </div>
      <div className="field-row">
        <div className="field">
          <label className="field-label" htmlFor={fieldDomId(`${path}.id`)}>
            {t('adm.q.id')}
          </label>
          <input id={fieldDomId(`${path}.id`)} type="text" dir="ltr" value={q.id} onChange={(e) => onChange({ ...q, id: e.target.value.trim() })} {...describedBy(problems, `${path}.id`)} data-testid={`${testId}-id`} />
          <ProblemText path={`${path}.id`} problems={problems.at(`${path}.id`)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={fieldDomId(`${path}.type`)}>
            {t('adm.q.type')}
          </label>
          <select id={fieldDomId(`${path}.type`)} value={q.type} onChange={(e) => setType(e.target.value as QuestionType)} data-testid={`${testId}-type`}>
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`adm.qtype.${type}` as StaffMessageKey)}
              </option>
            ))}
          </select>
        </div>
        <label className="choice inline-choice">
          <input type="checkbox" checked={q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })} data-testid={`${testId}-required`} />
          <span>{t('adm.q.required')}</span>
        </label>
        {isText(q.type) && (
          <div className="field">
            <label className="field-label" htmlFor={fieldDomId(`${path}.maxLength`)}>
              {t('adm.q.maxLength')}
            </label>
            <input
              id={fieldDomId(`${path}.maxLength`)}
              type="number"
              min={1}
              max={100000}
              inputMode="numeric"
              value={q.maxLength ?? ''}
              onChange={(e) => onChange({ ...q, maxLength: e.target.value === '' ? undefined : Math.max(1, Math.trunc(Number(e.target.value))) })}
              {...describedBy(problems, `${path}.maxLength`)}
              data-testid={`${testId}-max`}
            />
            <ProblemText path={`${path}.maxLength`} problems={problems.at(`${path}.maxLength`)} />
          </div>
        )}
      </div>
      <ProblemText path={path} problems={problems.at(path)} />
      <LocalizedField legend={t('adm.q.label')} path={`${path}.label`} value={q.label} onChange={(label) => onChange({ ...q, label })} problems={problems} testId={`${testId}-label`} />
      <LocalizedField
        legend={t('adm.q.help')}
        path={`${path}.help`}
        value={q.help ?? emptyText()}
        onChange={(help) => onChange({ ...q, help })}
        problems={problems}
        optional
        multiline
        testId={`${testId}-help`}
      />

      {isChoice(q.type) && (
        <fieldset className="field options-field">
          <legend className="field-label">{t('adm.q.options')}</legend>
          <ProblemText path={`${path}.options`} problems={problems.at(`${path}.options`)} />
          <ol className="plain-list">
            {options.map((o, j) => {
              const oPath = `${path}.options.${j}`;
              const oName = local(o.label).trim() || o.id;
              return (
                <li key={j} className="option-row" data-testid={`${testId}-option-${j}`}>
                  <div className="card-head">
                    <div className="field">
                      <label className="field-label" htmlFor={fieldDomId(`${oPath}.id`)}>
                        {t('adm.q.optionId', { n: j + 1 })}
                      </label>
                      <input
                        id={fieldDomId(`${oPath}.id`)}
                        type="text"
                        dir="ltr"
                        value={o.id}
                        onChange={(e) => setOptions(replaceAt(options, j, { ...o, id: e.target.value.trim() }))}
                        {...describedBy(problems, `${oPath}.id`)}
                        data-testid={`${testId}-option-${j}-id`}
                      />
                      <ProblemText path={`${oPath}.id`} problems={problems.at(`${oPath}.id`)} />
                    </div>
                    <MoveButtons index={j} count={options.length} name={oName} onMove={(by) => setOptions(move(options, j, by))} testId={`${testId}-option-${j}`} />
                    <button type="button" className="button-small danger" onClick={() => setOptions(removeAt(options, j))} aria-label={t('adm.q.removeOption', { name: oName })}>
                      {t('adm.remove')}
                    </button>
                  </div>
                  <LocalizedField legend={t('adm.q.optionLabel', { n: j + 1 })} path={`${oPath}.label`} value={o.label} onChange={(label) => setOptions(replaceAt(options, j, { ...o, label }))} problems={problems} testId={`${testId}-option-${j}-label`} />
                </li>
              );
            })}
          </ol>
          <button type="button" className="button-secondary" onClick={() => setOptions([...options, { id: freshId('option', options.map((o) => o.id)), label: emptyText() }])} data-testid={`${testId}-add-option`}>
            {t('adm.q.addOption')}
          </button>
        </fieldset>
      )}

      <fieldset className="field condition-field">
        <legend className="field-label">{t('adm.q.showIf')}</legend>
        <p className="field-help">{t('adm.q.showIfHelp')}</p>
        <label className="field-label" htmlFor={fieldDomId(`${path}.showIf.questionId`)}>
          {t('adm.q.showIfQuestion')}
        </label>
        <select
          id={fieldDomId(`${path}.showIf.questionId`)}
          value={q.showIf?.questionId ?? ''}
          onChange={(e) => {
            const { showIf: _dropped, ...rest } = q;
            onChange(e.target.value === '' ? rest : { ...q, showIf: { questionId: e.target.value, anyOf: [] } });
          }}
          {...describedBy(problems, `${path}.showIf.questionId`)}
          data-testid={`${testId}-showif-question`}
        >
          <option value="">{t('adm.q.always')}</option>
          {q.showIf && !earlierChoices.some((x) => x.id === q.showIf?.questionId) && <option value={q.showIf.questionId}>{q.showIf.questionId}</option>}
          {earlierChoices.map((x) => (
            <option key={x.id} value={x.id}>
              {local(x.label).trim() || x.id}
            </option>
          ))}
        </select>
        <ProblemText path={`${path}.showIf.questionId`} problems={problems.at(`${path}.showIf.questionId`)} />
        <ProblemText path={`${path}.showIf`} problems={problems.at(`${path}.showIf`)} />
        {q.showIf && conditionOn && (
          <div role="group" aria-label={t('adm.q.showIfOptions')} data-testid={`${testId}-showif-options`}>
            <p className="field-label">{t('adm.q.showIfOptions')}</p>
            {(conditionOn.options ?? []).map((o) => {
              const anyOf = q.showIf?.anyOf ?? [];
              return (
                <label key={o.id} className="choice inline-choice">
                  <input
                    type="checkbox"
                    checked={anyOf.includes(o.id)}
                    onChange={(e) => onChange({ ...q, showIf: { questionId: conditionOn.id, anyOf: e.target.checked ? [...anyOf, o.id] : anyOf.filter((a) => a !== o.id) } })}
                    data-testid={`${testId}-showif-${o.id}`}
                  />
                  <span>{local(o.label).trim() || o.id}</span>
                </label>
              );
            })}
            <ProblemText path={`${path}.showIf.anyOf`} problems={problems.at(`${path}.showIf.anyOf`)} />
          </div>
        )}
      </fieldset>
    </li>
  );
}
