/**
 * The second factor at sign-in: the six digits of the authenticator app, or, when the phone
 * is lost, one of the one-time recovery codes shown at activation.
 */
import { useStaffI18n } from '../i18n/staff-i18n';
import type { SecondFactor } from '../auth/staff-auth';
import { TextField } from './text-field';

export interface FactorState {
  mode: 'totp' | 'recoveryCode';
  value: string;
}

export function factorOf(state: FactorState): SecondFactor | null {
  const value = state.value.replace(/\s/g, '');
  if (state.mode === 'totp') return /^\d{6}$/.test(value) ? { totp: value } : null;
  return /^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/.test(value) ? { recoveryCode: value.toUpperCase() } : null;
}

export function SecondFactorField({ state, onChange, disabled, invalid }: { state: FactorState; onChange(next: FactorState): void; disabled?: boolean; invalid?: boolean }) {
  const { t } = useStaffI18n();
  const totp = state.mode === 'totp';
  return (
    <div className="second-factor">
      <TextField
        label={totp ? t('login.totp') : t('login.recoveryCode')}
        help={totp ? t('login.totpHelp') : t('login.recoveryCodeHelp')}
        value={state.value}
        onChange={(value) => onChange({ ...state, value })}
        inputMode={totp ? 'numeric' : 'text'}
        autoComplete="one-time-code"
        dir="ltr"
        disabled={disabled}
        error={invalid ? (totp ? t('login.totpFormat') : t('login.recoveryCodeFormat')) : null}
        testId={totp ? 'login-totp' : 'login-recovery-code'}
      />
      <button type="button" className="button-link" onClick={() => onChange({ mode: totp ? 'recoveryCode' : 'totp', value: '' })} disabled={disabled} data-testid="login-factor-switch">
        {totp ? t('login.useRecoveryCode') : t('login.useTotp')}
      </button>
    </div>
  );
}
