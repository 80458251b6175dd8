/** Inviting a staff member: the server mails them an activation link that expires. */
import { useRef, useState, type FormEvent } from 'react';
import type { PublicChannel } from '../../../../shared/api/channel.schema';
/** what the account forms need of a channel: the public list and the admin list both have it */
type ChannelRef = Pick<PublicChannel, 'id' | 'slug' | 'definition'>;
import type { Lang } from '../../../../shared/api/common.schema';
import type { StaffClient } from '../api/staff-client';
import { inviteStaff } from '../api/staff-endpoints';
import { emailProblem, focusFirstInvalid, requiredProblem } from '../components/form-checks';
import { LanguageSelect } from '../components/language-select';
import { TextField } from '../components/text-field';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { AccessFields, type AccessValue } from './access-fields';

const EMPTY: AccessValue = { roles: ['officer'], department: '', channels: [] };

export function InviteForm({ client, channels, onInvited }: { client: StaffClient; channels: ChannelRef[]; onInvited(): void }) {
  const { t, lang } = useStaffI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [language, setLanguage] = useState<Lang>(lang);
  const [access, setAccess] = useState<AccessValue>(EMPTY);
  const { busy, error, run } = useAction();
  const [sent, setSent] = useState<string | null>(null);
  // Errors show once a send was tried, and clear as each field is fixed.
  const [tried, setTried] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const emailError = tried ? emailProblem(email) : null;
  const nameError = tried ? requiredProblem(displayName) : null;
  const rolesError = tried && access.roles.length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (emailProblem(email) || requiredProblem(displayName) || access.roles.length === 0) {
      setTried(true);
      focusFirstInvalid(form.current);
      return;
    }
    setTried(false);
    setSent(null);
    const invite = { email: email.trim(), displayName: displayName.trim(), language, department: access.department.trim() || null, roles: access.roles, channels: access.channels };
    if (!(await run(() => inviteStaff(client, invite)))) return;
    setSent(invite.email);
    setEmail('');
    setDisplayName('');
    setAccess(EMPTY);
    onInvited();
  };

  return (
    <form ref={form} onSubmit={submit} noValidate data-testid="invite-form">
      <h3>{t('admin.invite')}</h3>
      <TextField label={t('setup.email')} type="email" value={email} onChange={setEmail} dir="ltr" disabled={busy} testId="invite-email" error={emailError && t(emailError)} />
      <TextField label={t('setup.name')} value={displayName} onChange={setDisplayName} disabled={busy} testId="invite-name" error={nameError && t(nameError)} />
      <div className="field">
        <label className="field-label" htmlFor="invite-language">
          {t('setup.language')}
        </label>
        <LanguageSelect id="invite-language" value={language} onChange={setLanguage} disabled={busy} />
      </div>
      <AccessFields value={access} channels={channels} onChange={setAccess} disabled={busy} testId="invite" />
      {rolesError && (
        <p className="field-error" role="alert" data-testid="invite-roles-error">
          {t('form.required')}
        </p>
      )}
      {error !== null && <StaffError error={error} />}
      {sent && <p role="status" data-testid="invite-sent">{t('admin.invited', { email: sent })}</p>}
      <button type="submit" className="button-primary" disabled={busy} data-testid="invite-submit">
        {t('admin.inviteSubmit')}
      </button>
    </form>
  );
}
