/**
 * The first-run checklist (GET /admin/readiness): what stands between this installation and
 * citizens who can use it. Each item links to where it is done and turns green when done;
 * the items the server cannot observe (mail outbox understood, recovery key stored, backups)
 * are confirmed by hand after a plain explanation of what to do.
 */
import { useCallback } from 'react';
import { CONFIRMABLE_ITEMS, type AdminChannel, type Readiness, type ReadinessItem } from '../../../../shared/api/admin.schema';
import { Link } from '../../router/router';
import type { StaffClient } from '../api/staff-client';
import { useAction, useQuery } from '../components/use-action';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { STAFF_PATHS } from '../staff-paths';
import { useUnlocked } from '../staff-session';
import { AdminError } from './admin-error';
import { confirmReadiness, fetchAdminChannels, fetchReadiness } from './admin-endpoints';
import { AdminNav } from './admin-nav';
import './admin.css';

function ItemDetail({ item, channels }: { item: ReadinessItem; channels: AdminChannel[] }) {
  const { t, local, formatDate } = useStaffI18n();
  if (item.id === 'officers') {
    const ids = item.detail.channels;
    const list = Array.isArray(ids) ? ids : [];
    if (list.length === 0) return null;
    const name = (id: string) => {
      const c = channels.find((x) => x.id === id);
      return c ? local(c.definition.name) : id;
    };
    return <p className="ready-detail">{t('adm.ready.officers.nobody', { names: list.map(name).join(', ') })}</p>;
  }
  if (item.id === 'mail') {
    const mode = item.detail.transport;
    if (mode === 'smtp') return <p className="ready-detail">{t('adm.ready.mail.smtp')}</p>;
    if (mode === 'file') return <p className="ready-detail">{t('adm.ready.mail.file', { dir: 'DATA_DIR/outbox' })}</p>;
    return null;
  }
  if (item.id === 'backups') {
    const last = item.detail.lastBackupAt;
    return typeof last === 'string' ? <p className="ready-detail">{t('adm.ready.backups.last', { date: formatDate(last, true) })}</p> : null;
  }
  if (item.id === 'organisation') {
    const missing = item.detail.missing;
    return Array.isArray(missing) && missing.length > 0 ? <p className="ready-detail">{t('adm.ready.organisation.missing', { fields: missing.join(', ') })}</p> : null;
  }
  return null;
}

function ItemRow({ item, channels, client, onChanged }: { item: ReadinessItem; channels: AdminChannel[]; client: StaffClient; onChanged(r: Readiness): void }) {
  const { t, formatDate } = useStaffI18n();
  const { busy, error, run } = useAction();
  const confirmable = CONFIRMABLE_ITEMS.includes(item.id);
  const key = (suffix: string) => `adm.ready.${item.id}.${suffix}` as StaffMessageKey;
  const confirm = async () => {
    let next: Readiness | null = null;
    if (await run(async () => void (next = await confirmReadiness(client, item.id)))) if (next) onChanged(next);
  };
  return (
    <li id={item.id} className={`ready-item ${item.done ? 'is-done' : 'is-todo'}`} data-testid={`readiness-${item.id}`} data-done={item.done}>
      <span className="ready-mark" aria-hidden="true">
        {item.done ? '✓' : '○'}
      </span>
      <div className="ready-body">
        <h2 className="ready-title">
          {t(key('title'))} <span className="ready-state">({item.done ? t('adm.ready.done') : t('adm.ready.todo')})</span>
        </h2>
        <p>{t(key('explain'))}</p>
        <ItemDetail item={item} channels={channels} />
        {item.confirmedAt && <p className="muted">{t('adm.ready.confirmedAt', { date: formatDate(item.confirmedAt, true) })}</p>}
        <div className="form-actions">
          {!item.href.startsWith(`${STAFF_PATHS.readiness}#`) && (
            <Link to={item.href} className="button-secondary" data-testid={`readiness-${item.id}-link`}>
              {t(key('link'))}
            </Link>
          )}
          {confirmable && !item.done && (
            <button type="button" className="button-primary" disabled={busy} onClick={() => void confirm()} data-testid={`readiness-${item.id}-confirm`}>
              {t(key('confirm'))}
            </button>
          )}
        </div>
        {error !== null && <AdminError error={error} />}
      </div>
    </li>
  );
}

export function ReadinessChecklist({ readiness, channels, client, onChanged }: { readiness: Readiness; channels: AdminChannel[]; client: StaffClient; onChanged(r: Readiness): void }) {
  const { t } = useStaffI18n();
  const done = readiness.items.filter((i) => i.done).length;
  return (
    <>
      <p className={`notice ${readiness.complete ? 'notice-ok' : 'notice-warning'}`} data-testid="readiness-summary" data-complete={readiness.complete}>
        {readiness.complete ? t('adm.ready.complete') : t('adm.ready.progress', { done, total: readiness.items.length })}
      </p>
      <ol className="plain-list ready-list" data-testid="readiness-list">
        {readiness.items.map((item) => (
          <ItemRow key={item.id} item={item} channels={channels} client={client} onChanged={onChanged} />
        ))}
      </ol>
    </>
  );
}

export function ReadinessPage() {
  const { t, tr } = useStaffI18n();
  const { client } = useUnlocked();
  const readiness = useQuery(useCallback((signal: AbortSignal) => fetchReadiness(client, signal), [client]));
  const channels = useQuery(useCallback((signal: AbortSignal) => fetchAdminChannels(client, signal), [client]));
  return (
    <section className="page staff-admin readiness-page" data-testid="readiness-page">
      <AdminNav />
      <h1>{t('adm.ready.title')}</h1>
      <p className="lead">{t('adm.ready.intro')}</p>
      {readiness.error !== null && <AdminError error={readiness.error} />}
      {!readiness.data && readiness.error === null && <p role="status">{tr('common.loading')}</p>}
      {readiness.data && <ReadinessChecklist readiness={readiness.data} channels={channels.data?.channels ?? []} client={client} onChanged={() => readiness.reload()} />}
    </section>
  );
}
