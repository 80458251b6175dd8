/** The administration area's own navigation: checklist, channels, settings, accounts and logs. */
import { Link, useRouter } from '../../router/router';
import { useStaffI18n, type StaffMessageKey } from '../i18n/staff-i18n';
import { STAFF_PATHS } from '../staff-paths';
import './admin.css';

const ENTRIES: { to: string; key: StaffMessageKey; id: string; prefix?: boolean }[] = [
  { to: STAFF_PATHS.readiness, key: 'adm.nav.readiness', id: 'readiness' },
  { to: STAFF_PATHS.channels, key: 'adm.nav.channels', id: 'channels', prefix: true },
  { to: STAFF_PATHS.settings, key: 'adm.nav.settings', id: 'settings' },
  { to: STAFF_PATHS.admin, key: 'adm.nav.staff', id: 'staff' },
];

export function AdminNav() {
  const { t } = useStaffI18n();
  const { path } = useRouter();
  return (
    <nav className="admin-nav" aria-label={t('adm.nav.label')}>
      <ul>
        {ENTRIES.map((e) => {
          const current = e.prefix ? path === e.to || path.startsWith(`${e.to}/`) : path === e.to;
          return (
            <li key={e.id}>
              <Link to={e.to} aria-current={current ? 'page' : undefined} data-testid={`admin-nav-${e.id}`}>
                {t(e.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
