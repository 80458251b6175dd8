/**
 * A failure on a staff page in the reader's language. Staff errors are matched by the
 * server's stable ids (server/services/staff/staff-errors.ts); anything else falls back to
 * the reporter's messages, which cover the shared ones (network, rate limits, decryption).
 */
import { ApiFailure } from '../api/http';
import { errorMessageKey } from '../api/error-messages';
import { useStaffI18n, type StaffMessageKey } from './i18n/staff-i18n';

const BY_ID: Partial<Record<string, StaffMessageKey>> = {
  login_failed: 'err.login_failed',
  login_locked: 'err.login_locked',
  link_invalid: 'err.link_invalid',
  setup_done: 'err.setup_done',
  csrf_rejected: 'err.csrf_rejected',
  totp_invalid: 'err.totp_invalid',
  kdf_too_weak: 'err.kdf_unsafe',
  kdf_unsafe: 'err.kdf_unsafe',
  key_bundle_invalid: 'err.key_bundle_invalid',
  staff_not_found: 'err.staff_not_found',
  staff_exists: 'err.staff_exists',
  last_administrator: 'err.last_administrator',
  staff_not_invited: 'err.staff_not_invited',
  channel_unknown: 'err.channel_unknown',
  status_transition_invalid: 'err.status_transition_invalid',
  case_purged: 'err.case_purged',
  grantee_invalid: 'err.grantee_invalid',
  already_granted: 'err.already_granted',
  notes_key_required: 'err.notes_key_required',
  identity_not_disclosed: 'err.identity_not_disclosed',
  identity_request_pending: 'err.identity_request_pending',
  identity_already_held: 'err.identity_already_held',
  custodians_invalid: 'err.custodians_invalid',
  identity_request_not_found: 'err.identity_request_not_found',
  identity_request_decided: 'err.identity_request_decided',
  own_identity_request: 'err.own_identity_request',
  password_incorrect: 'err.password_incorrect',
  unauthenticated: 'err.session_ended',
  session_invalid: 'err.session_ended',
  session_expired: 'err.session_ended',
  report_not_found: 'err.case_not_found',
  not_found: 'err.not_found',
  conflict: 'err.conflict',
  message_exists: 'err.conflict',
};

export function StaffError({ error, testId = 'staff-error' }: { error: unknown; testId?: string }) {
  const { t, tr } = useStaffI18n();
  const staffKey = error instanceof ApiFailure ? BY_ID[error.id] : undefined;
  return (
    <div className="notice notice-error" role="alert" data-testid={testId}>
      <p>{staffKey ? t(staffKey) : tr(errorMessageKey(error))}</p>
    </div>
  );
}
