/**
 * Installation settings on SQLite: one JSON value per key. putIfAbsent is INSERT OR IGNORE
 * followed by a read in one transaction, so of two processes racing on a key both read the
 * value of the one that inserted first.
 */
import type { AuditedSettingsRepo, AuditNote, Json } from '../../ports/store.port';
import type { SqliteAuditRepo } from './sqlite-audit.repo';
import { json, ms, parseJson, writeTransaction, type Db } from './sqlite-db';

export class SqliteSettingsRepo implements AuditedSettingsRepo {
  private readonly sql;
  private readonly putIfAbsentTx: (key: string, value: string, at: number) => Json;
  private readonly setAuditedTx: (key: string, value: string, at: Date, note: AuditNote) => void;

  constructor(db: Db, audit: SqliteAuditRepo) {
    this.sql = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      set: db.prepare<[string, string, number]>(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
      ),
      insert: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES (?, ?, ?)'),
    };
    this.putIfAbsentTx = writeTransaction(db, (key: string, value: string, at: number): Json => {
      this.sql.insert.run(key, value, at);
      const stored = this.sql.get.get(key);
      if (!stored) throw new Error('a setting just written could not be read back');
      return parseJson(stored.value);
    });
    this.setAuditedTx = writeTransaction(db, (key: string, value: string, at: Date, note: AuditNote): void => {
      this.sql.set.run(key, value, ms(at));
      audit.appendWithin({ ...note, at });
    });
  }

  async get(key: string): Promise<Json | null> {
    const row = this.sql.get.get(key);
    return row ? parseJson(row.value) : null;
  }

  async set(key: string, value: Json, at: Date): Promise<void> {
    this.sql.set.run(key, json(value), ms(at));
  }

  async putIfAbsent(key: string, value: Json, at: Date): Promise<Json> {
    return this.putIfAbsentTx(key, json(value), ms(at));
  }

  async setAudited(key: string, value: Json, at: Date, audit: AuditNote): Promise<void> {
    this.setAuditedTx(key, json(value), at, audit);
  }
}
