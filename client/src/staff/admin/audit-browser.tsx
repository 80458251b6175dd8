/**
 * The audit log, in sequence order, filtered by action, actor or case. Entries are
 * hash-chained on the server (`npm run audit:verify` checks the chain); each shows the
 * start of its hash so a printed page can be compared with a verification run.
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { StaffClient } from '../api/staff-client';
import { fetchAudit, type AuditQuery } from '../api/staff-endpoints';
import { useQuery } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { StaffError } from '../staff-error';

const PAGE = 50;

export function AuditBrowser({ client, nameOf }: { client: StaffClient; nameOf(id: string | null): string }) {
  const { t, formatDate } = useStaffI18n();
  const [draft, setDraft] = useState({ action: '', actor: '', case: '' });
  const [query, setQuery] = useState<AuditQuery>({ limit: PAGE });
  const [starts, setStarts] = useState<(number | undefined)[]>([undefined]);
  const fromSeq = starts[starts.length - 1];
  const { data: page, error } = useQuery(useCallback((signal: AbortSignal) => fetchAudit(client, { ...query, fromSeq }, signal), [client, query, fromSeq]));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ limit: PAGE, action: draft.action.trim() || undefined, actor: draft.actor.trim() || undefined, case: draft.case.trim() || undefined });
    setStarts([undefined]);
  };

  return (
    <div data-testid="audit-browser">
      <form className="inbox-filters" onSubmit={apply} noValidate>
        {(['action', 'actor', 'case'] as const).map((field) => (
          <div className="field" key={field}>
            <label className="field-label" htmlFor={`audit-${field}`}>
              {t(`audit.${field}`)}
            </label>
            <input id={`audit-${field}`} type="text" dir="ltr" value={draft[field]} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} data-testid={`audit-${field}`} />
          </div>
        ))}
        <button type="submit" className="button-secondary" data-testid="audit-apply">
          {t('audit.apply')}
        </button>
      </form>
      {error !== null && <StaffError error={error} />}
      {page && (
        <div className="table-scroll">
          <table className="staff-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.case')}</th>
                <th scope="col">{t('audit.detail')}</th>
                <th scope="col">{t('audit.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e) => (
                <tr key={e.seq} data-testid="audit-row" data-action={e.action}>
                  <td>{e.seq}</td>
                  <td>{formatDate(e.at, true)}</td>
                  <td>{nameOf(e.actorId)}</td>
                  <td dir="ltr">{e.action}</td>
                  <td dir="ltr">{e.caseId ?? '—'}</td>
                  <td dir="ltr" className="audit-detail">{JSON.stringify(e.detail)}</td>
                  <td dir="ltr" translate="no">{e.hash.slice(0, 12)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button-secondary" disabled={starts.length < 2} onClick={() => setStarts((s) => s.slice(0, -1))}>
          {t('inbox.previous')}
        </button>
        <button type="button" className="button-secondary" disabled={!page?.nextSeq} onClick={() => page?.nextSeq && setStarts((s) => [...s, page.nextSeq ?? undefined])} data-testid="audit-next">
          {t('inbox.next')}
        </button>
      </div>
    </div>
  );
}
