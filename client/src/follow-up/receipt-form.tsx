/**
 * Where the reporter types their receipt code back. Any digits script, spaces and dashes
 * are accepted; the code is checked for shape here, before seconds of key derivation.
 */
import { useId, useState, type FormEvent } from 'react';
import { normalizeReceipt } from '../../../shared/crypto/index';
import { ErrorMessage } from '../components/error-message';
import { useI18n, type MessageKey } from '../i18n/i18n';

interface Props {
  busy: boolean;
  error: unknown;
  notice: MessageKey | null;
  onOpen(receiptDigits: string): void;
}

export function ReceiptForm({ busy, error, notice, onOpen }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState('');
  const [badFormat, setBadFormat] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let digits: string;
    try {
      digits = normalizeReceipt(value);
    } catch {
      setBadFormat(true);
      return;
    }
    setBadFormat(false);
    // What was typed stays if the code is refused: someone reading it off paper must be able
    // to correct one digit, not retype twenty blind. The form leaves the page (and its state
    // with it) as soon as the case opens.
    onOpen(digits);
  };

  const refused = !busy && error !== null;
  const describedBy = `${id}-help${badFormat ? ` ${id}-error` : ''}${refused ? ` ${id}-refused` : ''}`;
  return (
    <form className="receipt-form" onSubmit={submit} noValidate autoComplete="off">
      {notice && <p className="notice notice-warning">{t(notice)}</p>}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-input`}>
          {t('followUp.label')}
        </label>
        <p id={`${id}-help`} className="field-help">
          {t('followUp.help')}
        </p>
        <input
          id={`${id}-input`}
          className="receipt-input"
          type="text"
          inputMode="numeric"
          dir="ltr"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={busy}
          aria-describedby={describedBy}
          aria-invalid={badFormat || refused || undefined}
          data-testid="follow-up-receipt"
        />
        {badFormat && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {t('followUp.badFormat')}
          </p>
        )}
      </div>
      {busy && (
        <p role="status" aria-live="polite" data-testid="follow-up-deriving">
          {t('followUp.deriving')} <progress aria-label={t('followUp.deriving')} />
        </p>
      )}
      {refused && (
        <div id={`${id}-refused`}>
          <ErrorMessage error={error} testId="follow-up-error" />
        </div>
      )}
      <button type="submit" className="button-primary" disabled={busy} data-testid="follow-up-open">
        {t('followUp.open')}
      </button>
    </form>
  );
}
