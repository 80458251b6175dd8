/**
 * First setup, from the one-time link the server printed at its first start: who the first
 * administrator is. The same browser then continues straight into activation (password,
 * keys, two-step sign-in) with the activation token the server answers.
 */
import { useState, type FormEvent } from 'react';
import type { Lang } from '../../../../shared/api/common.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { ActivationFlow } from '../auth/activation-flow';
import { useFragmentToken } from '../auth/use-fragment-token';
import { completeSetup } from '../api/staff-endpoints';
import { LanguageSelect } from '../components/language-select';
import { TextField } from '../components/text-field';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { ApiFailure } from '../../api/http';
import { StaffError } from '../staff-error';

/**
 * Refused because the page was opened at an address the server does not take as its own
 * (PUBLIC_URL, or its listening address): say which address to open, since reloading here
 * cannot help and the one-time token has already left the address bar.
 */
function SetupError({ error }: { error: unknown }) {
  const { t } = useStaffI18n();
  const details = error instanceof ApiFailure && error.id === 'origin_not_allowed' ? error.details : undefined;
  if (!details || typeof details.expected !== 'string') return <StaffError error={error} />;
  return (
    <div className="notice notice-error" role="alert" data-testid="setup-origin-error">
      <p>{t('err.origin_not_allowed', { expected: details.expected, received: String(details.received ?? window.location.origin) })}</p>
    </div>
  );
}

export function SetupPage({ crypto }: { crypto: AmanaCrypto }) {
  const { t, lang } = useStaffI18n();
  const token = useFragmentToken();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [language, setLanguage] = useState<Lang>(lang);
  const { busy, error, run } = useAction();
  const [activationToken, setActivationToken] = useState<string | null>(null);

  if (activationToken) return <ActivationFlow crypto={crypto} token={activationToken} />;
  if (!token) return <p className="notice notice-error" data-testid="setup-no-token">{t('setup.noToken')}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (email.trim() === '' || displayName.trim() === '') return;
    await run(async () => setActivationToken((await completeSetup({ token, email: email.trim(), displayName: displayName.trim(), language })).activationToken));
  };

  return (
    <section className="page staff-setup" data-testid="setup-page">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <TextField label={t('setup.email')} type="email" value={email} onChange={setEmail} dir="ltr" required disabled={busy} testId="setup-email" />
        <TextField label={t('setup.name')} value={displayName} onChange={setDisplayName} required disabled={busy} testId="setup-name" />
        <div className="field">
          <label className="field-label" htmlFor="setup-language">
            {t('setup.language')}
          </label>
          <LanguageSelect id="setup-language" value={language} onChange={setLanguage} disabled={busy} testId="setup-language" />
        </div>
        {error !== null && <SetupError error={error} />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy} data-testid="setup-submit">
            {t('setup.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
