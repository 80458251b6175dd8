/** The screens of activation that show a secret once: the recovery key and the recovery codes. */
import { useState, type ReactNode } from 'react';
import { formatRecoveryKey } from '../crypto/recovery-key';
import { useStaffI18n } from '../i18n/staff-i18n';
import { groupSecret } from './activation';
import { TotpQr } from './totp-qr';

/** A secret shown once, which the person must confirm having saved before going on. */
export function ShowOnce({ title, intro, children, confirmLabel, onDone, testId }: {
  title: string;
  intro: string;
  children: ReactNode;
  confirmLabel: string;
  onDone(): void;
  testId: string;
}) {
  const { t } = useStaffI18n();
  const [saved, setSaved] = useState(false);
  const [nudge, setNudge] = useState(false);
  return (
    <section data-testid={testId}>
      <h2>{title}</h2>
      <p>{intro}</p>
      {children}
      <label className="choice">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} data-testid={`${testId}-saved`} />
        <span>{confirmLabel}</span>
      </label>
      {nudge && !saved && (
        <p className="field-error" role="alert">
          {t('activate.mustConfirm')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button-primary" aria-disabled={!saved} onClick={() => (saved ? onDone() : setNudge(true))} data-testid={`${testId}-next`}>
          {t('activate.next')}
        </button>
      </div>
    </section>
  );
}

export function RecoveryKeyStep({ recoveryKey, onDone }: { recoveryKey: string; onDone(): void }) {
  const { t } = useStaffI18n();
  return (
    <ShowOnce title={t('activate.recoveryTitle')} intro={t('activate.recoveryIntro')} confirmLabel={t('activate.recoverySaved')} onDone={onDone} testId="recovery-key-step">
      <p className="secret-box">
        <bdi dir="ltr" translate="no" data-testid="recovery-key">
          {formatRecoveryKey(recoveryKey)}
        </bdi>
      </p>
    </ShowOnce>
  );
}

export function RecoveryCodesStep({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useStaffI18n();
  return (
    <ShowOnce title={t('activate.codesTitle')} intro={t('activate.codesIntro')} confirmLabel={t('activate.codesSaved')} onDone={onDone} testId="recovery-codes-step">
      <ol className="secret-box recovery-codes" dir="ltr" translate="no" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <bdi>{code}</bdi>
          </li>
        ))}
      </ol>
    </ShowOnce>
  );
}

/** The authenticator app's secret: a QR code to scan, and the same secret as text to type. */
export function TotpSecret({ secret, uri }: { secret: string; uri: string }) {
  const { t } = useStaffI18n();
  return (
    <div className="totp-secret">
      <p>{t('activate.totpIntro')}</p>
      <figure className="totp-qr-figure">
        <TotpQr uri={uri} label={t('activate.totpQr')} />
        <figcaption className="field-help">{t('activate.totpQrHelp')}</figcaption>
      </figure>
      <p className="field-label">{t('activate.totpKey')}</p>
      <p className="secret-box">
        <bdi dir="ltr" translate="no" data-testid="totp-secret" data-secret={secret}>
          {groupSecret(secret)}
        </bdi>
      </p>
      <details>
        <summary>{t('activate.totpUri')}</summary>
        <p className="secret-uri" dir="ltr" translate="no" data-testid="totp-uri">
          {uri}
        </p>
      </details>
      <p className="field-help">{t('activate.totpSettings')}</p>
    </div>
  );
}
