/** An opened case: status and history, the report, the conversation and a reply box. */
import type { PublicChannelsResponse } from '../../../shared/api/channel.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { fetchAttachmentPart } from '../api/reporter-api';
import { useI18n } from '../i18n/i18n';
import { CaseStatus } from './case-status';
import { MessageList } from './message-list';
import type { OpenSession, OpenedCase } from './open-case';
import { ReplyBox } from './reply-box';
import { ReportContent } from './report-content';

interface Props {
  crypto: AmanaCrypto;
  info: PublicChannelsResponse;
  session: OpenSession;
  opened: OpenedCase;
  previousAccessAt: string | null;
  onRefresh(): void;
  onError(err: unknown): void;
  onClose(): void;
}

export function CaseView({ crypto, info, session, opened, previousAccessAt, onRefresh, onError, onClose }: Props) {
  const { t } = useI18n();
  const channel = info.channels.find((c) => c.id === opened.report?.channelId);
  const { data } = opened;
  const fetchPart = (attachmentId: string, index: number) => fetchAttachmentPart(attachmentId, index, session.token);
  return (
    <div className="case-view" data-testid="case-view">
      <CaseStatus data={data} previousAccessAt={previousAccessAt} reasons={opened.reasons} />
      <section aria-labelledby="case-report-title">
        <h2 id="case-report-title">{t('followUp.report')}</h2>
        <ReportContent report={opened.report} definition={channel?.definition ?? null} crypto={crypto} fetchPart={fetchPart} attachments={data.attachments} />
      </section>
      <section aria-labelledby="case-messages-title">
        <h2 id="case-messages-title">{t('followUp.messages')}</h2>
        <MessageList messages={opened.messages} crypto={crypto} fetchPart={fetchPart} attachments={data.attachments} />
        {data.status !== 'closed' && <ReplyBox crypto={crypto} session={session} installation={info.installation} onSent={onRefresh} onError={onError} />}
      </section>
      <div className="form-actions">
        <button type="button" className="button-secondary" onClick={onClose} data-testid="follow-up-close">
          {t('followUp.close')}
        </button>
      </div>
    </div>
  );
}
