/**
 * The conversation with the reporter and the officers' internal notes, in one time line.
 * Notes are marked as such and exist only for officers holding the notes key.
 */
import type { CaseViewResponse } from '../../../../shared/api/staff.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import type { PartFetcher } from '../../attachments/decrypt-attachment';
import { DownloadButton } from '../../follow-up/download-button';
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
  const partsOf = (id: string) => attachments.find((a) => a.id === id)?.parts ?? null;
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
            {item.body === null ? (
              <p className="notice notice-error">{t('case.undecryptable')}</p>
            ) : (
              <>
                <p className="message-text" dir="auto" data-testid="thread-text">
                  {item.body.text}
                </p>
                {item.body.attachments.length > 0 && (
                  <ul className="plain-list">
                    {item.body.attachments.map((d) => (
                      <li key={d.attachmentId}>
                        <DownloadButton crypto={crypto} fetchPart={fetchPart} descriptor={d} parts={partsOf(d.attachmentId)} />
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
