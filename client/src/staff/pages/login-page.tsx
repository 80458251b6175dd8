/**
 * Staff sign-in. The password is stretched here (Argon2id, 64 MiB) into the key that opens
 * the private key and a separate login secret, which alone is sent with the second factor.
 * On a page that needs a session this form appears in its place and the page follows.
 */
import { useState, type FormEvent } from 'react';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { isLang } from '../../i18n/languages';
import { Link, useRouter } from '../../router/router';
import { signInWithPassword } from '../auth/staff-auth';
import { factorOf, SecondFactorField, type FactorState } from '../components/second-factor-field';
import { emailProblem, focusFirstInvalid, requiredProblem } from '../components/form-checks';
import { TextField } from '../components/text-field';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { STAFF_PATHS } from '../staff-paths';
import { useStaffSession } from '../staff-session';

export function LoginPage({ crypto }: { crypto: AmanaCrypto }) {
  const { t, setLang } = useStaffI18n();
  const { path, search, navigate } = useRouter();
  const { signIn } = useStaffSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [factor, setFactor] = useState<FactorState>({ mode: 'totp', value: '' });
  const [invalid, setInvalid] = useState(false);
  const [tried, setTried] = useState(false);
  const emailError = tried ? emailProblem(email) : null;
  const passwordError = tried ? requiredProblem(password) : null;
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const second = factorOf(factor);
    setInvalid(second === null);
    if (!second || emailProblem(email) || password === '') {
      setTried(true);
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    const done = await run(async () => {
      const unlocked = await signInWithPassword(crypto, email.trim(), password, second);
      setPassword('');
      signIn(unlocked);
      // The profile's language applies unless the address already chose one.
      if (!isLang(search.get('lang'))) setLang(unlocked.me.language);
      if (path === STAFF_PATHS.login) navigate(STAFF_PATHS.home, { replace: true });
    });
    // A code is good for one attempt at most.
    if (!done) setFactor((f) => ({ ...f, value: '' }));
  };

  return (
    <section className="page staff-login" data-testid="login-page">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} noValidate>
        <TextField label={t('login.email')} type="email" value={email} onChange={setEmail} autoComplete="username" dir="ltr" required disabled={busy} error={emailError && t(emailError)} testId="login-email" />
        <TextField
          label={t('login.password')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          disabled={busy}
          error={passwordError && t(passwordError)}
          testId="login-password"
        />
        <SecondFactorField state={factor} onChange={setFactor} disabled={busy} invalid={invalid} />
        {busy && (
          <p role="status" data-testid="login-deriving">
            {t('login.deriving')} <progress aria-label={t('login.deriving')} />
          </p>
        )}
        {!busy && error !== null && <StaffError error={error} testId="login-error" />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy} data-testid="login-submit">
            {t('login.submit')}
          </button>
        </div>
      </form>
      <p>
        <Link to={STAFF_PATHS.recover} data-testid="login-forgot">
          {t('login.forgot')}
        </Link>
      </p>
    </section>
  );
}
