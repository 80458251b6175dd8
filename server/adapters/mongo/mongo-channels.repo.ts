/**
 * Channels, their published versions and their members on MongoDB. An administrator's
 * write is one transaction with its audit entry. `channel_versions` has a unique
 * (channelId, version) index, so two publishers racing from the same version cannot both
 * write version n + 1: the loser's transaction fails and is answered VersionConflict.
 */
import { Schema, type ClientSession, type Connection, type Model } from 'mongoose';
import { ChannelNotFound } from '../../errors';
import type { AuditNote, ChannelMember, ChannelPublish, ChannelRecord, ChannelRepo, ChannelVersionRecord, NewChannelRecord } from '../../ports/store.port';
import { OrderMismatch, SlugTaken, VersionConflict } from '../../services/admin/admin-errors';
import type { MongoAuditRepo } from './mongo-audit.repo';
import { isDuplicateKey, toJson } from './mongo-convert';
import type { ChannelDoc, MemberDoc, Models } from './mongo-models';
import { toChannel, toMember } from './mongo-records';

export interface ChannelVersionDoc { channelId: string; version: number; definition: unknown; publishedAt: Date; publishedBy: string | null }

const versionSchema = new Schema<ChannelVersionDoc>(
  { channelId: String, version: Number, definition: { type: Schema.Types.Mixed, required: true }, publishedAt: Date, publishedBy: { type: String, default: null } },
  { minimize: false, versionKey: false },
);
versionSchema.index({ channelId: 1, version: 1 }, { unique: true });

const toVersion = (d: ChannelVersionDoc): ChannelVersionRecord => ({
  channelId: d.channelId, version: d.version, definition: toJson(d.definition), publishedAt: d.publishedAt, publishedBy: d.publishedBy ?? null,
});

export class MongoChannelRepo implements ChannelRepo {
  readonly versionModel: Model<ChannelVersionDoc>;

  constructor(private readonly connection: Connection, private readonly models: Models, private readonly audit: MongoAuditRepo) {
    this.versionModel = connection.model<ChannelVersionDoc>('ChannelVersion', versionSchema, 'channel_versions');
  }

  /** Channels stored before versions existed get their definition as their current version (idempotent). */
  async ensureVersions(): Promise<void> {
    for (const doc of await this.models.channels.find().lean<ChannelDoc[]>()) {
      await this.versionModel.updateOne(
        { channelId: doc._id, version: doc.version ?? 1 },
        { $setOnInsert: { definition: doc.definition, publishedAt: doc.updatedAt, publishedBy: null } },
        { upsert: true },
      );
    }
  }

  async list(): Promise<ChannelRecord[]> {
    return (await this.models.channels.find().sort({ position: 1, slug: 1 }).lean<ChannelDoc[]>()).map(toChannel);
  }

  async get(id: string): Promise<ChannelRecord | null> {
    const doc = await this.models.channels.findById(id).lean<ChannelDoc>();
    return doc ? toChannel(doc) : null;
  }

  async upsert(channel: NewChannelRecord): Promise<void> {
    const now = new Date();
    await this.connection.transaction(async (session) => {
      const current = await this.models.channels.findById(channel.id).session(session).lean<ChannelDoc>();
      const version = channel.version ?? current?.version ?? 1;
      await this.models.channels.updateOne(
        { _id: channel.id },
        { $set: { slug: channel.slug, definition: channel.definition, active: channel.active, position: channel.position, version, updatedAt: now }, $setOnInsert: { createdAt: now } },
        { upsert: true, session },
      );
      await this.versionModel.updateOne(
        { channelId: channel.id, version },
        { $setOnInsert: { definition: channel.definition, publishedAt: now, publishedBy: null } },
        { upsert: true, session },
      );
    });
  }

  async create(channel: NewChannelRecord, publishedBy: string | null, at: Date, audit: AuditNote): Promise<ChannelRecord> {
    try {
      await this.connection.transaction(async (session) => {
        await this.models.channels.create(
          [{ _id: channel.id, slug: channel.slug, definition: channel.definition, active: channel.active, position: channel.position, version: 1, createdAt: at, updatedAt: at }],
          { session },
        );
        await this.versionModel.create([{ channelId: channel.id, version: 1, definition: channel.definition, publishedAt: at, publishedBy }], { session });
        await this.audit.appendWithin(session, { ...audit, at });
      });
    } catch (err) {
      if (isDuplicateKey(err)) throw SlugTaken();
      throw err;
    }
    return this.mustGet(channel.id);
  }

  async publish(id: string, change: ChannelPublish, publishedBy: string | null, at: Date, audit: AuditNote): Promise<ChannelRecord> {
    try {
      await this.connection.transaction(async (session) => {
        const current = await this.mustGetIn(id, session);
        if (current.version !== change.expectedVersion) throw VersionConflict({ currentVersion: current.version });
        const taken = await this.models.channels.findOne({ slug: change.slug, _id: { $ne: id } }).session(session).lean<ChannelDoc>();
        if (taken) throw SlugTaken();
        const next = current.version + 1;
        await this.versionModel.create([{ channelId: id, version: next, definition: change.definition, publishedAt: at, publishedBy }], { session });
        // The version in the filter makes a concurrent publisher's update match nothing.
        const updated = await this.models.channels.updateOne(
          { _id: id, version: current.version },
          { $set: { slug: change.slug, definition: change.definition, version: next, updatedAt: at } },
          { session },
        );
        if (updated.modifiedCount !== 1) throw VersionConflict();
        await this.audit.appendWithin(session, { ...audit, at });
      });
    } catch (err) {
      if (isDuplicateKey(err)) {
        const now = await this.get(id);
        if (now && now.slug !== change.slug && (await this.models.channels.exists({ slug: change.slug }))) throw SlugTaken();
        throw VersionConflict();
      }
      throw err;
    }
    return this.mustGet(id);
  }

  async setActive(id: string, active: boolean, at: Date, audit: AuditNote): Promise<ChannelRecord> {
    await this.connection.transaction(async (session) => {
      const updated = await this.models.channels.updateOne({ _id: id }, { $set: { active, updatedAt: at } }, { session });
      if (updated.matchedCount !== 1) throw ChannelNotFound();
      await this.audit.appendWithin(session, { ...audit, at });
    });
    return this.mustGet(id);
  }

  async reorder(ids: string[], at: Date, audit: AuditNote): Promise<ChannelRecord[]> {
    await this.connection.transaction(async (session) => {
      const existing = new Set((await this.models.channels.find({}, { _id: 1 }).session(session).lean<Pick<ChannelDoc, '_id'>[]>()).map((d) => d._id));
      if (ids.length !== existing.size || new Set(ids).size !== ids.length || !ids.every((id) => existing.has(id))) throw OrderMismatch();
      for (const [position, id] of ids.entries()) await this.models.channels.updateOne({ _id: id }, { $set: { position, updatedAt: at } }, { session });
      await this.audit.appendWithin(session, { ...audit, at });
    });
    return this.list();
  }

  async versions(channelId: string): Promise<ChannelVersionRecord[]> {
    return (await this.versionModel.find({ channelId }).sort({ version: 1 }).lean<ChannelVersionDoc[]>()).map(toVersion);
  }

  async version(channelId: string, version: number): Promise<ChannelVersionRecord | null> {
    const doc = await this.versionModel.findOne({ channelId, version }).lean<ChannelVersionDoc>();
    return doc ? toVersion(doc) : null;
  }

  async casesByVersion(channelId: string): Promise<Map<number, number>> {
    const rows = await this.models.cases.aggregate<{ _id: number | null; n: number }>([
      { $match: { channelId } },
      { $group: { _id: '$questionnaireVersion', n: { $sum: 1 } } },
    ]);
    const out = new Map<number, number>();
    for (const row of rows) out.set(row._id ?? 1, (out.get(row._id ?? 1) ?? 0) + row.n);
    return out;
  }

  async members(channelId: string): Promise<ChannelMember[]> {
    return (await this.models.members.find({ channelId }).sort({ staffId: 1 }).lean<MemberDoc[]>()).map(toMember);
  }

  async setMember(member: ChannelMember): Promise<void> {
    await this.models.members.updateOne({ channelId: member.channelId, staffId: member.staffId }, { $set: { supervisor: member.supervisor } }, { upsert: true });
  }

  async removeMember(channelId: string, staffId: string): Promise<void> {
    await this.models.members.deleteOne({ channelId, staffId });
  }

  async channelsOf(staffId: string): Promise<ChannelMember[]> {
    return (await this.models.members.find({ staffId }).sort({ channelId: 1 }).lean<MemberDoc[]>()).map(toMember);
  }

  private async mustGet(id: string): Promise<ChannelRecord> {
    const channel = await this.get(id);
    if (!channel) throw ChannelNotFound();
    return channel;
  }

  private async mustGetIn(id: string, session: ClientSession): Promise<ChannelRecord> {
    const doc = await this.models.channels.findById(id).session(session).lean<ChannelDoc>();
    if (!doc) throw ChannelNotFound();
    return toChannel(doc);
  }
}
