/**
 * Jobs that failed every attempt (a mail that could not be sent, a routing that kept
 * failing), from the server's dead-letter list. Payloads are never shown; a retry puts the
 * job back in the queue with fresh attempts and is audited.
 */
import { useCallback, useEffect, useState } from 'react';
import type { StaffClient } from '../api/staff-client';
import { fetchDeadJobs, retryJob, type DeadJob } from '../api/staff-endpoints';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';

export function DeadJobs({ client }: { client: StaffClient }) {
  const { t, formatDate } = useStaffI18n();
  const [jobs, setJobs] = useState<DeadJob[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchDeadJobs(client).then(
      (answer) => {
        setJobs(answer.jobs);
        setError(null);
      },
      (err: unknown) => setError(err),
    );
  }, [client]);
  useEffect(load, [load]);

  const retry = async (id: string) => {
    setBusy(id);
    try {
      await retryJob(client, id);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
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
                    <button type="button" className="button-secondary" disabled={busy !== null} onClick={() => void retry(job.id)}>
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
