/** A decrypted message's text and files, as the reporter's and the officers' threads show it. */
import type { AmanaCrypto } from '../../../shared/crypto/index';
import type { MessageBodyV1 } from '../../../shared/protocol/report-body';
import type { PartFetcher } from '../attachments/decrypt-attachment';
import { DownloadButton } from './download-button';

interface Props {
  /** null when the message does not open */
  body: MessageBodyV1 | null;
  /** what to say when it does not */
  unreadable: string;
  crypto: AmanaCrypto;
  fetchPart: PartFetcher;
  /** upload parts of each attachment of the case, by id */
  attachments: { id: string; parts: number }[];
  textTestId?: string;
}

export function MessageBody({ body, unreadable, crypto, fetchPart, attachments, textTestId }: Props) {
  if (body === null) return <p className="notice notice-error">{unreadable}</p>;
  const partsOf = (id: string) => attachments.find((a) => a.id === id)?.parts ?? null;
  return (
    <>
      <p className="message-text" dir="auto" data-testid={textTestId}>
        {body.text}
      </p>
      {body.attachments.length > 0 && (
        <ul className="plain-list">
          {body.attachments.map((d) => (
            <li key={d.attachmentId}>
              <DownloadButton crypto={crypto} fetchPart={fetchPart} descriptor={d} parts={partsOf(d.attachmentId)} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
