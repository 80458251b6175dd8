/**
 * Progress of a submission. Each step is announced once. Neither Argon2id nor the proof of
 * work (random by nature) reports its progress, so the current step shows an activity bar
 * and, after a few seconds, the time spent, so a slow phone visibly is still working.
 */
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n/i18n';
import type { SendProgress, SendStep } from './submit-report';

const STEPS: { step: SendStep; key: MessageKey }[] = [
  { step: 'receipt', key: 'send.receipt' },
  { step: 'keys', key: 'send.keys' },
  { step: 'encrypt', key: 'send.encrypt' },
  { step: 'pow', key: 'send.pow' },
  { step: 'upload', key: 'send.upload' },
];

/** Seconds since the step began, so a slow Argon2id visibly is still working. */
function useElapsed(step: SendStep | undefined): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [step]);
  return seconds;
}

export function SendingStep({ progress }: { progress: SendProgress | null }) {
  const { t } = useI18n();
  const current = STEPS.findIndex((s) => s.step === progress?.step);
  const elapsed = useElapsed(progress?.step);
  return (
    <div className="sending" data-testid="sending">
      <p>{t('send.keepOpen')}</p>
      <ol className="steps">
        {STEPS.map((s, i) => (
          <li key={s.step} className={i < current ? 'step-done' : i === current ? 'step-current' : 'step-pending'} aria-current={i === current ? 'step' : undefined}>
            {t(s.key)}
            {i === current && <progress aria-label={t(s.key)} />}
            {i === current && elapsed >= 3 && <span className="elapsed"> ({t('send.elapsed', { seconds: elapsed })})</span>}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" role="status" aria-live="polite">
        {current >= 0 ? t(STEPS[current]!.key) : ''}
      </p>
    </div>
  );
}
