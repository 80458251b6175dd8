/**
 * The officer's inbox: the cases whose key was sealed to them, most urgent deadline first by
 * default, with unread reporter messages. Filters and sort are sent to the server, which
 * pages with a cursor; earlier pages are remembered so "previous" needs no second cursor.
 */
import { useCallback, useState } from 'react';
import { CASE_STATUSES } from '../../../../shared/api/common.schema';
import { usePublicInfo } from '../../api/use-public-info';
import { Link } from '../../router/router';
import { fetchInbox, type InboxQuery } from '../api/staff-endpoints';
import { channelOf, shortId } from '../case/case-format';
import { DeadlineBadge } from '../case/case-summary';
import { InboxFilters, type Filters } from '../case/inbox-filters';
import { useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { STAFF_PATHS } from '../staff-paths';
import { useUnlocked } from '../staff-session';

const PAGE_SIZE = 25;
const OPEN_STATUSES = CASE_STATUSES.filter((s) => s !== 'closed');

export function InboxPage() {
  const { t, tr, local } = useStaffI18n();
  const { client, me } = useUnlocked();
  const info = usePublicInfo();
  const channels = info.state === 'ready' ? info.info.channels : [];
  // The filter offers the officer's own channels: cases of other channels never reach them.
  const mine = channels.filter((c) => me.channels.some((m) => m.channelId === c.id));
  const [filters, setFilters] = useState<Filters>({ status: [...OPEN_STATUSES], channel: '', category: '', sort: 'urgency' });
  // cursors of the pages before the current one; the current page's own cursor is last
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const { data: page, error } = useQuery(
    useCallback(
      (signal: AbortSignal) => {
        const q: InboxQuery = { sort: filters.sort, limit: PAGE_SIZE, status: filters.status, channel: filters.channel || undefined, category: filters.category || undefined, cursor };
        return fetchInbox(client, q, signal);
      },
      [client, filters, cursor],
    ),
  );

  const applyFilters = (next: Filters) => {
    setFilters(next);
    setCursors([undefined]);
  };

  return (
    <section className="page staff-inbox" data-testid="inbox-page">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <InboxFilters filters={filters} channels={mine.length > 0 ? mine : channels} onChange={applyFilters} />
      {error !== null && <StaffError error={error} testId="inbox-error" />}
      {page === null ? (
        <p role="status">{tr('common.loading')}</p>
      ) : page.items.length === 0 ? (
        <p className="muted" data-testid="inbox-empty">{t('inbox.empty')}</p>
      ) : (
        <>
        <p className="scroll-cue" id="inbox-scroll-cue">
          {t('inbox.scrollCue')}
        </p>
        {/* What needs acting on (deadline, unread) comes right after the case, so a phone shows
            it without scrolling; the rest scrolls sideways, in a region the keyboard can reach. */}
        <div className="table-scroll" role="region" aria-labelledby="inbox-title" aria-describedby="inbox-scroll-cue" tabIndex={0}>
          <table className="staff-table" data-testid="inbox-table">
            <thead>
              <tr>
                <th scope="col">{t('inbox.case')}</th>
                <th scope="col">{t('inbox.deadline')}</th>
                <th scope="col">{t('inbox.unread')}</th>
                <th scope="col">{t('case.status')}</th>
                <th scope="col">{t('case.channel')}</th>
                <th scope="col">{t('case.category')}</th>
                <th scope="col">{t('inbox.age')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((item) => {
                const channel = channelOf(channels, item.channelId);
                const category = channel?.definition.categories.find((c) => c.id === item.category);
                return (
                  <tr key={item.id} data-testid="inbox-row" data-case={item.id} data-status={item.status} className={item.unread > 0 ? 'row-unread' : undefined}>
                    <td>
                      <Link to={STAFF_PATHS.case(item.id)} data-testid="inbox-open">
                        {shortId(item.id)}
                      </Link>
                      {item.flagged && <span className="label-chip">{t('inbox.flagged')}</span>}
                    </td>
                    <td>
                      <DeadlineBadge deadline={item.deadline} />
                    </td>
                    <td data-testid="inbox-unread">{item.unread > 0 ? <strong>{item.unread}</strong> : 0}</td>
                    <td>{tr(`status.${item.status}`)}</td>
                    <td>{channel ? local(channel.definition.name) : item.channelId}</td>
                    <td>{category ? local(category.label) : item.category}</td>
                    <td>{t('case.ageDays', { days: item.ageDays })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button-secondary" disabled={cursors.length < 2} onClick={() => setCursors((list) => list.slice(0, -1))} data-testid="inbox-previous">
          {t('inbox.previous')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={!page?.nextCursor}
          onClick={() => page?.nextCursor && setCursors((list) => [...list, page.nextCursor ?? undefined])}
          data-testid="inbox-next"
        >
          {t('inbox.next')}
        </button>
      </div>
    </section>
  );
}
