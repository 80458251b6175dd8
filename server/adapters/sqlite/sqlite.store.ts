/**
 * The embedded store: one SQLite file (better-sqlite3, WAL) holding every record, used when
 * no MONGODB_URI is configured. Several processes may open the same file, so every write
 * transaction is run `.immediate`: it takes the write lock before its first read and waits
 * out the busy timeout, where a deferred one that read first would fail at once with
 * SQLITE_BUSY once another process committed (test/faults/sqlite-multiprocess.test.ts).
 */
import type { Logger } from '../../logger';
import type { Store } from '../../ports/store.port';
import { SqliteAttachmentRepo } from './sqlite-attachments.repo';
import { SqliteAuditRepo } from './sqlite-audit.repo';
import { SqliteCaseRepo } from './sqlite-cases.repo';
import { SqliteChannelRepo } from './sqlite-channels.repo';
import { SqliteCredentialRepo } from './sqlite-credentials.repo';
import { openDatabase, type Db } from './sqlite-db';
import { SqliteCaseViewRepo, SqliteIdentityRequestRepo } from './sqlite-identity-requests.repo';
import { SqliteLimitRepo } from './sqlite-limits.repo';
import { SqliteMarkerRepo } from './sqlite-markers.repo';
import { SqliteMessageRepo } from './sqlite-messages.repo';
import { SqliteOutboxRepo } from './sqlite-outbox.repo';
import { SqliteSessionRepo, SqliteTokenRepo } from './sqlite-sessions.repo';
import { SqliteSettingsRepo } from './sqlite-settings.repo';
import { SqliteStaffRepo } from './sqlite-staff.repo';
import { SqliteStatsRepo } from './sqlite-stats.repo';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly channels: SqliteChannelRepo;
  readonly staff: SqliteStaffRepo;
  readonly cases: SqliteCaseRepo;
  readonly messages: SqliteMessageRepo;
  readonly attachments: SqliteAttachmentRepo;
  readonly audit: SqliteAuditRepo;
  readonly outbox: SqliteOutboxRepo;
  readonly markers: SqliteMarkerRepo;
  readonly limits: SqliteLimitRepo;
  readonly sessions: SqliteSessionRepo;
  readonly tokens: SqliteTokenRepo;
  readonly credentials: SqliteCredentialRepo;
  readonly identityRequests: SqliteIdentityRequestRepo;
  readonly caseViews: SqliteCaseViewRepo;
  readonly stats: SqliteStatsRepo;
  readonly settings: SqliteSettingsRepo;
  private readonly pingStatement;

  constructor(private readonly db: Db) {
    this.audit = new SqliteAuditRepo(db);
    this.channels = new SqliteChannelRepo(db, this.audit);
    this.staff = new SqliteStaffRepo(db, this.audit);
    this.cases = new SqliteCaseRepo(db);
    this.messages = new SqliteMessageRepo(db);
    this.attachments = new SqliteAttachmentRepo(db);
    this.outbox = new SqliteOutboxRepo(db);
    this.markers = new SqliteMarkerRepo(db);
    this.limits = new SqliteLimitRepo(db);
    this.sessions = new SqliteSessionRepo(db);
    this.tokens = new SqliteTokenRepo(db);
    this.credentials = new SqliteCredentialRepo(db);
    this.identityRequests = new SqliteIdentityRequestRepo(db);
    this.caseViews = new SqliteCaseViewRepo(db);
    this.stats = new SqliteStatsRepo(db);
    this.settings = new SqliteSettingsRepo(db, this.audit);
    this.pingStatement = db.prepare<[], { ok: number }>('SELECT 1 AS ok');
  }

  async ping(): Promise<void> {
    if (this.pingStatement.get()?.ok !== 1) throw new Error('the SQLite store did not answer');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating folder and file when missing) and migrates the SQLite store. */
export async function openSqliteStore(file: string, logger: Logger): Promise<Store> {
  const db = openDatabase(file, logger);
  logger.info({ store: 'sqlite' }, 'store opened');
  return new SqliteStore(db);
}
