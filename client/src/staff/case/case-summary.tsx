/** A case's clear metadata: channel, category, status and outcome, deadlines, lead officer, labels. */
import type { PublicChannel } from '../../../../shared/api/channel.schema';
import type { CaseMeta } from '../../../../shared/api/staff.schema';
import { useStaffI18n } from '../i18n/staff-i18n';
import { DEADLINE_KEYS, DEADLINE_KIND_KEYS } from './case-format';

export function DeadlineBadge({ deadline }: { deadline: CaseMeta['deadline'] }) {
  const { t, formatDate } = useStaffI18n();
  if (!deadline) return <span className="deadline deadline-met">{t('deadline.met')}</span>;
  return (
    <span className={`deadline deadline-${deadline.state}`} data-testid="deadline" data-state={deadline.state}>
      {t(DEADLINE_KIND_KEYS[deadline.kind], { date: formatDate(deadline.dueAt) })} — {t(DEADLINE_KEYS[deadline.state])}
    </span>
  );
}

interface SummaryProps {
  meta: CaseMeta;
  channel: PublicChannel | undefined;
  assignee: string;
  /** the decrypted report names another channel or category: the clear one stays shown, marked */
  differs?: { channel: boolean; category: boolean };
}

function Differs({ shown }: { shown: boolean | undefined }) {
  const { t } = useStaffI18n();
  if (!shown) return null;
  return (
    <span className="notice-warning differs" data-testid="summary-differs">
      {' '}
      ⚠ {t('check.differs')}
    </span>
  );
}

export function CaseSummary({ meta, channel, assignee, differs }: SummaryProps) {
  const { t, tr, local, formatDate } = useStaffI18n();
  const category = channel?.definition.categories.find((c) => c.id === meta.category);
  return (
    <dl className="case-summary" data-testid="case-summary">
      <dt>{t('case.channel')}</dt>
      <dd>
        {channel ? local(channel.definition.name) : meta.channelId}
        <Differs shown={differs?.channel} />
      </dd>
      <dt>{t('case.category')}</dt>
      <dd>
        {category ? local(category.label) : meta.category}
        <Differs shown={differs?.category} />
      </dd>
      <dt>{t('case.status')}</dt>
      <dd>
        <span className="status-badge" data-testid="case-status" data-status={meta.status}>
          {tr(`status.${meta.status}`)}
        </span>
        {meta.outcome && <span data-testid="case-outcome"> — {tr(`outcome.${meta.outcome}`)}</span>}
      </dd>
      <dt>{t('case.received')}</dt>
      <dd>
        {formatDate(meta.createdAt, true)} ({t('case.ageDays', { days: meta.ageDays })})
      </dd>
      <dt>{t('case.deadlines')}</dt>
      <dd>
        <DeadlineBadge deadline={meta.deadline} />
        <br />
        {meta.acknowledgedAt ? t('case.ackedOn', { date: formatDate(meta.acknowledgedAt) }) : t('case.ackDue', { date: formatDate(meta.ackDueAt) })}
        {' · '}
        {meta.firstFeedbackAt ? t('case.feedbackOn', { date: formatDate(meta.firstFeedbackAt) }) : t('case.feedbackDue', { date: formatDate(meta.feedbackDueAt) })}
      </dd>
      <dt>{t('case.lead')}</dt>
      <dd data-testid="case-lead">{assignee}</dd>
      <dt>{t('case.language')}</dt>
      <dd>{meta.language.toUpperCase()}</dd>
      {meta.labels.length > 0 && (
        <>
          <dt>{t('case.labels')}</dt>
          <dd>
            {meta.labels.map((label) => (
              <span key={label} className="label-chip">
                {label}
              </span>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}
