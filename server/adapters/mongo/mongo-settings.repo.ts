/**
 * Installation settings on MongoDB: one document per key (`_id`), its JSON value Mixed.
 * putIfAbsent inserts and, when another writer got there first (duplicate key), reads
 * that writer's value, so every caller sees the same one.
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { AuditedSettingsRepo, AuditNote, Json } from '../../ports/store.port';
import type { MongoAuditRepo } from './mongo-audit.repo';
import { isDuplicateKey, toJson } from './mongo-convert';

export interface SettingDoc { _id: string; value: unknown; updatedAt: Date }

const setting = new Schema<SettingDoc>({ _id: String, value: { type: Schema.Types.Mixed, required: true }, updatedAt: Date }, { minimize: false, versionKey: false });

export class MongoSettingsRepo implements AuditedSettingsRepo {
  readonly model: Model<SettingDoc>;

  constructor(private readonly connection: Connection, private readonly audit: MongoAuditRepo) {
    this.model = connection.model<SettingDoc>('Setting', setting, 'settings');
  }

  async get(key: string): Promise<Json | null> {
    const doc = await this.model.findById(key).lean<SettingDoc>();
    return doc ? toJson(doc.value) : null;
  }

  async set(key: string, value: Json, at: Date): Promise<void> {
    await this.model.updateOne({ _id: key }, { $set: { value, updatedAt: at } }, { upsert: true });
  }

  async setAudited(key: string, value: Json, at: Date, audit: AuditNote): Promise<void> {
    await this.connection.transaction(async (session) => {
      await this.model.updateOne({ _id: key }, { $set: { value, updatedAt: at } }, { upsert: true, session });
      await this.audit.appendWithin(session, { ...audit, at });
    });
  }

  async putIfAbsent(key: string, value: Json, at: Date): Promise<Json> {
    try {
      await this.model.create({ _id: key, value, updatedAt: at });
      return value;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const stored = await this.get(key);
    if (stored === null) throw new Error('a setting that exists could not be read');
    return stored;
  }
}
