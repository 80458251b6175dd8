/**
 * Activation, step by step: choose a password; write down the recovery key (made here,
 * shown once); set up the authenticator app and prove it with a code, which sends the new
 * keys; write down the one-time recovery codes; then continue signed in. Setup uses the
 * same steps for the first administrator.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ActivationStartResponse } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { useRouter } from '../../router/router';
import { startActivation } from '../api/staff-endpoints';
import { NewPasswordFields, newPasswordProblem } from '../components/new-password-fields';
import { TextField } from '../components/text-field';
import { useAction } from '../components/use-action';
import type { NewAccountKeys } from '../crypto/key-bundle';
import { generateRecoveryKey } from '../crypto/recovery-key';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { STAFF_PATHS } from '../staff-paths';
import { useStaffSession, type Unlocked } from '../staff-session';
import { makeAccountKeys, sendActivation } from './activation';
import { RecoveryCodesStep, RecoveryKeyStep, TotpSecret } from './activation-steps';

type Step = 'password' | 'recovery' | 'totp' | 'codes';

// Opening the page makes a new TOTP secret on the server; one request per token, even when
// React runs an effect twice, so the secret shown is the one the server keeps.
const starts = new Map<string, Promise<ActivationStartResponse>>();

export function ActivationFlow({ crypto, token }: { crypto: AmanaCrypto; token: string }) {
  const { t, tr } = useStaffI18n();
  const { navigate } = useRouter();
  const { signIn } = useStaffSession();
  const [start, setStart] = useState<ActivationStartResponse | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [step, setStep] = useState<Step>('password');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<StaffMessageKey | null>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [code, setCode] = useState('');
  const [codeInvalid, setCodeInvalid] = useState(false);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<{ unlocked: Unlocked; recoveryCodes: string[] } | null>(null);
  // Made once per password and recovery key: a mistyped code must not cost another derivation.
  const keys = useRef<NewAccountKeys | null>(null);

  useEffect(() => {
    let live = true;
    if (!starts.has(token)) starts.set(token, startActivation(token));
    starts.get(token)!.then(
      (answer) => live && setStart(answer),
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [token]);

  if (loadError !== null) return <StaffError error={loadError} testId="activate-error" />;
  if (!start) return <p role="status">{tr('common.loading')}</p>;

  const choosePassword = (event: FormEvent) => {
    event.preventDefault();
    const found = newPasswordProblem(password, confirm);
    setProblem(found);
    if (found) return;
    keys.current = null;
    setRecoveryKey(generateRecoveryKey(crypto));
    setStep('recovery');
  };

  const enrol = async (event: FormEvent) => {
    event.preventDefault();
    const valid = /^\d{6}$/.test(code.trim());
    setCodeInvalid(!valid);
    if (!valid) return;
    const sent = await run(async () => {
      keys.current ??= await makeAccountKeys(crypto, start, password, recoveryKey);
      const result = await sendActivation(token, keys.current, code.trim());
      starts.delete(token);
      setPassword('');
      setConfirm('');
      setRecoveryKey('');
      setDone(result);
      setStep('codes');
    });
    if (!sent) setCode('');
  };

  const finish = () => {
    if (!done) return;
    signIn(done.unlocked);
    navigate(STAFF_PATHS.home, { replace: true });
  };

  return (
    <section className="page staff-activate" data-testid="activate-page" data-step={step}>
      <h1>{t('activate.title')}</h1>
      <p>{t('activate.for', { name: start.displayName, email: start.email })}</p>
      {step === 'password' && (
        <form onSubmit={choosePassword} noValidate>
          <h2>{t('activate.passwordTitle')}</h2>
          <p>{t('activate.passwordIntro')}</p>
          <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} problem={problem} />
          <div className="form-actions">
            <button type="submit" className="button-primary" data-testid="activate-password-next">
              {t('activate.next')}
            </button>
          </div>
        </form>
      )}
      {step === 'recovery' && <RecoveryKeyStep recoveryKey={recoveryKey} onDone={() => setStep('totp')} />}
      {step === 'totp' && (
        <form onSubmit={enrol} noValidate autoComplete="off">
          <h2>{t('activate.totpTitle')}</h2>
          <TotpSecret secret={start.totp.secret} uri={start.totp.uri} />
          <TextField label={t('login.totp')} help={t('login.totpHelp')} value={code} onChange={setCode} inputMode="numeric" dir="ltr" disabled={busy} error={codeInvalid ? t('login.totpFormat') : null} testId="activate-totp" />
          {busy && (
            <p role="status" data-testid="activate-deriving">
              {t('activate.making')} <progress aria-label={t('activate.making')} />
            </p>
          )}
          {!busy && error !== null && <StaffError error={error} testId="activate-error" />}
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={busy} data-testid="activate-submit">
              {t('activate.submit')}
            </button>
          </div>
        </form>
      )}
      {step === 'codes' && done && <RecoveryCodesStep codes={done.recoveryCodes} onDone={finish} />}
    </section>
  );
}
