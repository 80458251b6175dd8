/**
 * Exporting a case, decrypted in this browser. "ZIP" is a real archive written here (STORE
 * method, see zip-writer.ts). "PDF" is the browser's own: Amana ships no PDF library, so
 * the page switches to a print-optimised view and opens the print dialog, where "Save as
 * PDF" produces the file. Both are recorded in the audit log before anything is produced.
 */
import { useState } from 'react';
import type { ChannelDefinition } from '../../../../shared/api/channel.schema';
import type { AmanaCrypto } from '../../../../shared/crypto/index';
import { saveBlob, type PartFetcher } from '../../attachments/decrypt-attachment';
import { useAnswerText } from '../../follow-up/report-content';
import type { StaffClient } from '../api/staff-client';
import { recordExport } from '../api/staff-endpoints';
import { shortId } from '../case/case-format';
import { useAction } from '../components/use-action';
import { threadAuthor } from '../case/case-thread';
import type { OpenedStaffCase } from '../case/decrypt-case';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { buildCaseZip, type ExportTexts } from './case-export';

interface Props {
  crypto: AmanaCrypto;
  client: StaffClient;
  opened: OpenedStaffCase;
  definition: ChannelDefinition | null;
  fetchPart: PartFetcher;
  nameOf(id: string | null): string;
  describeEvent: ExportTexts['event'];
  onPrint(): void;
}

export function ExportPanel({ crypto, client, opened, definition, fetchPart, nameOf, describeEvent, onPrint }: Props) {
  const { t, local, formatDate } = useStaffI18n();
  const answerText = useAnswerText(definition);
  const [format, setFormat] = useState<'zip' | 'pdf' | null>(null);
  const { busy, error, run } = useAction();
  const id = opened.view.case.id;

  const texts: ExportTexts = {
    title: t('export.fileTitle', { id: shortId(id) }),
    reportHeading: t('export.reportHeading'),
    threadHeading: t('export.threadHeading'),
    historyHeading: t('export.historyHeading'),
    identityHeading: t('export.identityHeading'),
    question: (q) => {
      const question = definition?.questionnaire.find((x) => x.id === q);
      return question ? local(question.label) : q;
    },
    answer: answerText,
    author: (item) => threadAuthor(t, item, nameOf),
    event: describeEvent,
    date: (iso) => formatDate(iso, true),
    undecryptable: t('case.undecryptable'),
  };

  const exportAs = async (chosen: 'zip' | 'pdf') => {
    setFormat(chosen);
    await run(async () => {
      await recordExport(client, id, chosen);
      if (chosen === 'pdf') onPrint();
      else saveBlob(await buildCaseZip(crypto, opened, fetchPart, texts), `amana-case-${shortId(id)}.zip`);
    });
  };

  return (
    <div data-testid="export-panel">
      <p className="field-help">{t('export.help')}</p>
      <div className="form-actions">
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void exportAs('zip')} data-testid="export-zip">
          {busy && format === 'zip' ? t('export.working') : t('export.zip')}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void exportAs('pdf')} data-testid="export-pdf">
          {t('export.pdf')}
        </button>
      </div>
      {error !== null && <StaffError error={error} />}
    </div>
  );
}
