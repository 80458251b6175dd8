/**
 * Staff sessions: a random 32-byte token handed to the browser once and kept by the server
 * only as its SHA-256, with the time of the last request and an absolute end. A session
 * ends after 30 minutes without a request or 12 hours after sign-in, whichever comes first,
 * and with the account's deactivation.
 */
import { Unauthenticated } from '../../errors';
import type { SessionRecord, StaffRecord, Store } from '../../ports/store.port';
import type { SessionInfo } from '../../../shared/api/staff.schema';
import { newToken, tokenHash } from './staff-secrets';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface StaffAuth {
  staff: StaffRecord;
  session: SessionRecord;
}

export class StaffSessions {
  constructor(
    private readonly store: Pick<Store, 'sessions' | 'staff'>,
    private readonly now: () => Date,
  ) {}

  async issue(staffId: string): Promise<SessionInfo> {
    const now = this.now();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
    await this.store.sessions.create({ tokenHash: tokenHash(token), staffId, createdAt: now, lastSeenAt: now, expiresAt });
    return { token, expiresAt: expiresAt.toISOString(), idleTimeoutSeconds: SESSION_IDLE_MS / 1000 };
  }

  /** the session and its active staff member, or Unauthenticated; a valid request extends the idle time */
  async authenticate(token: string): Promise<StaffAuth> {
    if (!TOKEN_SHAPE.test(token)) throw Unauthenticated();
    const hash = tokenHash(token);
    const session = await this.store.sessions.getByHash(hash);
    if (!session) throw Unauthenticated();
    const now = this.now();
    const idle = now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS;
    if (idle || session.expiresAt.getTime() <= now.getTime()) {
      await this.store.sessions.delete(hash);
      throw Unauthenticated();
    }
    const staff = await this.store.staff.get(session.staffId);
    if (!staff || staff.status !== 'active') {
      await this.store.sessions.delete(hash);
      throw Unauthenticated();
    }
    await this.store.sessions.touch(hash, now);
    return { staff, session: { ...session, lastSeenAt: now } };
  }

  async end(hash: string): Promise<void> {
    await this.store.sessions.delete(hash);
  }

  async endAll(staffId: string, exceptHash?: string): Promise<number> {
    return this.store.sessions.deleteAllFor(staffId, exceptHash);
  }
}
