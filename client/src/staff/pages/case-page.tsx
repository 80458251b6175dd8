/**
 * One case, decrypted in the officer's browser: its metadata and deadlines, the report and
 * its files, the reporter's identity when a custodian has released it, the thread with the
 * reporter and the internal notes, status changes, labels, the history, who holds access,
 * and the export. The case's keys live in this page's memory and are wiped when it closes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseOfficersResponse } from '../../../../shared/api/staff.schema';
import { usePublicInfo } from '../../api/use-public-info';
import { useCrypto } from '../../crypto/crypto-context';
import { Link } from '../../router/router';
import { fetchCase, fetchCaseOfficers, fetchCasePart } from '../api/staff-endpoints';
import { AccessPanel } from '../case/access-panel';
import { CaseComposer } from '../case/case-composer';
import { channelOf, shortId, staffName } from '../case/case-format';
import { CaseHistory, useEventText } from '../case/case-history';
import { CaseJumpLinks } from '../case/case-jump-links';
import { CaseSummary } from '../case/case-summary';
import { CaseThread } from '../case/case-thread';
import { CheckedReport } from '../case/checked-report';
import { checkReport } from '../case/check-answers';
import { decryptStaffCase, type OpenedStaffCase } from '../case/decrypt-case';
import { IdentityPanel } from '../case/identity-panel';
import { LabelsForm } from '../case/labels-form';
import { StatusForm } from '../case/status-form';
import { useCaseDefinition } from '../case/use-case-definition';
import { wipeCaseKeys } from '../crypto/case-keys';
import { ExportPanel } from '../export/export-panel';
import { PrintView } from '../export/print-view';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';
import { STAFF_PATHS } from '../staff-paths';
import { useUnlocked } from '../staff-session';

type Officer = CaseOfficersResponse['officers'][number];

export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useStaffI18n();
  const { client, keypair, me } = useUnlocked();
  const cryptoState = useCrypto();
  const crypto = cryptoState.state === 'ready' ? cryptoState.crypto : null;
  const info = usePublicInfo();
  const [opened, setOpened] = useState<OpenedStaffCase | null>(null);
  const [officers, setOfficers] = useState<Officer[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);
  const held = useRef<OpenedStaffCase | null>(null);

  const load = useCallback(async () => {
    if (!crypto) return;
    try {
      const next = decryptStaffCase(crypto, keypair, await fetchCase(client, caseId));
      if (held.current) wipeCaseKeys(held.current.keys);
      held.current = next;
      setOpened(next);
      setError(null);
      setOfficers((await fetchCaseOfficers(client, caseId)).officers);
    } catch (err) {
      setError(err);
    }
  }, [client, crypto, keypair, caseId]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () => () => {
      if (held.current) wipeCaseKeys(held.current.keys);
      held.current = null;
    },
    [],
  );

  const channels = info.state === 'ready' ? info.info.channels : [];
  const currentDefinition = opened ? (channelOf(channels, opened.view.case.channelId)?.definition ?? null) : null;
  // the questionnaire version this case answered, so its answers keep their own labels
  const questionnaire = useCaseDefinition(client, opened?.view.case ?? null, currentDefinition);
  const nameOf = (id: string | null) => staffName(id, me, officers, t('case.you'));
  const describeEvent = useEventText(nameOf);

  if (error !== null && !opened) return <StaffError error={error} testId="case-error" />;
  if (!opened || !crypto || info.state === 'loading') return <p role="status">{t('case.opening')}</p>;
  const channel = channelOf(channels, opened.view.case.channelId);
  const { view, keys } = opened;
  const fetchPart = (attachmentId: string, index: number) => fetchCasePart(client, caseId, attachmentId, index);
  const title = t('case.title', { id: shortId(view.case.id) });
  const report = <CheckedReport report={opened.report} meta={view.case} questionnaire={questionnaire} crypto={crypto} fetchPart={fetchPart} attachments={view.attachments} />;
  const check = opened.report ? checkReport({ report: opened.report, meta: view.case, definition: questionnaire.definition, source: questionnaire.source, caseAttachmentIds: [] }) : null;
  const thread = <CaseThread thread={opened.thread} attachments={view.attachments} crypto={crypto} fetchPart={fetchPart} nameOf={nameOf} />;
  const history = <CaseHistory events={view.events} reasons={opened.reasons} nameOf={nameOf} />;
  const differs = { channel: check?.channel != null, category: check?.category != null };
  const summary = <CaseSummary meta={view.case} channel={channel} assignee={nameOf(view.case.assigneeId)} differs={differs} />;

  if (printing) {
    return (
      <PrintView title={title} onClose={() => setPrinting(false)}>
        {summary}
        <h2>{t('case.report')}</h2>
        {report}
        <h2>{t('case.thread')}</h2>
        {thread}
        <h2>{t('case.history')}</h2>
        {history}
      </PrintView>
    );
  }

  return (
    <article className="page staff-case" data-testid="case-page">
      <p className="no-print">
        <Link to={STAFF_PATHS.home}>{t('case.back')}</Link>
      </p>
      <h1>{title}</h1>
      {error !== null && <StaffError error={error} />}
      <CaseJumpLinks
        label={t('case.jumpLabel')}
        targets={[
          { id: 'case-report', label: t('case.report') },
          { id: 'case-thread', label: t('case.thread') },
          { id: 'case-summary-title', label: t('case.summaryTitle') },
          { id: 'case-status-change', label: t('case.statusChange') },
          { id: 'case-access', label: t('case.access') },
          { id: 'case-export', label: t('case.export') },
        ]}
      />
      <div className="case-columns">
        <div className="case-main">
          <section aria-labelledby="case-report">
            <h2 id="case-report">{t('case.report')}</h2>
            {report}
          </section>
          {view.case.hasIdentity && (
            <section aria-labelledby="case-identity">
              <h2 id="case-identity">{t('case.identity')}</h2>
              <IdentityPanel crypto={crypto} client={client} opened={opened} meId={me.id} onChanged={load} />
            </section>
          )}
          <section aria-labelledby="case-thread">
            <h2 id="case-thread">{t('case.thread')}</h2>
            {thread}
            {view.case.status !== 'closed' && info.state === 'ready' && (
              <CaseComposer crypto={crypto} client={client} caseId={caseId} keys={keys} installation={info.info.installation} onSent={load} />
            )}
          </section>
          <section aria-labelledby="case-history">
            <h2 id="case-history">{t('case.history')}</h2>
            {history}
          </section>
        </div>
        <aside className="case-side" aria-label={t('case.sideLabel')}>
          <section aria-labelledby="case-summary-title">
            <h2 id="case-summary-title">{t('case.summaryTitle')}</h2>
            {summary}
          </section>
          <section aria-labelledby="case-status-change">
            <h2 id="case-status-change">{t('case.statusChange')}</h2>
            <StatusForm key={view.case.status} crypto={crypto} client={client} meta={view.case} caseKey={keys.caseKey} onChanged={load} />
          </section>
          <section aria-labelledby="case-labels">
            <h2 id="case-labels">{t('case.labels')}</h2>
            <LabelsForm client={client} caseId={caseId} labels={view.case.labels} onChanged={load} />
          </section>
          <section aria-labelledby="case-access">
            <h2 id="case-access">{t('case.access')}</h2>
            <AccessPanel crypto={crypto} client={client} view={view} keys={keys} officers={officers} meId={me.id} nameOf={nameOf} onChanged={load} />
          </section>
          <section aria-labelledby="case-export">
            <h2 id="case-export">{t('case.export')}</h2>
            <ExportPanel crypto={crypto} client={client} opened={opened} definition={questionnaire.definition} fetchPart={fetchPart} nameOf={nameOf} describeEvent={describeEvent} onPrint={() => setPrinting(true)} />
          </section>
        </aside>
      </div>
    </article>
  );
}
