/**
 * The case's history as the server recorded it, with the reasons decrypted here. Each entry
 * says whether the reporter sees it, so an officer knows what their words reach.
 */
import { CASE_OUTCOMES, CASE_STATUSES } from '../../../../shared/api/common.schema';
import { useStaffI18n } from '../i18n/staff-i18n';
import { detailOf, type CaseEvent } from './decrypt-case';

const isStatus = (v: unknown): v is (typeof CASE_STATUSES)[number] => typeof v === 'string' && (CASE_STATUSES as readonly string[]).includes(v);
const isOutcome = (v: unknown): v is (typeof CASE_OUTCOMES)[number] => typeof v === 'string' && (CASE_OUTCOMES as readonly string[]).includes(v);

/** One line of history in the reader's language; also used for the export's history.txt. */
export function useEventText(nameOf: (id: string | null) => string): (event: CaseEvent) => string {
  const { t, tr } = useStaffI18n();
  return (event) => {
    const detail = detailOf(event);
    const who = nameOf(event.actorId);
    const staff = typeof detail.staffId === 'string' ? nameOf(detail.staffId) : '';
    switch (event.kind) {
      case 'created':
        return t('history.created');
      case 'status': {
        const status = isStatus(detail.status) ? tr(`status.${detail.status}`) : '?';
        const outcome = isOutcome(detail.outcome) ? ` — ${tr(`outcome.${detail.outcome}`)}` : '';
        return `${t('history.status', { who, status })}${outcome}`;
      }
      case 'assigned':
        return t('history.assigned', { who: typeof detail.assigneeId === 'string' ? nameOf(detail.assigneeId) : staff || who });
      case 'grant':
        return t('history.grant', { who, staff, kinds: Array.isArray(detail.kinds) ? detail.kinds.join(', ') : '' });
      case 'transfer':
        return t('history.transfer', { who, staff });
      case 'identity_request':
        return t('history.identityRequest', { who });
      case 'identity_decision':
        return detail.approved === true ? t('history.identityApproved', { who }) : t('history.identityRefused', { who });
      case 'purged':
        return t('history.purged');
      default:
        return event.kind;
    }
  };
}

export function CaseHistory({ events, reasons, nameOf }: { events: CaseEvent[]; reasons: Map<string, string | null>; nameOf(id: string | null): string }) {
  const { t, formatDate } = useStaffI18n();
  const text = useEventText(nameOf);
  return (
    <ol className="history" data-testid="case-history">
      {events.map((event) => {
        const reason = reasons.get(event.id);
        return (
          <li key={event.id} data-kind={event.kind}>
            <time dateTime={event.at}>{formatDate(event.at, true)}</time> — {text(event)}
            {event.visibleToReporter && <span className="muted"> ({t('history.reporterSees')})</span>}
            {reason !== undefined && (
              <blockquote className="reason" dir="auto" data-testid="history-reason">
                {reason ?? t('case.undecryptable')}
              </blockquote>
            )}
          </li>
        );
      })}
    </ol>
  );
}
