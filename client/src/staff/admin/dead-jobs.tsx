/**
 * Jobs that failed every attempt (a mail that could not be sent, a routing that kept
 * failing), from the server's dead-letter list. Payloads are never shown; a retry puts the
 * job back in the queue with fresh attempts and is audited.
 */
import { useCallback } from 'react';
import type { StaffClient } from '../api/staff-client';
import { fetchDeadJobs, retryJob } from '../api/staff-endpoints';
import { useAction, useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';

export function DeadJobs({ client }: { client: StaffClient }) {
  const { t, formatDate } = useStaffI18n();
  const dead = useQuery(useCallback((signal: AbortSignal) => fetchDeadJobs(client, signal), [client]));
  const retrying = useAction();
  const jobs = dead.data?.jobs ?? null;
  const error = retrying.error ?? dead.error;
  const retry = async (id: string) => {
    if (await retrying.run(() => retryJob(client, id))) dead.reload();
  };

  return (
    <div data-testid="dead-jobs">
      {error !== null && <StaffError error={error} />}
      {jobs !== null && jobs.length === 0 && <p className="muted">{t('jobs.none')}</p>}
      {jobs !== null && jobs.length > 0 && (
        <div className="table-scroll">
          <table className="staff-table">
            <thead>
              <tr>
                <th scope="col">{t('jobs.name')}</th>
                <th scope="col">{t('jobs.attempts')}</th>
                <th scope="col">{t('jobs.error')}</th>
                <th scope="col">{t('jobs.failedAt')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} data-testid="dead-job">
                  <td dir="ltr">{job.id}</td>
                  <td>
                    {job.attempts}/{job.maxAttempts}
                  </td>
                  <td dir="ltr">{job.lastError ?? '—'}</td>
                  <td>{job.finishedAt ? formatDate(job.finishedAt, true) : '—'}</td>
                  <td>
                    <button type="button" className="button-secondary" disabled={retrying.busy} onClick={() => void retry(job.id)}>
                      {t('jobs.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
