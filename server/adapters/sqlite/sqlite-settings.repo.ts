/**
 * Installation settings on SQLite: one JSON value per key. putIfAbsent is INSERT OR IGNORE
 * followed by a read in one transaction, so of two processes racing on a key both read the
 * value of the one that inserted first.
 */
import type { SettingsRepo } from '../../ports/stats.port';
import type { Json } from '../../ports/store.port';
import { json, ms, parseJson, writeTransaction, type Db } from './sqlite-db';

export class SqliteSettingsRepo implements SettingsRepo {
  private readonly sql;
  private readonly putIfAbsentTx: (key: string, value: string, at: number) => Json;

  constructor(db: Db) {
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
}
