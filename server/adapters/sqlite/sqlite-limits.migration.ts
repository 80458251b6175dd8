/**
 * Migration 5: lockout counters shared by every process on the file (store.port's LimitRepo).
 * The key names what is counted, never a client address.
 */
export const limitsMigrationSql = `
CREATE TABLE limit_counters (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX limit_counters_expires ON limit_counters(expires_at);
`;
