/**
 * Channels, their published versions and their members on SQLite. Every administrator's
 * write (create, publish, switch, reorder) is one IMMEDIATE transaction with its audit
 * entry, so a refused or crashed write leaves neither a half-saved channel nor an entry
 * for a change that did not happen. Published versions are immutable (a trigger refuses
 * UPDATE and DELETE on channel_versions).
 */
import type { AuditNote, ChannelMember, ChannelPublish, ChannelRecord, ChannelRepo, ChannelVersionRecord, NewChannelRecord } from '../../ports/store.port';
import { ChannelNotFound } from '../../errors';
import { OrderMismatch, SlugTaken, VersionConflict } from '../../services/admin/admin-errors';
import type { SqliteAuditRepo } from './sqlite-audit.repo';
import { bool, date, flag, json, ms, parseJson, writeTransaction, type Db } from './sqlite-db';

interface ChannelRow {
  id: string;
  slug: string;
  definition: string;
  active: number;
  position: number;
  version: number;
  created_at: number;
  updated_at: number;
}
interface VersionRow {
  channel_id: string;
  version: number;
  definition: string;
  published_at: number;
  published_by: string | null;
}
interface MemberRow {
  channel_id: string;
  staff_id: string;
  supervisor: number;
}

const toChannel = (row: ChannelRow): ChannelRecord => ({
  id: row.id,
  slug: row.slug,
  definition: parseJson(row.definition),
  active: bool(row.active),
  position: row.position,
  version: row.version,
  createdAt: date(row.created_at),
  updatedAt: date(row.updated_at),
});
const toVersion = (row: VersionRow): ChannelVersionRecord => ({
  channelId: row.channel_id,
  version: row.version,
  definition: parseJson(row.definition),
  publishedAt: date(row.published_at),
  publishedBy: row.published_by,
});
const toMember = (row: MemberRow): ChannelMember => ({ channelId: row.channel_id, staffId: row.staff_id, supervisor: bool(row.supervisor) });

export class SqliteChannelRepo implements ChannelRepo {
  private readonly sql;
  private readonly upsertTx;
  private readonly createTx;
  private readonly publishTx;
  private readonly activeTx;
  private readonly reorderTx;

  constructor(db: Db, audit: SqliteAuditRepo) {
    const sql = {
      list: db.prepare<[], ChannelRow>('SELECT * FROM channels ORDER BY position, slug'),
      get: db.prepare<[string], ChannelRow>('SELECT * FROM channels WHERE id = ?'),
      bySlug: db.prepare<[string], { id: string }>('SELECT id FROM channels WHERE slug = ?'),
      upsert: db.prepare<[string, string, string, number, number, number, number, number]>(
        `INSERT INTO channels (id, slug, definition, active, position, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, definition = excluded.definition, active = excluded.active,
           position = excluded.position, version = excluded.version, updated_at = excluded.updated_at`,
      ),
      insertVersion: db.prepare<[string, number, string, number, string | null]>(
        'INSERT INTO channel_versions (channel_id, version, definition, published_at, published_by) VALUES (?, ?, ?, ?, ?)',
      ),
      insertVersionIfAbsent: db.prepare<[string, number, string, number, string | null]>(
        'INSERT OR IGNORE INTO channel_versions (channel_id, version, definition, published_at, published_by) VALUES (?, ?, ?, ?, ?)',
      ),
      publish: db.prepare<[string, string, number, number, string]>('UPDATE channels SET slug = ?, definition = ?, version = ?, updated_at = ? WHERE id = ?'),
      setActive: db.prepare<[number, number, string]>('UPDATE channels SET active = ?, updated_at = ? WHERE id = ?'),
      setPosition: db.prepare<[number, number, string]>('UPDATE channels SET position = ?, updated_at = ? WHERE id = ?'),
      versions: db.prepare<[string], VersionRow>('SELECT * FROM channel_versions WHERE channel_id = ? ORDER BY version'),
      version: db.prepare<[string, number], VersionRow>('SELECT * FROM channel_versions WHERE channel_id = ? AND version = ?'),
      casesByVersion: db.prepare<[string], { version: number; n: number }>(
        'SELECT questionnaire_version AS version, COUNT(*) AS n FROM cases WHERE channel_id = ? GROUP BY questionnaire_version',
      ),
      members: db.prepare<[string], MemberRow>('SELECT * FROM channel_members WHERE channel_id = ? ORDER BY staff_id'),
      setMember: db.prepare<[string, string, number]>(
        `INSERT INTO channel_members (channel_id, staff_id, supervisor) VALUES (?, ?, ?)
         ON CONFLICT (channel_id, staff_id) DO UPDATE SET supervisor = excluded.supervisor`,
      ),
      removeMember: db.prepare<[string, string]>('DELETE FROM channel_members WHERE channel_id = ? AND staff_id = ?'),
      channelsOf: db.prepare<[string], MemberRow>('SELECT * FROM channel_members WHERE staff_id = ? ORDER BY channel_id'),
    };
    this.sql = sql;
    const mustGet = (id: string): ChannelRecord => {
      const row = sql.get.get(id);
      if (!row) throw ChannelNotFound();
      return toChannel(row);
    };
    const slugFree = (slug: string, id: string): void => {
      const holder = sql.bySlug.get(slug);
      if (holder && holder.id !== id) throw SlugTaken();
    };

    this.upsertTx = writeTransaction(db, (c: NewChannelRecord, now: number): void => {
      const version = c.version ?? sql.get.get(c.id)?.version ?? 1;
      const definition = json(c.definition);
      sql.upsert.run(c.id, c.slug, definition, flag(c.active), c.position, version, now, now);
      sql.insertVersionIfAbsent.run(c.id, version, definition, now, null);
    });
    this.createTx = writeTransaction(db, (c: NewChannelRecord, by: string | null, at: Date, note: AuditNote): ChannelRecord => {
      if (sql.get.get(c.id)) throw SlugTaken({ field: 'id' });
      slugFree(c.slug, c.id);
      const definition = json(c.definition);
      sql.upsert.run(c.id, c.slug, definition, flag(c.active), c.position, 1, ms(at), ms(at));
      sql.insertVersion.run(c.id, 1, definition, ms(at), by);
      audit.appendWithin({ ...note, at });
      return mustGet(c.id);
    });
    this.publishTx = writeTransaction(db, (id: string, change: ChannelPublish, by: string | null, at: Date, note: AuditNote): ChannelRecord => {
      const current = mustGet(id);
      if (current.version !== change.expectedVersion) throw VersionConflict({ currentVersion: current.version });
      slugFree(change.slug, id);
      const next = current.version + 1;
      const definition = json(change.definition);
      sql.insertVersion.run(id, next, definition, ms(at), by);
      sql.publish.run(change.slug, definition, next, ms(at), id);
      audit.appendWithin({ ...note, at });
      return mustGet(id);
    });
    this.activeTx = writeTransaction(db, (id: string, active: boolean, at: Date, note: AuditNote): ChannelRecord => {
      mustGet(id);
      sql.setActive.run(flag(active), ms(at), id);
      audit.appendWithin({ ...note, at });
      return mustGet(id);
    });
    this.reorderTx = writeTransaction(db, (ids: string[], at: Date, note: AuditNote): ChannelRecord[] => {
      const existing = new Set(sql.list.all().map((r) => r.id));
      if (ids.length !== existing.size || new Set(ids).size !== ids.length || !ids.every((id) => existing.has(id))) throw OrderMismatch();
      ids.forEach((id, position) => sql.setPosition.run(position, ms(at), id));
      audit.appendWithin({ ...note, at });
      return sql.list.all().map(toChannel);
    });
  }

  async list(): Promise<ChannelRecord[]> {
    return this.sql.list.all().map(toChannel);
  }

  async get(id: string): Promise<ChannelRecord | null> {
    const row = this.sql.get.get(id);
    return row ? toChannel(row) : null;
  }

  async upsert(channel: NewChannelRecord): Promise<void> {
    this.upsertTx(channel, Date.now());
  }

  async create(channel: NewChannelRecord, publishedBy: string | null, at: Date, audit: AuditNote): Promise<ChannelRecord> {
    return this.createTx(channel, publishedBy, at, audit);
  }

  async publish(id: string, change: ChannelPublish, publishedBy: string | null, at: Date, audit: AuditNote): Promise<ChannelRecord> {
    return this.publishTx(id, change, publishedBy, at, audit);
  }

  async setActive(id: string, active: boolean, at: Date, audit: AuditNote): Promise<ChannelRecord> {
    return this.activeTx(id, active, at, audit);
  }

  async reorder(ids: string[], at: Date, audit: AuditNote): Promise<ChannelRecord[]> {
    return this.reorderTx(ids, at, audit);
  }

  async versions(channelId: string): Promise<ChannelVersionRecord[]> {
    return this.sql.versions.all(channelId).map(toVersion);
  }

  async version(channelId: string, version: number): Promise<ChannelVersionRecord | null> {
    const row = this.sql.version.get(channelId, version);
    return row ? toVersion(row) : null;
  }

  async casesByVersion(channelId: string): Promise<Map<number, number>> {
    return new Map(this.sql.casesByVersion.all(channelId).map((r) => [r.version, r.n]));
  }

  async members(channelId: string): Promise<ChannelMember[]> {
    return this.sql.members.all(channelId).map(toMember);
  }

  async setMember(member: ChannelMember): Promise<void> {
    this.sql.setMember.run(member.channelId, member.staffId, flag(member.supervisor));
  }

  async removeMember(channelId: string, staffId: string): Promise<void> {
    this.sql.removeMember.run(channelId, staffId);
  }

  async channelsOf(staffId: string): Promise<ChannelMember[]> {
    return this.sql.channelsOf.all(staffId).map(toMember);
  }
}
