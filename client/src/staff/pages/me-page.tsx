/**
 * The staff member's own account: language, an absence (routing gives new cases to others
 * meanwhile), a new password (the private key is re-encrypted in this browser; other
 * sessions end), and signing out of every session at once.
 */
import { useState, type FormEvent } from 'react';
import { useCrypto } from '../../crypto/crypto-context';
import type { Lang } from '../../../../shared/api/common.schema';
import { useRouter } from '../../router/router';
import { updateMe } from '../api/staff-endpoints';
import { changeOwnPassword } from '../auth/staff-auth';
import { LanguageSelect } from '../components/language-select';
import { NewPasswordFields, newPasswordProblem } from '../components/new-password-fields';
import { focusFirstInvalid, requiredProblem } from '../components/form-checks';
import { TextField } from '../components/text-field';
import { useAction } from '../components/use-action';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { STAFF_PATHS } from '../staff-paths';
import { useStaffSession, useUnlocked } from '../staff-session';
import { localDay, startOfLocalDay } from '../components/local-day';

/** <input type="date"> value <-> the instant it starts, in the browser's time zone */

export function MePage() {
  const { t, formatDate, setLang } = useStaffI18n();
  const unlocked = useUnlocked();
  const { client, me } = unlocked;
  const { update, signOut } = useStaffSession();
  const { navigate } = useRouter();
  const cryptoState = useCrypto();
  const [awayFrom, setAwayFrom] = useState(localDay(me.awayFrom));
  const [awayUntil, setAwayUntil] = useState(me.awayUntil ? localDay(new Date(Date.parse(me.awayUntil) - 1).toISOString()) : '');
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<StaffMessageKey | null>(null);
  const [triedPassword, setTriedPassword] = useState(false);
  const currentError = triedPassword ? requiredProblem(current) : null;
  const [awayProblem, setAwayProblem] = useState<StaffMessageKey | null>(null);
  const [notice, setNotice] = useState<StaffMessageKey | null>(null);
  // Which request runs: the password change alone says that keys are being derived.
  const [running, setRunning] = useState<'password' | 'other'>('other');
  const action = useAction();
  const { busy, error } = action;
  const run = async (work: () => Promise<void>, done: StaffMessageKey | null, what: 'password' | 'other' = 'other') => {
    setNotice(null);
    setRunning(what);
    if (await action.run(work)) setNotice(done);
  };

  const saveAway = (event: FormEvent) => {
    event.preventDefault();
    const reversed = awayFrom !== '' && awayUntil !== '' && awayUntil < awayFrom;
    setAwayProblem(reversed ? 'form.awayOrder' : null);
    if (reversed) {
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    void run(async () => update({ me: await updateMe(client, { awayFrom: awayFrom ? startOfLocalDay(awayFrom) : null, awayUntil: awayUntil ? startOfLocalDay(awayUntil, 1) : null }) }), 'me.saved');
  };
  const saveLanguage = (code: Lang) => {
    void run(async () => {
      update({ me: await updateMe(client, { language: code }) });
      setLang(code);
    }, 'me.saved');
  };
  const savePassword = (event: FormEvent) => {
    event.preventDefault();
    const found = newPasswordProblem(password, confirm);
    setProblem(found);
    if (found || current === '') {
      setTriedPassword(true);
      focusFirstInvalid(event.currentTarget as HTMLFormElement);
      return;
    }
    if (cryptoState.state !== 'ready') return;
    void run(async () => {
      update({ keyBundle: await changeOwnPassword(cryptoState.crypto, client, unlocked, current, password) });
      setCurrent('');
      setPassword('');
      setConfirm('');
    }, 'me.passwordChanged', 'password');
  };
  const everywhere = () =>
    void run(async () => {
      await signOut(true);
      navigate(STAFF_PATHS.login);
    }, null);

  return (
    <section className="page staff-me" data-testid="me-page">
      <h1>{t('me.title')}</h1>
      <dl className="case-summary">
        <dt>{t('setup.name')}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t('setup.email')}</dt>
        <dd dir="ltr">{me.email}</dd>
        <dt>{t('admin.roles')}</dt>
        <dd>{me.roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
        <dt>{t('me.codesLeft')}</dt>
        <dd data-testid="me-codes-left">{me.recoveryCodesLeft}</dd>
        {me.awayFrom && (
          <>
            <dt>{t('me.away')}</dt>
            <dd>{t('me.awayRange', { from: formatDate(me.awayFrom), until: me.awayUntil ? formatDate(me.awayUntil) : '…' })}</dd>
          </>
        )}
      </dl>
      {notice && <p className="notice" role="status" data-testid="me-notice">{t(notice)}</p>}
      {error !== null && <StaffError error={error} />}

      <h2>
        <label htmlFor="me-language">{t('me.language')}</label>
      </h2>
      <LanguageSelect id="me-language" value={me.language} onChange={saveLanguage} disabled={busy} />

      <h2>{t('me.away')}</h2>
      <form onSubmit={saveAway} noValidate>
        <p className="field-help">{t('me.awayHelp')}</p>
        <TextField label={t('me.awayFrom')} type="date" value={awayFrom} onChange={setAwayFrom} disabled={busy} />
        <TextField label={t('me.awayUntil')} type="date" value={awayUntil} onChange={setAwayUntil} disabled={busy} error={awayProblem && t(awayProblem)} />
        <button type="submit" className="button-secondary" disabled={busy}>
          {t('admin.save')}
        </button>
      </form>

      <h2>{t('me.password')}</h2>
      <form onSubmit={savePassword} noValidate>
        <TextField label={t('me.currentPassword')} type="password" value={current} onChange={setCurrent} autoComplete="current-password" required disabled={busy} error={currentError && t(currentError)} testId="me-current-password" />
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} problem={problem} disabled={busy} />
        {busy && running === 'password' && <p role="status">{t('login.deriving')}</p>}
        <button type="submit" className="button-secondary" disabled={busy} data-testid="me-password-submit">
          {t('me.changePassword')}
        </button>
      </form>

      <h2>{t('me.sessions')}</h2>
      <p>{t('me.sessionsHelp')}</p>
      <button type="button" className="button-secondary" disabled={busy} onClick={everywhere} data-testid="sign-out-everywhere">
        {t('me.signOutEverywhere')}
      </button>
    </section>
  );
}
