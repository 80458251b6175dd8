/**
 * Which addresses belong to the staff workspace. Kept apart from the workspace itself so
 * the reporter's entry can tell without loading the staff chunk: a reporter's browser never
 * downloads the officers' code.
 */
export const STAFF_PATHS = {
  setup: '/setup',
  activate: '/activate',
  login: '/staff/login',
  recover: '/staff/recover',
  home: '/staff',
  case: (id: string) => `/staff/cases/${encodeURIComponent(id)}`,
  identityRequests: '/staff/identity-requests',
  admin: '/staff/admin',
  readiness: '/staff/admin/readiness',
  channels: '/staff/admin/channels',
  newChannel: '/staff/admin/channels/new',
  channel: (id: string) => `/staff/admin/channels/${encodeURIComponent(id)}`,
  channelPeople: (id: string) => `/staff/admin/channels/${encodeURIComponent(id)}/people`,
  settings: '/staff/admin/settings',
  /** the transparency settings sit on the statistics dashboard, which shows them to administrators */
  transparencySettings: '/staff/admin/transparency',
  me: '/staff/me',
  statistics: '/staff/statistics',
  annualReport: '/staff/annual-report',
} as const;

export function isStaffPath(path: string): boolean {
  return path === STAFF_PATHS.setup || path === STAFF_PATHS.activate || path === STAFF_PATHS.home || path.startsWith(`${STAFF_PATHS.home}/`);
}
