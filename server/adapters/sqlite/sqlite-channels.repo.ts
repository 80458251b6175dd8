/**
 * Channels and their members on SQLite. `upsert` replaces a channel's content by id and
 * keeps its creation date.
 */
import type { ChannelMember, ChannelRecord, ChannelRepo } from '../../ports/store.port';
import { bool, date, flag, json, parseJson, type Db } from './sqlite-db';

interface ChannelRow {
  id: string;
  slug: string;
  definition: string;
  active: number;
  position: number;
  created_at: number;
  updated_at: number;
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
  createdAt: date(row.created_at),
  updatedAt: date(row.updated_at),
});
const toMember = (row: MemberRow): ChannelMember => ({ channelId: row.channel_id, staffId: row.staff_id, supervisor: bool(row.supervisor) });

export class SqliteChannelRepo implements ChannelRepo {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      list: db.prepare<[], ChannelRow>('SELECT * FROM channels ORDER BY position, slug'),
      get: db.prepare<[string], ChannelRow>('SELECT * FROM channels WHERE id = ?'),
      upsert: db.prepare<[string, string, string, number, number, number, number]>(
        `INSERT INTO channels (id, slug, definition, active, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET slug = excluded.slug, definition = excluded.definition, active = excluded.active,
           position = excluded.position, updated_at = excluded.updated_at`,
      ),
      members: db.prepare<[string], MemberRow>('SELECT * FROM channel_members WHERE channel_id = ? ORDER BY staff_id'),
      setMember: db.prepare<[string, string, number]>(
        `INSERT INTO channel_members (channel_id, staff_id, supervisor) VALUES (?, ?, ?)
         ON CONFLICT (channel_id, staff_id) DO UPDATE SET supervisor = excluded.supervisor`,
      ),
      removeMember: db.prepare<[string, string]>('DELETE FROM channel_members WHERE channel_id = ? AND staff_id = ?'),
      channelsOf: db.prepare<[string], MemberRow>('SELECT * FROM channel_members WHERE staff_id = ? ORDER BY channel_id'),
    };
  }

  async list(): Promise<ChannelRecord[]> {
    return this.sql.list.all().map(toChannel);
  }

  async get(id: string): Promise<ChannelRecord | null> {
    const row = this.sql.get.get(id);
    return row ? toChannel(row) : null;
  }

  async upsert(channel: Omit<ChannelRecord, 'createdAt' | 'updatedAt'>): Promise<void> {
    const now = Date.now();
    this.sql.upsert.run(channel.id, channel.slug, json(channel.definition), flag(channel.active), channel.position, now, now);
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
