/**
 * Status, what is new, deadlines, the previous opening with this receipt (so a reporter
 * notices if someone else has their code), and, apart, the history, including any disclosure of identity and
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

export function CaseStatus({ data, previousAccessAt, newMessages, newEvents }: { data: FollowUpCase; previousAccessAt: string | null; newMessages: number; newEvents: number }) {
  const { t, formatDate } = useI18n();
  const news = [newMessages > 0 ? t('followUp.newMessages', { count: newMessages }) : null, newEvents > 0 ? t('followUp.newEvents', { count: newEvents }) : null].filter(
    (line): line is string => line !== null,
  );
  return (
    <section className="case-status" aria-labelledby="case-status-title">
      <h2 id="case-status-title">{t('followUp.status')}</h2>
      <p className="status-badge" data-testid="case-status" data-status={data.status}>
        {t(`status.${data.status}`)}
      </p>
      {data.outcome && (
        <p data-testid="case-outcome">
          {t('followUp.outcome')}: {t(`outcome.${data.outcome}`)}
        </p>
      )}
      <p className="case-news" data-testid="case-news">
        {news.length > 0
          ? `${previousAccessAt ? t('followUp.sinceLastVisit', { date: formatDate(previousAccessAt, true) }) : t('followUp.sinceSent')} ${news.join(' · ')}`
          : previousAccessAt
            ? t('followUp.nothingNew', { date: formatDate(previousAccessAt, true) })
            : t('followUp.nothingYet')}
      </p>
      <ul className="deadlines">
        <li>{t('followUp.received', { date: formatDate(data.createdAt) })}</li>
        <li data-testid="deadline-ack">
          {data.acknowledgedAt ? t('followUp.ackedOn', { date: formatDate(data.acknowledgedAt) }) : t('followUp.ackBy', { date: formatDate(data.acknowledgeBy) })}
        </li>
        <li data-testid="deadline-feedback">{t('followUp.feedbackBy', { date: formatDate(data.feedbackBy) })}</li>
      </ul>
      <p className={previousAccessAt ? 'notice notice-warning' : 'notice'} data-testid="previous-access">
        {previousAccessAt ? t('followUp.previousAccess', { date: formatDate(previousAccessAt, true) }) : t('followUp.firstAccess')}
      </p>
    </section>
  );
}

/** Every step of the case, with the officer's reason for each status change; new ones marked. */
export function CaseHistory({ data, reasons, isNew }: { data: FollowUpCase; reasons: Map<number, string | null>; isNew(at: string): boolean }) {
  const { t, formatDate } = useI18n();
  return (
    <section aria-labelledby="case-history-title">
      <h2 id="case-history-title">{t('followUp.history')}</h2>
      <ol className="history" data-testid="case-history">
        {data.events.map((event, i) => (
          <li key={`${event.at}-${i}`} data-kind={event.kind}>
            {event.kind !== 'created' && isNew(event.at) && <span className="new-badge">{t('followUp.new')}</span>}
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
