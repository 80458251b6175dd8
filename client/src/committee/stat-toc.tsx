/**
 * "On this page": links to each section of a statistics page, so a reader jumps to the
 * figure they came for instead of scrolling past a dozen charts. Plain fragment links to
 * the sections' headings (the address keeps `?lang=`); hidden on paper.
 */
import type { StatsI18n } from './i18n/stats-i18n';

export interface TocEntry {
  /** the id of the section's heading */
  id: string;
  title: string;
}

export function StatToc({ i18n, entries, testId }: { i18n: StatsI18n; entries: TocEntry[]; testId?: string }) {
  return (
    <nav className="stat-toc no-print" aria-labelledby="stat-toc-title" data-testid={testId}>
      <h2 id="stat-toc-title" className="stat-toc-title">{i18n.t('toc.title')}</h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`}>{entry.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
