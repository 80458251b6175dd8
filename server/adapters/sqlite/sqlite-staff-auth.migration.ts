/**
 * Tables of staff sign-in and of the case workflow around it: sessions, one-time links
 * (setup, activation, recovery), second factors and failed attempts, identity requests and
 * case views. Tokens of every kind are stored as SHA-256 hashes, so a copy of the database
 * opens no session and no link.
 */
export const staffAuthMigrationSql = `
CREATE TABLE staff_sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);

CREATE TABLE one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('setup','activation','recovery')),
  staff_id TEXT REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX one_time_tokens_owner ON one_time_tokens(purpose, staff_id);

CREATE TABLE staff_credentials (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id),
  recovery_hash TEXT,
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER
) WITHOUT ROWID;
CREATE TABLE staff_recovery_codes (
  staff_id TEXT NOT NULL REFERENCES staff(id),
  code_hash TEXT NOT NULL,
  PRIMARY KEY (staff_id, code_hash)
) WITHOUT ROWID;

CREATE TABLE identity_requests (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  channel_id TEXT NOT NULL,
  requester_id TEXT NOT NULL REFERENCES staff(id),
  reason BLOB NOT NULL,
  custodian_reasons TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','approved','refused')),
  decided_by TEXT,
  decided_at INTEGER
);
CREATE INDEX identity_requests_status ON identity_requests(status, created_at);
CREATE INDEX identity_requests_case ON identity_requests(case_id, created_at);

CREATE TABLE case_views (
  staff_id TEXT NOT NULL,
  case_id TEXT NOT NULL REFERENCES cases(id),
  viewed_at INTEGER NOT NULL,
  PRIMARY KEY (staff_id, case_id)
) WITHOUT ROWID;
`;
