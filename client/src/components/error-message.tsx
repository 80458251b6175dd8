/** An error in the reader's language, announced by screen readers as soon as it appears. */
import { errorMessageKey } from '../api/error-messages';
import { useT, type MessageKey } from '../i18n/i18n';

interface Props {
  error?: unknown;
  /** a message chosen by the caller instead of one derived from `error` */
  messageKey?: MessageKey;
  onRetry?: () => void;
  testId?: string;
}

export function ErrorMessage({ error, messageKey, onRetry, testId = 'error' }: Props) {
  const t = useT();
  const key = messageKey ?? errorMessageKey(error);
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      <p>{t(key)}</p>
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
