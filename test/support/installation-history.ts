/**
 * Tests that fill past months need an installation (and channels) that existed then: the
 * public page publishes nothing before the installation's first start or a channel's
 * creation. This backdates both in a SQLite file, as if the installation had been running
 * since `since`. Each write is one statement (SQLite takes its write lock for it).
 */
import Database from 'better-sqlite3';
import { INSTALLATION_START_KEY } from '../../server/services/statistics/installation-start';

export function backdateInstallation(sqlitePath: string, since: Date): void {
  const db = new Database(sqlitePath);
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('UPDATE channels SET created_at = ?').run(since.getTime());
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(INSTALLATION_START_KEY, JSON.stringify(since.toISOString()), Date.now());
  } finally {
    db.close();
  }
}
