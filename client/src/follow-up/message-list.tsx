/** The conversation with the case officers, decrypted in this browser, newest first. */
import type { FollowUpCase } from '../../../shared/api/report.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import type { PartFetcher } from '../attachments/decrypt-attachment';
import { useI18n } from '../i18n/i18n';
import { MessageBody } from './message-body';
import type { DecryptedMessage } from './open-case';

interface Props {
  messages: DecryptedMessage[];
  crypto: AmanaCrypto;
  fetchPart: PartFetcher;
  attachments: FollowUpCase['attachments'];
  /** whether an instant is after the reporter's previous visit */
  isNew(at: string): boolean;
}

export function MessageList({ messages, crypto, fetchPart, attachments, isNew }: Props) {
  const { t, formatDate } = useI18n();
  if (messages.length === 0) return <p className="muted" data-testid="message-list">{t('followUp.noMessages')}</p>;
  // The server sends them oldest first; a returning reporter wants the latest reply on top.
  const newestFirst = [...messages].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return (
    <ol className="messages" data-testid="message-list" reversed>
      {newestFirst.map((message) => {
        const fresh = message.from === 'officer' && isNew(message.createdAt);
        return (
          <li key={message.id} className={`message message-${message.from}${fresh ? ' message-new' : ''}`} data-testid="message" data-from={message.from} data-new={fresh || undefined}>
            <p className="message-meta">
              {fresh && <span className="new-badge">{t('followUp.new')}</span>}
              <strong>{message.from === 'officer' ? t('followUp.fromOfficer') : t('followUp.fromReporter')}</strong>{' '}
              <time dateTime={message.createdAt}>{formatDate(message.createdAt, true)}</time>
            </p>
            <MessageBody body={message.body} malformed={message.malformed} unreadable={t('followUp.undecryptable')} crypto={crypto} fetchPart={fetchPart} attachments={attachments} />
          </li>
        );
      })}
    </ol>
  );
}
