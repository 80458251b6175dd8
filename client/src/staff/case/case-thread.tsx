/**
 * The conversation with the reporter and the officers' internal notes, in one time line.
 * Notes are marked as such and exist only for officers holding the notes key.
 */
import type { CaseViewResponse } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import type { PartFetcher } from '../../attachments/decrypt-attachment';
import { MessageBody } from '../../follow-up/message-body';
import { useStaffI18n, type StaffTranslate } from '../i18n/staff-i18n';
import type { ThreadItem } from './decrypt-case';

/** Who wrote an item of the thread, as the page and the export name them. */
export function threadAuthor(t: StaffTranslate, item: Pick<ThreadItem, 'kind' | 'author'>, nameOf: (id: string) => string): string {
  if (item.kind === 'note') return t('thread.note', { name: nameOf(item.author) });
  return item.author === 'reporter' ? t('thread.fromReporter') : t('thread.fromOfficer', { name: nameOf(item.author) });
}

interface Props {
  thread: ThreadItem[];
  attachments: CaseViewResponse['attachments'];
  crypto: AmanaCrypto;
  fetchPart: PartFetcher;
  nameOf(staffId: string): string;
}

export function CaseThread({ thread, attachments, crypto, fetchPart, nameOf }: Props) {
  const { t, formatDate } = useStaffI18n();
  if (thread.length === 0) return <p className="muted" data-testid="case-thread">{t('thread.empty')}</p>;
  return (
    <ol className="messages" data-testid="case-thread">
      {thread.map((item) => {
        const fromReporter = item.author === 'reporter';
        const className = item.kind === 'note' ? 'message message-note' : fromReporter ? 'message message-officer' : 'message message-reporter';
        return (
          <li key={item.id} className={className} data-testid="thread-item" data-kind={item.kind} data-from={fromReporter ? 'reporter' : 'staff'}>
            <p className="message-meta">
              <strong>{threadAuthor(t, item, nameOf)}</strong>{' '}
              <time dateTime={item.createdAt}>{formatDate(item.createdAt, true)}</time>
            </p>
            <MessageBody body={item.body} malformed={item.malformed} unreadable={t('case.undecryptable')} crypto={crypto} fetchPart={fetchPart} attachments={attachments} textTestId="thread-text" />
          </li>
        );
      })}
    </ol>
  );
}
