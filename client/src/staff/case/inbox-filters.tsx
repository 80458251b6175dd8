/** The inbox's filters: statuses, channel, category (of the chosen channel) and sort order. */
import { useId } from 'react';
import type { PublicChannel } from '../../../../shared/api/channel.schema';
import { CASE_STATUSES } from '../../../../shared/api/common.schema';
import { useStaffI18n } from '../i18n/staff-i18n';

type Status = (typeof CASE_STATUSES)[number];
export interface Filters {
  status: Status[];
  channel: string;
  category: string;
  sort: 'urgency' | 'newest' | 'oldest';
}

export function InboxFilters({ filters, channels, onChange }: { filters: Filters; channels: PublicChannel[]; onChange(next: Filters): void }) {
  const { t, tr, local } = useStaffI18n();
  const id = useId();
  const channel = channels.find((c) => c.id === filters.channel);
  const toggle = (status: Status, on: boolean) => {
    const next = on ? [...filters.status, status] : filters.status.filter((s) => s !== status);
    // The server needs at least one status; none ticked means all.
    onChange({ ...filters, status: next.length > 0 ? CASE_STATUSES.filter((s) => next.includes(s)) : [...CASE_STATUSES] });
  };
  return (
    <form className="inbox-filters" onSubmit={(e) => e.preventDefault()} data-testid="inbox-filters">
      <fieldset className="field">
        <legend className="field-label">{t('case.status')}</legend>
        {CASE_STATUSES.map((s) => (
          <label key={s} className="choice inline-choice">
            <input type="checkbox" checked={filters.status.includes(s)} onChange={(e) => toggle(s, e.target.checked)} data-testid={`filter-status-${s}`} />
            <span>{tr(`status.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-channel`}>
          {t('case.channel')}
        </label>
        <select id={`${id}-channel`} value={filters.channel} onChange={(e) => onChange({ ...filters, channel: e.target.value, category: '' })} data-testid="filter-channel">
          <option value="">{t('inbox.all')}</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {local(c.definition.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-category`}>
          {t('case.category')}
        </label>
        <select id={`${id}-category`} value={filters.category} onChange={(e) => onChange({ ...filters, category: e.target.value })} disabled={!channel} data-testid="filter-category">
          <option value="">{t('inbox.all')}</option>
          {channel?.definition.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {local(c.label)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-sort`}>
          {t('inbox.sort')}
        </label>
        <select id={`${id}-sort`} value={filters.sort} onChange={(e) => onChange({ ...filters, sort: e.target.value as Filters['sort'] })} data-testid="filter-sort">
          <option value="urgency">{t('inbox.sortUrgency')}</option>
          <option value="newest">{t('inbox.sortNewest')}</option>
          <option value="oldest">{t('inbox.sortOldest')}</option>
        </select>
      </div>
    </form>
  );
}
