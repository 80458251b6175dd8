/**
 * Status, deadlines, the previous opening with this receipt (so a reporter notices if
 * someone else has their code), and the history, including any disclosure of identity and
 * the officer's reason for each status change, decrypted here with the case key.
 */
import type { FollowUpCase, FollowUpEvent } from '../../../shared/api/report.schema';
import { useI18n, type MessageKey } from '../i18n/i18n';

const ROLES: Partial<Record<string, MessageKey>> = { officer: 'role.officer', supervisor: 'role.supervisor', custodian: 'role.custodian' };

function EventLine({ event }: { event: FollowUpEvent }) {
  const { t, formatDate } = useI18n();
  if (event.kind === 'identity_decision') {
    const role = t(ROLES[event.role ?? ''] ?? 'role.unknown');
    return <strong>{t('followUp.event.identity', { role, date: formatDate(event.at, true) })}</strong>;
  }
  if (event.kind === 'status' && event.status) {
    const status = t(`status.${event.status}`);
    return <>{event.outcome ? `${t('followUp.event.status', { status })} — ${t(`outcome.${event.outcome}`)}` : t('followUp.event.status', { status })}</>;
  }
  return <>{t('followUp.event.created')}</>;
}

export function CaseStatus({ data, previousAccessAt, reasons }: { data: FollowUpCase; previousAccessAt: string | null; reasons: Map<number, string | null> }) {
  const { t, formatDate } = useI18n();
  return (
    <section className="case-status" aria-labelledby="case-status-title">
      <p className={previousAccessAt ? 'notice notice-warning' : 'notice'} data-testid="previous-access">
        {previousAccessAt ? t('followUp.previousAccess', { date: formatDate(previousAccessAt, true) }) : t('followUp.firstAccess')}
      </p>
      <h2 id="case-status-title">{t('followUp.status')}</h2>
      <p className="status-badge" data-testid="case-status" data-status={data.status}>
        {t(`status.${data.status}`)}
      </p>
      {data.outcome && (
        <p data-testid="case-outcome">
          {t('followUp.outcome')}: {t(`outcome.${data.outcome}`)}
        </p>
      )}
      <ul className="deadlines">
        <li>{t('followUp.received', { date: formatDate(data.createdAt) })}</li>
        <li data-testid="deadline-ack">
          {data.acknowledgedAt ? t('followUp.ackedOn', { date: formatDate(data.acknowledgedAt) }) : t('followUp.ackBy', { date: formatDate(data.acknowledgeBy) })}
        </li>
        <li data-testid="deadline-feedback">{t('followUp.feedbackBy', { date: formatDate(data.feedbackBy) })}</li>
      </ul>
      <h3>{t('followUp.history')}</h3>
      <ol className="history" data-testid="case-history">
        {data.events.map((event, i) => (
          <li key={`${event.at}-${i}`} data-kind={event.kind}>
            <time dateTime={event.at}>{formatDate(event.at, true)}</time> — <EventLine event={event} />
            {reasons.get(i) && (
              <blockquote className="status-reason" dir="auto" data-testid="status-reason">
                {reasons.get(i)}
              </blockquote>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
