/**
 * An opened case, most useful first: the status and what is new since the reporter's last
 * visit, then the conversation (newest first) and the reply box, then the report as sent and
 * the history. "New" is computed from what the page already has: the server answers when
 * this receipt last opened the case (`previousAccessAt`, from its lastReporterAccessAt), and
 * every officer message or status change after that instant is new. Nothing is stored in
 * the browser to know it.
 */
import { useState } from 'react';
import type { PublicChannelsResponse } from '../../../shared/api/channel.schema';
import type { AmanaCrypto } from '../../../shared/crypto/index';
import { fetchAttachmentPart } from '../api/reporter-api';
import { useI18n } from '../i18n/i18n';
import { CaseHistory, CaseStatus } from './case-status';
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
  onRefresh(): Promise<void>;
  onError(err: unknown): void;
  onClose(): void;
}

/** true when `at` is after the previous visit (always, on the first one) */
export function sinceLastVisit(previousAccessAt: string | null): (at: string) => boolean {
  const since = previousAccessAt ? Date.parse(previousAccessAt) : Number.NEGATIVE_INFINITY;
  return (at) => Date.parse(at) > since;
}

export function CaseView({ crypto, info, session, opened, previousAccessAt, onRefresh, onError, onClose }: Props) {
  const { t, formatDate } = useI18n();
  const channel = info.channels.find((c) => c.id === opened.report?.channelId);
  const { data } = opened;
  const [refreshing, setRefreshing] = useState(false);
  const [refreshedAt, setRefreshedAt] = useState<string | null>(null);
  const fetchPart = (attachmentId: string, index: number) => fetchAttachmentPart(attachmentId, index, session.token);
  const isNew = sinceLastVisit(previousAccessAt);
  const newMessages = opened.messages.filter((m) => m.from === 'officer' && isNew(m.createdAt)).length;
  const newEvents = data.events.filter((e) => e.kind !== 'created' && isNew(e.at)).length;

  const refresh = async () => {
    setRefreshing(true);
    try {
      await onRefresh();
      setRefreshedAt(new Date().toISOString());
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <div className="case-view" data-testid="case-view">
      <div className="case-toolbar">
        <button type="button" className="button-secondary" onClick={refresh} disabled={refreshing} data-testid="follow-up-refresh">
          {refreshing ? t('followUp.refreshing') : t('followUp.refresh')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose} aria-describedby="follow-up-leave-help" data-testid="follow-up-close">
          {t('followUp.leave')}
        </button>
        <p id="follow-up-leave-help" className="field-help case-toolbar-help">
          {t('followUp.leaveHelp')}
        </p>
        <p role="status" className="case-toolbar-status" data-testid="follow-up-refreshed">
          {refreshedAt ? t('followUp.refreshed', { time: formatDate(refreshedAt, true) }) : ''}
        </p>
      </div>
      <CaseStatus data={data} previousAccessAt={previousAccessAt} newMessages={newMessages} newEvents={newEvents} />
      <section aria-labelledby="case-messages-title">
        <h2 id="case-messages-title">{t('followUp.messages')}</h2>
        {opened.messages.length > 1 && <p className="field-help">{t('followUp.newestFirst')}</p>}
        <MessageList messages={opened.messages} crypto={crypto} fetchPart={fetchPart} attachments={data.attachments} isNew={isNew} />
        {data.status !== 'closed' && <ReplyBox crypto={crypto} session={session} installation={info.installation} onSent={() => void refresh()} onError={onError} />}
      </section>
      <section aria-labelledby="case-report-title">
        <h2 id="case-report-title">{t('followUp.report')}</h2>
        <ReportContent report={opened.report} definition={channel?.definition ?? null} crypto={crypto} fetchPart={fetchPart} attachments={data.attachments} />
      </section>
      <CaseHistory data={data} reasons={opened.reasons} isNew={isNew} />
    </div>
  );
}
