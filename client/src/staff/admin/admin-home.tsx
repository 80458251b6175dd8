/**
 * Where an administrator lands after signing in: the readiness checklist while it is not
 * complete (a new installation's next steps), and afterwards what their other roles open.
 */
import { useCallback, type ReactNode } from 'react';
import { useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { useUnlocked } from '../staff-session';
import { fetchReadiness } from './admin-endpoints';
import { ReadinessPage } from './readiness-page';

export function AdminHome({ otherwise }: { otherwise: ReactNode }) {
  const { tr } = useStaffI18n();
  const { client } = useUnlocked();
  const { data, error } = useQuery(useCallback((signal: AbortSignal) => fetchReadiness(client, signal), [client]));
  // An error here is not worth blocking the landing page: the checklist stays in the admin area.
  if (error !== null) return <>{otherwise}</>;
  if (!data) return <p role="status">{tr('common.loading')}</p>;
  return data.complete ? <>{otherwise}</> : <ReadinessPage />;
}
