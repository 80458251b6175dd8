/**
 * Officers' labels for their own sorting. They are clear metadata on the server, so they are
 * short words (letters, digits, _ and -), never a description of the case.
 */
import { useId, useState, type FormEvent } from 'react';
import type { StaffClient } from '../api/staff-client';
import { setLabels } from '../api/staff-endpoints';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';

const LABEL = /^[\p{L}\p{N}_-]{1,32}$/u;
const MAX_LABELS = 20;

export function parseLabels(text: string): string[] | null {
  const labels = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  return labels.length <= MAX_LABELS && labels.every((l) => LABEL.test(l)) ? labels : null;
}

export function LabelsForm({ client, caseId, labels, onChanged }: { client: StaffClient; caseId: string; labels: string[]; onChanged(): void }) {
  const { t } = useStaffI18n();
  const id = useId();
  const [text, setText] = useState(labels.join(' '));
  const [invalid, setInvalid] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLabels(text);
    setInvalid(parsed === null);
    if (parsed && (await run(() => setLabels(client, caseId, parsed)))) onChanged();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="labels-form">
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {t('labels.field')}
        </label>
        <p className="field-help">{t('labels.help')}</p>
        <input id={id} type="text" value={text} onChange={(e) => setText(e.target.value)} disabled={busy} aria-invalid={invalid || undefined} data-testid="labels-input" />
        {invalid && <p className="field-error" role="alert">{t('labels.invalid')}</p>}
      </div>
      {error !== null && <StaffError error={error} />}
      <button type="submit" className="button-secondary" disabled={busy} data-testid="labels-submit">
        {t('labels.save')}
      </button>
    </form>
  );
}
