/**
 * Roles and channel membership, edited together as the API sets them: a channel only
 * means something to an officer (reports of the channel are sealed to its officers), and a
 * supervisor is an officer of that channel who also sees its cases.
 */
import { STAFF_ROLES, type ChannelMembership, type StaffRole } from '../../../../shared/api/staff.schema';
import type { PublicChannel } from '../../../../shared/api/channel.schema';
/** what the account forms need of a channel: the public list and the admin list both have it */
type ChannelRef = Pick<PublicChannel, 'id' | 'slug' | 'definition'>;
import { useStaffI18n } from '../i18n/staff-i18n';

export interface AccessValue {
  roles: StaffRole[];
  department: string;
  channels: ChannelMembership[];
}

interface Props {
  value: AccessValue;
  channels: ChannelRef[];
  onChange(next: AccessValue): void;
  disabled?: boolean;
  testId: string;
}

export function AccessFields({ value, channels, onChange, disabled, testId }: Props) {
  const { t, local } = useStaffI18n();
  const officer = value.roles.includes('officer');
  const setRole = (role: StaffRole, on: boolean) => {
    const roles = on ? STAFF_ROLES.filter((r) => r === role || value.roles.includes(r)) : value.roles.filter((r) => r !== role);
    onChange({ ...value, roles, channels: roles.includes('officer') ? value.channels : [] });
  };
  const membership = (channelId: string) => value.channels.find((c) => c.channelId === channelId);
  const setChannel = (channelId: string, member: boolean, supervisor: boolean) => {
    const others = value.channels.filter((c) => c.channelId !== channelId);
    onChange({ ...value, channels: member ? [...others, { channelId, supervisor }] : others });
  };
  return (
    <div data-testid={testId}>
      <fieldset className="field">
        <legend className="field-label">{t('admin.roles')}</legend>
        {STAFF_ROLES.map((role) => (
          <label key={role} className="choice inline-choice">
            <input type="checkbox" checked={value.roles.includes(role)} disabled={disabled} onChange={(e) => setRole(role, e.target.checked)} data-testid={`${testId}-role-${role}`} />
            <span>{t(`role.${role}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${testId}-department`}>
          {t('admin.department')}
        </label>
        <input id={`${testId}-department`} type="text" value={value.department} disabled={disabled} onChange={(e) => onChange({ ...value, department: e.target.value })} />
      </div>
      {officer && (
        <fieldset className="field">
          <legend className="field-label">{t('admin.channels')}</legend>
          {channels.map((c) => {
            const m = membership(c.id);
            return (
              <div key={c.id} className="channel-membership">
                <label className="choice inline-choice">
                  <input type="checkbox" checked={m !== undefined} disabled={disabled} onChange={(e) => setChannel(c.id, e.target.checked, false)} data-testid={`${testId}-channel-${c.slug}`} />
                  <span>{local(c.definition.name)}</span>
                </label>
                <label className="choice inline-choice">
                  <input type="checkbox" checked={m?.supervisor ?? false} disabled={disabled || m === undefined} onChange={(e) => setChannel(c.id, true, e.target.checked)} />
                  <span>{t('admin.supervisor')}</span>
                </label>
              </div>
            );
          })}
        </fieldset>
      )}
    </div>
  );
}
