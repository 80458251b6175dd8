/** Decrypts one attachment in this browser and saves it; the reporter's and the officers' pages use it. */
import { useState } from 'react';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { ErrorMessage } from '../components/error-message';
import { useI18n } from '../i18n/i18n';
import type { AttachmentDescriptor } from '../../../shared/protocol/report-body';
import { decryptAttachment, saveBlob, type PartFetcher } from '../attachments/decrypt-attachment';

interface Props {
  crypto: AmanaCrypto;
  fetchPart: PartFetcher;
  descriptor: AttachmentDescriptor;
  /** upload parts the server holds for it; null when the server does not list it */
  parts: number | null;
}

export function DownloadButton({ crypto, fetchPart, descriptor, parts }: Props) {
  const { t, formatBytes } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    if (parts === null) return;
    setBusy(true);
    setError(null);
    try {
      saveBlob(await decryptAttachment(crypto, descriptor, parts, fetchPart), descriptor.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <bdi>{descriptor.name}</bdi> ({formatBytes(descriptor.size)}){' '}
      <button type="button" className="button-link" onClick={download} disabled={busy || parts === null} data-testid="attachment-download">
        {busy ? t('followUp.downloading') : t('followUp.download')}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </span>
  );
}
