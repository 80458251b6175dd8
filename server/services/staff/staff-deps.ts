/**
 * What the staff use cases receive: the store, configuration, the clock, and the sign-in
 * machinery built once per process (sessions, throttle, server-side keys).
 */
import type { Config } from '../../../config';
import type { Logger } from '../../logger';
import type { JobRunner } from '../../ports/jobs.port';
import type { Json, Store } from '../../ports/store.port';
import type { LoginThrottle } from './login-throttle';
import type { StaffSecrets } from './staff-secrets';
import type { StaffSessions } from './staff-sessions';

export interface StaffDeps {
  store: Store;
  config: Config;
  logger: Logger;
  jobs: Pick<JobRunner, 'wake'>;
  now: () => Date;
  secrets: StaffSecrets;
  sessions: StaffSessions;
  throttle: LoginThrottle;
}

/** Appends a staff action to the hash-chained audit log. Details are ids and clear metadata only. */
export async function audit(
  deps: Pick<StaffDeps, 'store' | 'now'>,
  actorId: string | null,
  action: string,
  caseId: string | null = null,
  detail: Json = {},
): Promise<void> {
  await deps.store.audit.append({ at: deps.now(), actorId, action, caseId, detail });
}
