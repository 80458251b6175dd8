/**
 * A forgotten password: the recovery key written down at activation, a second factor, and
 * a new password. The private key's recovery copy is opened here and re-encrypted under the
 * new password; every other session of the account ends.
 */
import { useState, type FormEvent } from 'react';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { Link, useRouter } from '../../router/router';
import { recoverWithKey } from '../auth/staff-auth';
import { NewPasswordFields, newPasswordProblem } from '../components/new-password-fields';
import { factorOf, SecondFactorField, type FactorState } from '../components/second-factor-field';
import { emailProblem, focusFirstInvalid } from '../components/form-checks';
import { TextField } from '../components/text-field';
import { useAction } from '../components/use-action';
import { normalizeRecoveryKey } from '../crypto/recovery-key';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { STAFF_PATHS } from '../staff-paths';
import { useStaffSession } from '../staff-session';

export function RecoverPage({ crypto }: { crypto: AmanaCrypto }) {
  const { t } = useStaffI18n();
  const { navigate } = useRouter();
  const { signIn } = useStaffSession();
  const [email, setEmail] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [factor, setFactor] = useState<FactorState>({ mode: 'totp', value: '' });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<StaffMessageKey | null>(null);
  const [keyInvalid, setKeyInvalid] = useState(false);
  const [factorInvalid, setFactorInvalid] = useState(false);
  const [tried, setTried] = useState(false);
  const emailError = tried ? emailProblem(email) : null;
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = normalizeRecoveryKey(recoveryKey);
    const second = factorOf(factor);
    const passwordProblem = newPasswordProblem(password, confirm);
    setKeyInvalid(key === null);
    setFactorInvalid(second === null);
    setProblem(passwordProblem);
    if (!key || !second || passwordProblem || emailProblem(email)) {
      setTried(true);
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    await run(async () => {
      signIn(await recoverWithKey(crypto, email.trim(), key, second, password));
      navigate(STAFF_PATHS.home, { replace: true });
    });
  };

  return (
    <section className="page staff-recover" data-testid="recover-page">
      <h1>{t('recover.title')}</h1>
      <p>{t('recover.intro')}</p>
      <form onSubmit={submit} noValidate autoComplete="off">
        <TextField label={t('login.email')} type="email" value={email} onChange={setEmail} autoComplete="username" dir="ltr" required disabled={busy} error={emailError && t(emailError)} testId="recover-email" />
        <TextField
          label={t('recover.key')}
          help={t('recover.keyHelp')}
          value={recoveryKey}
          onChange={setRecoveryKey}
          dir="ltr"
          spellCheck={false}
          disabled={busy}
          error={keyInvalid ? t('recover.keyInvalid') : null}
          testId="recover-key"
        />
        <SecondFactorField state={factor} onChange={setFactor} disabled={busy} invalid={factorInvalid} />
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} problem={problem} disabled={busy} />
        {busy && <p role="status">{t('login.deriving')}</p>}
        {!busy && error !== null && <StaffError error={error} />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy} data-testid="recover-submit">
            {t('recover.submit')}
          </button>
          <Link to={STAFF_PATHS.login} className="button-secondary">
            {t('recover.back')}
          </Link>
        </div>
      </form>
    </section>
  );
}
