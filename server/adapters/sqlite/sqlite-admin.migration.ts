/**
 * Migration 4: channels and questionnaires as versioned data. Every published definition
 * is a row of channel_versions that a trigger keeps immutable; a channel points at its
 * current version, and a case records the version its reporter answered. Existing
 * channels get their definition as version 1 and existing cases version 1.
 */
export const adminMigrationSql = `
ALTER TABLE channels ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE channel_versions (
  channel_id TEXT NOT NULL REFERENCES channels(id),
  version INTEGER NOT NULL CHECK (version > 0),
  definition TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  published_by TEXT,
  PRIMARY KEY (channel_id, version)
) WITHOUT ROWID;
INSERT INTO channel_versions (channel_id, version, definition, published_at, published_by)
  SELECT id, 1, definition, updated_at, NULL FROM channels;
CREATE TRIGGER channel_versions_immutable BEFORE UPDATE ON channel_versions
BEGIN
  SELECT RAISE(ABORT, 'a published channel version never changes');
END;
CREATE TRIGGER channel_versions_kept BEFORE DELETE ON channel_versions
BEGIN
  SELECT RAISE(ABORT, 'a published channel version is never deleted');
END;

ALTER TABLE cases ADD COLUMN questionnaire_version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX cases_channel_version ON cases(channel_id, questionnaire_version);
`;
