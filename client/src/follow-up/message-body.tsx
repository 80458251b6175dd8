/**
 * A decrypted message's text and files, as the reporter's and the officers' threads show it.
 * Decrypted content is input like any other: a message that opened but is not in Amana's
 * format is flagged and not shown, and a file whose descriptor does not match the case is
 * flagged and not offered for download.
 */
import type { AmanaCrypto } from '../../../shared/crypto/index';
import type { MessageBodyV1 } from '../../../shared/protocol/report-body';
import type { PartFetcher } from '../attachments/decrypt-attachment';
import { descriptorProblems, type DescriptorProblem } from '../crypto/check-descriptor';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { DownloadButton } from './download-button';

interface Props {
  /** null when the message does not open */
  body: MessageBodyV1 | null;
  /** it opened, but its content is not a well-formed message */
  malformed?: boolean;
  /** what to say when it does not */
  unreadable: string;
  crypto: AmanaCrypto;
  fetchPart: PartFetcher;
  /** upload parts of each attachment of the case, by id */
  attachments: { id: string; parts: number }[];
  textTestId?: string;
}

const PROBLEM_KEYS: Record<DescriptorProblem, MessageKey> = {
  not_on_case: 'followUp.fileNotOnCase',
  bad_key: 'followUp.fileBadKey',
};

export function MessageBody({ body, malformed = false, unreadable, crypto, fetchPart, attachments, textTestId }: Props) {
  const { t } = useI18n();
  if (body === null && malformed) {
    return (
      <p className="notice notice-warning" data-testid="message-malformed">
        {t('followUp.malformed')}
      </p>
    );
  }
  if (body === null) return <p className="notice notice-error">{unreadable}</p>;
  const onCase = new Set(attachments.map((a) => a.id));
  const partsOf = (id: string) => attachments.find((a) => a.id === id)?.parts ?? null;
  return (
    <>
      <p className="message-text" dir="auto" data-testid={textTestId}>
        {body.text}
      </p>
      {body.attachments.length > 0 && (
        <ul className="plain-list">
          {body.attachments.map((d) => {
            const problems = descriptorProblems(d, onCase);
            return (
              <li key={d.attachmentId} data-flags={problems.join(' ')}>
                <DownloadButton crypto={crypto} fetchPart={fetchPart} descriptor={d} parts={problems.length > 0 ? null : partsOf(d.attachmentId)} />
                {problems.map((p) => (
                  <span key={p} className="notice-warning" data-testid="file-flag" data-flag={p}>
                    {' '}
                    ⚠ {t(PROBLEM_KEYS[p])}
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
