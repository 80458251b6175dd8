/** A new password typed twice; the parent checks it with `newPasswordProblem` before stretching it. */
import type { StaffMessageKey } from '../i18n/staff-i18n';
import { useStaffI18n } from '../i18n/staff-i18n';
import { PASSWORD_MIN_LENGTH } from '../auth/activation';
import { TextField } from './text-field';

export function newPasswordProblem(password: string, confirm: string): StaffMessageKey | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password.tooShort';
  if (password !== confirm) return 'password.mismatch';
  return null;
}

interface Props {
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  problem: StaffMessageKey | null;
  disabled?: boolean;
}

export function NewPasswordFields({ password, confirm, onPassword, onConfirm, problem, disabled }: Props) {
  const { t } = useStaffI18n();
  return (
    <>
      <TextField
        label={t('password.new')}
        help={t('password.help', { min: PASSWORD_MIN_LENGTH })}
        type="password"
        value={password}
        onChange={onPassword}
        autoComplete="new-password"
        disabled={disabled}
        error={problem === 'password.tooShort' ? t(problem, { min: PASSWORD_MIN_LENGTH }) : null}
        testId="new-password"
      />
      <TextField
        label={t('password.confirm')}
        type="password"
        value={confirm}
        onChange={onConfirm}
        autoComplete="new-password"
        disabled={disabled}
        error={problem === 'password.mismatch' ? t(problem) : null}
        testId="new-password-confirm"
      />
    </>
  );
}
