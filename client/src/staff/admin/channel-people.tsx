/**
 * Routing and people for one channel: who may read its reports (its officers), who
 * supervises, the department rules, absences, what happens when nobody is eligible (the
 * routing the worker applies, worker/routing/choose-officer.ts, in plain words) and the
 * "who would receive a report filed now" preview.
 */
import { useState } from 'react';
import type { AdminChannel } from '../../../../shared/api/admin.schema';
import type { StaffSummary } from '../../../../shared/api/staff.schema';
import { Link } from '../../router/router';
import type { StaffClient } from '../api/staff-client';
import { useStaffI18n } from '../i18n/staff-i18n';
import { STAFF_PATHS } from '../staff-paths';
import { OfficerMembership } from './officer-membership';
import { RecipientsPreviewPanel } from './recipients-preview';

interface Props {
  client: StaffClient;
  channel: AdminChannel;
  staff: StaffSummary[];
  onChanged(): void;
}

export function ChannelPeople({ client, channel, staff, onChanged }: Props) {
  const { t, local } = useStaffI18n();
  const [round, setRound] = useState(0);
  const officers = staff.filter((s) => s.status !== 'deactivated' && s.roles.includes('officer'));
  const members = officers.filter((s) => s.channels.some((c) => c.channelId === channel.id));
  const changed = () => {
    setRound((n) => n + 1);
    onChanged();
  };
  const categoryName = (id: string) => {
    const c = channel.definition.categories.find((x) => x.id === id);
    return c ? local(c.label) : id;
  };
  return (
    <div className="channel-people" data-testid="channel-people">
      <section className="editor-section" aria-labelledby="officers-heading">
        <h3 id="officers-heading">{t('adm.people.title')}</h3>
        <p className="field-help">{t('adm.people.help')}</p>
        {!channel.available && channel.active && (
          <p className="notice notice-warning" data-testid="people-unavailable">
            {t('adm.people.unavailable')}
          </p>
        )}
        {officers.length === 0 ? (
          <p>{t('adm.people.noOfficers')}</p>
        ) : (
          <ul className="plain-list">
            {officers.map((s) => (
              <OfficerMembership key={`${s.id}-${s.channels.length}`} client={client} channelId={channel.id} staff={s} onChanged={changed} />
            ))}
          </ul>
        )}
        <p>
          <Link to={STAFF_PATHS.admin} data-testid="people-invite">
            {t('adm.people.invite')}
          </Link>
        </p>
      </section>

      <section className="editor-section" aria-labelledby="rules-heading">
        <h3 id="rules-heading">{t('adm.rules.title')}</h3>
        {channel.definition.routing.length === 0 ? (
          <p>{t('adm.rules.none')}</p>
        ) : (
          <ul data-testid="routing-rules">
            {channel.definition.routing.map((r) => {
              const inDepartment = members.filter((m) => m.department === r.department).length;
              return (
                <li key={`${r.category}-${r.department}`}>
                  {t('adm.rules.rule', { category: categoryName(r.category), department: r.department, n: inDepartment })}
                </li>
              );
            })}
          </ul>
        )}
        <p className="field-help">
          <Link to={STAFF_PATHS.channel(channel.id)}>{t('adm.rules.edit')}</Link>
        </p>
      </section>

      <section className="editor-section" aria-labelledby="nobody-heading">
        <h3 id="nobody-heading">{t('adm.nobody.title')}</h3>
        <ol>
          <li>{t('adm.nobody.step1')}</li>
          <li>{t('adm.nobody.step2')}</li>
          <li>{t('adm.nobody.step3')}</li>
          <li>{t('adm.nobody.step4')}</li>
          <li>{t('adm.nobody.step5')}</li>
        </ol>
      </section>

      <RecipientsPreviewPanel client={client} channel={channel} round={round} />
    </div>
  );
}
