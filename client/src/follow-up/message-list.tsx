/** The conversation with the case officers, decrypted in this browser. */
import type { FollowUpCase } from '../../../shared/api/report.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import type { PartFetcher } from '../attachments/decrypt-attachment';
import { useI18n } from '../i18n/i18n';
import { DownloadButton } from './download-button';
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
  const partsOf = (id: string) => attachments.find((a) => a.id === id)?.parts ?? null;
  return (
    <ol className="messages" data-testid="message-list">
      {messages.map((message) => (
        <li key={message.id} className={`message message-${message.from}`} data-testid="message" data-from={message.from}>
          <p className="message-meta">
            <strong>{message.from === 'officer' ? t('followUp.fromOfficer') : t('followUp.fromReporter')}</strong>{' '}
            <time dateTime={message.createdAt}>{formatDate(message.createdAt, true)}</time>
          </p>
          {message.body === null ? (
            <p className="notice notice-error">{t('followUp.undecryptable')}</p>
          ) : (
            <>
              <p className="message-text" dir="auto">
                {message.body.text}
              </p>
              {message.body.attachments.length > 0 && (
                <ul className="plain-list">
                  {message.body.attachments.map((d) => (
                    <li key={d.attachmentId}>
                      <DownloadButton crypto={crypto} fetchPart={fetchPart} descriptor={d} parts={partsOf(d.attachmentId)} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
