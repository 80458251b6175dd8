/**
 * The channels in the order reporters see them: move up or down with buttons (keyboard and
 * screen readers, not drag only), switch on or off, open to edit. Each says plainly whether
 * reporters can use it now and, when not, why.
 */
import { useState } from 'react';
import type { AdminChannel } from '../../../../shared/api/admin.schema';
import { invalidatePublicInfo } from '../../api/use-public-info';
import { Link } from '../../router/router';
import type { StaffClient } from '../api/staff-client';
import { useAction } from '../components/use-action';
import { useStaffI18n } from '../i18n/staff-i18n';
import { STAFF_PATHS } from '../staff-paths';
import { AdminError } from './admin-error';
import { orderChannels, setChannelActive } from './admin-endpoints';
import { move } from './definition-draft';
import { MoveButtons } from './move-buttons';

interface Props {
  client: StaffClient;
  channels: AdminChannel[];
  onChanged(channels: AdminChannel[] | null): void;
}

export function ChannelList({ client, channels, onChanged }: Props) {
  const { t, local } = useStaffI18n();
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const sorted = [...channels].sort((a, b) => a.position - b.position);

  const reorder = async (index: number, by: -1 | 1) => {
    const ids = move(sorted, index, by).map((c) => c.id);
    let answer: AdminChannel[] = [];
    if (await run(async () => void (answer = (await orderChannels(client, ids)).channels))) {
      invalidatePublicInfo();
      onChanged(answer);
      const moved = sorted[index];
      setNotice(moved ? t('adm.list.moved', { name: local(moved.definition.name), n: index + by + 1 }) : null);
      // Keep the keyboard on the button that moved the channel, now at its new place.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="channel-row-${moved?.slug}"] [data-testid$="-${by < 0 ? 'up' : 'down'}"]:not(:disabled)`)?.focus());
    }
  };
  const toggle = async (c: AdminChannel) => {
    if (await run(() => setChannelActive(client, c.id, !c.active))) {
      invalidatePublicInfo();
      setNotice(t(c.active ? 'adm.list.switchedOff' : 'adm.list.switchedOn', { name: local(c.definition.name) }));
      onChanged(null);
    }
  };
  const state = (c: AdminChannel) => {
    if (!c.active) return t('adm.list.off');
    if (c.available) return t('adm.list.available', { n: c.officers.active });
    return c.officers.invited > 0 ? t('adm.list.waitingInvited', { n: c.officers.invited }) : t('adm.list.nobody');
  };

  return (
    <section aria-labelledby="channels-heading" data-testid="channel-list-admin">
      <h2 id="channels-heading">{t('adm.list.title')}</h2>
      <p className="field-help">{t('adm.list.help')}</p>
      <Link to={STAFF_PATHS.newChannel} className="button-primary" data-testid="channel-new">
        {t('adm.list.new')}
      </Link>
      <ol className="plain-list channel-admin-list">
        {sorted.map((c, i) => {
          const name = local(c.definition.name);
          return (
            <li key={c.id} className={`editor-card channel-row ${c.available ? 'is-ok' : 'is-warning'}`} data-testid={`channel-row-${c.slug}`} data-active={c.active} data-available={c.available}>
              <div className="card-head">
                <h3>
                  <Link to={STAFF_PATHS.channel(c.id)} data-testid={`channel-open-${c.slug}`}>
                    {name}
                  </Link>
                </h3>
                <MoveButtons index={i} count={sorted.length} name={name} onMove={(by) => void reorder(i, by)} testId={`channel-${c.slug}`} disabled={busy} />
              </div>
              <p className="muted">
                <bdi dir="ltr">/report/{c.slug}</bdi> · {t('adm.list.version', { v: c.version })} · {t('adm.list.officers', { active: c.officers.active, invited: c.officers.invited, supervisors: c.officers.supervisors })}
              </p>
              <p className={c.available ? 'state-ok' : 'state-warning'} data-testid={`channel-state-${c.slug}`}>
                {state(c)}
              </p>
              <div className="form-actions">
                <Link to={STAFF_PATHS.channel(c.id)} className="button-secondary">
                  {t('adm.list.edit')}
                </Link>
                <Link to={STAFF_PATHS.channelPeople(c.id)} className="button-secondary" data-testid={`channel-people-${c.slug}`}>
                  {t('adm.list.people')}
                </Link>
                <button type="button" className="button-secondary" disabled={busy} onClick={() => void toggle(c)} data-testid={`channel-toggle-${c.slug}`}>
                  {c.active ? t('adm.list.switchOff') : t('adm.list.switchOn')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {notice && (
        <p role="status" data-testid="channel-list-notice">
          {notice}
        </p>
      )}
      {error !== null && <AdminError error={error} />}
    </section>
  );
}
