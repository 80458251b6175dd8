/** The conversation with the case officers, decrypted in this browser. */
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
}

export function MessageList({ messages, crypto, fetchPart, attachments }: Props) {
  const { t, formatDate } = useI18n();
  if (messages.length === 0) return <p className="muted" data-testid="message-list">{t('followUp.noMessages')}</p>;
  return (
    <ol className="messages" data-testid="message-list">
      {messages.map((message) => (
        <li key={message.id} className={`message message-${message.from}`} data-testid="message" data-from={message.from}>
          <p className="message-meta">
            <strong>{message.from === 'officer' ? t('followUp.fromOfficer') : t('followUp.fromReporter')}</strong>{' '}
            <time dateTime={message.createdAt}>{formatDate(message.createdAt, true)}</time>
          </p>
          <MessageBody body={message.body} malformed={message.malformed} unreadable={t('followUp.undecryptable')} crypto={crypto} fetchPart={fetchPart} attachments={attachments} />
        </li>
      ))}
    </ol>
  );
}
