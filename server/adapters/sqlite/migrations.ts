/**
 * Versioned schema of the embedded store. Each migration runs once, in its own IMMEDIATE
 * transaction that re-reads the applied versions, so two processes starting together on
 * the same file cannot apply one twice. Never edit a released migration: add a new one.
 */
import type Database from 'better-sqlite3';
import type { Logger } from '../../logger';
import { adminMigrationSql } from './sqlite-admin.migration';
import { limitsMigrationSql } from './sqlite-limits.migration';
import { staffAuthMigrationSql } from './sqlite-staff-auth.migration';
import { statsMigrationSql } from './sqlite-stats.migration';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Dates are integer milliseconds, bytes are BLOBs, JSON is TEXT.
const initial = `
CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  active INTEGER NOT NULL,
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('ar','fr','en')),
  department TEXT,
  status TEXT NOT NULL CHECK (status IN ('invited','active','deactivated')),
  roles TEXT NOT NULL,
  public_key BLOB,
  key_bundle TEXT,
  login_hash TEXT,
  totp_secret BLOB,
  away_from INTEGER,
  away_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE channel_members (
  channel_id TEXT NOT NULL REFERENCES channels(id),
  staff_id TEXT NOT NULL REFERENCES staff(id),
  supervisor INTEGER NOT NULL,
  PRIMARY KEY (channel_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX channel_members_staff ON channel_members(staff_id);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  channel_id TEXT NOT NULL REFERENCES channels(id),
  category TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('ar','fr','en')),
  status TEXT NOT NULL CHECK (status IN ('received','acknowledged','investigating','closed')),
  outcome TEXT CHECK (outcome IN ('substantiated','not_substantiated','referred','inadmissible')),
  created_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  first_feedback_at INTEGER,
  closed_at INTEGER,
  ack_due_at INTEGER NOT NULL,
  feedback_due_at INTEGER NOT NULL,
  urgency_at INTEGER NOT NULL,
  assignee_id TEXT REFERENCES staff(id),
  flagged INTEGER NOT NULL DEFAULT 0,
  receipt_lookup TEXT NOT NULL,
  reporter_public_key BLOB NOT NULL,
  body BLOB NOT NULL,
  identity BLOB,
  labels TEXT NOT NULL DEFAULT '[]',
  last_reporter_access_at INTEGER,
  purged_at INTEGER
);
CREATE UNIQUE INDEX cases_receipt_lookup ON cases(receipt_lookup);
CREATE INDEX cases_assignee_status ON cases(assignee_id, status);
CREATE INDEX cases_closed_unpurged ON cases(closed_at) WHERE status = 'closed' AND purged_at IS NULL;

CREATE TABLE case_keys (
  case_id TEXT NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK (kind IN ('case','notes','identity')),
  recipient TEXT NOT NULL,
  wrapped BLOB NOT NULL,
  granted_by TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, kind, recipient)
) WITHOUT ROWID;

-- The inbox reads this table, not a join of case_keys and cases: with 100,000 cases a staff
-- member may hold keys to most of them, and only an index that carries the sort keys lets
-- a page stop after \`limit\` rows instead of sorting everything. Triggers keep it derived
-- from case_keys and cases, so no write path can forget it.
CREATE TABLE inbox_entries (
  staff_id TEXT NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  channel_id TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  urgency_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (staff_id, case_id)
) WITHOUT ROWID;
CREATE INDEX inbox_by_urgency ON inbox_entries(staff_id, urgency_at, case_id);
CREATE INDEX inbox_by_created ON inbox_entries(staff_id, created_at, case_id);
CREATE INDEX inbox_by_status ON inbox_entries(staff_id, status, urgency_at, case_id);
CREATE INDEX inbox_by_case ON inbox_entries(case_id);

CREATE TRIGGER inbox_key_added AFTER INSERT ON case_keys
WHEN NEW.kind = 'case' AND NEW.recipient <> 'reporter'
BEGIN
  INSERT OR IGNORE INTO inbox_entries (staff_id, case_id, channel_id, category, status, urgency_at, created_at)
  SELECT NEW.recipient, c.id, c.channel_id, c.category, c.status, c.urgency_at, c.created_at FROM cases c WHERE c.id = NEW.case_id;
END;
CREATE TRIGGER inbox_key_removed AFTER DELETE ON case_keys
WHEN OLD.kind = 'case'
BEGIN
  DELETE FROM inbox_entries WHERE staff_id = OLD.recipient AND case_id = OLD.case_id;
END;
CREATE TRIGGER inbox_case_changed AFTER UPDATE OF status, urgency_at, channel_id, category ON cases
BEGIN
  UPDATE inbox_entries SET status = NEW.status, urgency_at = NEW.urgency_at, channel_id = NEW.channel_id, category = NEW.category
  WHERE case_id = NEW.id;
END;

CREATE TABLE case_events (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT,
  detail TEXT NOT NULL,
  sealed BLOB,
  visible_to_reporter INTEGER NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, at);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  author TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('message','note')),
  body BLOB NOT NULL,
  attachment_ids TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX messages_case ON messages(case_id, created_at);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  case_id TEXT REFERENCES cases(id),
  chunk_count INTEGER NOT NULL CHECK (chunk_count > 0),
  size INTEGER NOT NULL CHECK (size >= 0),
  received_chunks INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('uploading','complete','attached')),
  created_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX attachments_case ON attachments(case_id);
CREATE INDEX attachments_unclaimed ON attachments(created_at) WHERE case_id IS NULL;
CREATE TABLE attachment_chunks (
  attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  PRIMARY KEY (attachment_id, idx)
) WITHOUT ROWID;

-- seq is the rowid: the audit seq index comes with the table.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  case_id TEXT,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_action ON audit_log(action, seq);
CREATE INDEX audit_actor ON audit_log(actor_id, seq);
CREATE INDEX audit_case ON audit_log(case_id, seq);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  run_at INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
  status TEXT NOT NULL CHECK (status IN ('pending','running','done','dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  last_error TEXT,
  relayed_at INTEGER,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX outbox_claim ON outbox(status, run_at);
CREATE INDEX outbox_lease ON outbox(status, locked_until);
CREATE INDEX outbox_unrelayed ON outbox(run_at) WHERE status = 'pending' AND relayed_at IS NULL;
CREATE INDEX outbox_dead ON outbox(finished_at) WHERE status = 'dead';

CREATE TABLE markers (
  key TEXT PRIMARY KEY,
  at INTEGER NOT NULL
) WITHOUT ROWID;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'staff sign-in and case workflow', sql: staffAuthMigrationSql },
  { version: 3, name: 'statistics counters and settings', sql: statsMigrationSql },
  { version: 4, name: 'channel versions and questionnaire version of cases', sql: adminMigrationSql },
  { version: 5, name: 'shared limit counters', sql: limitsMigrationSql },
];

export function runMigrations(db: Database.Database, logger: Logger): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of MIGRATIONS) {
    const apply = db.transaction((): boolean => {
      if (applied.get(migration.version)) return false;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      return true;
    });
    if (apply.immediate()) logger.info({ store: 'sqlite', migration: migration.version }, 'store migration applied');
  }
}
