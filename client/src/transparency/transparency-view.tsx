/**
 * The figures of the public transparency page, as the public sees them and as the
 * administrator previews them: the period (or when the first month will appear), the key
 * figures in words, how to read a margin, how the people behind the figures are protected
 * and what that does not promise (no jargon), a table of contents, then each figure as a
 * chart and a table, and the open-data files.
 */
import type { PublicFigure, TransparencyResponse } from '../../../shared/api/statistics.schema';
import type { StatsI18n, StatsMessageKey } from '../committee/i18n/stats-i18n';
import { StatToc } from '../committee/stat-toc';
import { PublicSection } from './public-section';

interface Props {
  i18n: StatsI18n;
  page: TransparencyResponse;
  /** prefixes the sections' ids, so a preview inside another page keeps them unique */
  idPrefix: string;
  /** the open-data links are for the public page, not the preview */
  openData: boolean;
}

const SECTIONS: [string, StatsMessageKey][] = [
  ['by-month', 'section.byMonth'], ['by-category', 'section.byCategory'], ['by-status', 'section.byStatus'],
  ['by-outcome', 'section.byOutcome'], ['ack-rate', 'section.ackRate'], ['feedback-rate', 'section.feedbackRate'],
];

export function TransparencyView({ i18n, page, idPrefix, openData }: Props) {
  const { t } = i18n;
  const id = (name: string) => `${idPrefix}-${name}`;
  const level = t(`public.level.${page.protection}` as StatsMessageKey);
  const words = (figure: PublicFigure, kind: 'count' | 'rate') => i18n.figure(figure, kind, 'words');
  const explain: [string, StatsMessageKey, string][] = [
    [id('how-to-read'), 'public.howToRead', t('public.howToReadText')],
    [id('protection'), 'public.protectTitle', t('public.protectText', { level })],
    [id('limits'), 'public.limitsTitle', t('public.limitsText')],
  ];
  const toc = [
    ...(page.period ? [{ id: id('in-short-title'), title: t('public.inShort') }] : []),
    ...explain.map(([anchor, title]) => ({ id: `${anchor}-title`, title: t(title) })),
    ...(page.period ? SECTIONS.map(([name, title]) => ({ id: `${id(name)}-title`, title: t(title) })) : []),
    ...(openData ? [{ id: id('open-data-title'), title: t('public.openData') }] : []),
  ];
  return (
    <>
      {page.period ? (
        <p data-testid={id('period')}>{t('public.period', { from: i18n.monthLong(page.period.from), to: i18n.monthLong(page.period.to) })}</p>
      ) : (
        <p className="notice" data-testid={id('nothing-yet')}>
          {t('public.nothingYet', { start: i18n.monthLong(page.startMonth), date: page.firstPublicationOn ? i18n.date(page.firstPublicationOn) : '' })}
        </p>
      )}
      <StatToc i18n={i18n} entries={toc} testId={id('toc')} />
      {page.period && (
        <section className="stat-in-short" aria-labelledby={id('in-short-title')} data-testid={id('in-short')}>
          <h2 id={id('in-short-title')}>{t('public.inShort')}</h2>
          <ul>
            <li>{t('public.inShortTotal', { figure: words(page.received.byMonth.total, 'count') })}</li>
            <li>{t('public.inShortAck', { figure: words(page.deadlines.acknowledge.total, 'rate') })}</li>
            <li>{t('public.inShortFeedback', { figure: words(page.deadlines.feedback.total, 'rate') })}</li>
          </ul>
        </section>
      )}
      <div className="transparency-explain">
        {explain.map(([anchor, title, text]) => (
          <section key={anchor} aria-labelledby={`${anchor}-title`}>
            <h2 id={`${anchor}-title`}>{t(title)}</h2>
            <p data-testid={anchor}>{text}</p>
          </section>
        ))}
      </div>
      {page.period && (
        <>
          <PublicSection i18n={i18n} labels={page.labels} title={t('section.byMonth')} table={page.received.byMonth} kind="count" columns="month" testId={id('by-month')} />
          <PublicSection i18n={i18n} labels={page.labels} title={t('section.byCategory')} table={page.received.byCategory} kind="count" columns="category" testId={id('by-category')} />
          <PublicSection i18n={i18n} labels={page.labels} title={t('section.byStatus')} table={page.received.byStatus} kind="count" columns="status" testId={id('by-status')} />
          <PublicSection i18n={i18n} labels={page.labels} title={t('section.byOutcome')} table={page.received.byOutcome} kind="count" columns="outcome" testId={id('by-outcome')} />
          <PublicSection i18n={i18n} labels={page.labels} title={t('section.ackRate')} note={t('rate.notePublic')} table={page.deadlines.acknowledge} kind="rate" columns="month" testId={id('ack-rate')} />
          <PublicSection i18n={i18n} labels={page.labels} title={t('section.feedbackRate')} note={t('rate.notePublic')} table={page.deadlines.feedback} kind="rate" columns="month" testId={id('feedback-rate')} />
        </>
      )}
      {openData && (
        <section aria-labelledby={id('open-data-title')}>
          <h2 id={id('open-data-title')}>{t('public.openData')}</h2>
          <p>
            {t('public.openDataText', { licence: page.licence })}{' '}
            <a href="/api/v1/public/open-data?format=json" data-testid="open-data-json">JSON</a>
            {' · '}
            <a href="/api/v1/public/open-data?format=csv" data-testid="open-data-csv">CSV</a>
          </p>
        </section>
      )}
    </>
  );
}
