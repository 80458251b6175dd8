/**
 * A failure on an administration page: the admin API's stable ids (shared/api/admin.schema.ts)
 * in the reader's language, everything else as on the other staff pages.
 */
import { ApiFailure } from '../../api/http';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { ADMIN_ERROR_IDS, type AdminErrorId } from './problems';

export function isAdminErrorId(id: string): id is AdminErrorId {
  return (ADMIN_ERROR_IDS as readonly string[]).includes(id);
}

export function AdminError({ error, testId = 'admin-error' }: { error: unknown; testId?: string }) {
  const { t } = useStaffI18n();
  if (error instanceof ApiFailure && isAdminErrorId(error.id)) {
    const key = `adm.err.${error.id}` as StaffMessageKey;
    return (
      <div className="notice notice-error" role="alert" data-testid={testId} data-error-id={error.id}>
        <p>{t(key)}</p>
      </div>
    );
  }
  return <StaffError error={error} testId={testId} />;
}
