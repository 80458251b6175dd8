/**
 * The officer inbox on SQLite: cases whose case key is wrapped to the staff member, read
 * through inbox_entries (kept by triggers, see migrations.ts) so the sort keys sit in an
 * index and a page stops after `limit` rows. Pagination is by keyset on (sort key, id),
 * never by offset, so a page costs the same at the end of 100,000 cases as at the start.
 */
import { ValidationFailed } from '../../errors';
import type { InboxPage, InboxQuery } from '../../ports/store.port';
import { decodeCursor, encodeCursor, type InboxSort } from '../inbox-order';
import { toCase, type CaseRow } from './sqlite-case-rows';
import type { Db } from './sqlite-db';

interface Params {
  staffId: string;
  channels?: string;
  statuses?: string;
  category?: string;
  key?: number;
  id?: string;
  limit: number;
}

const ORDER: Record<InboxSort, { column: 'urgency_at' | 'created_at'; direction: 'ASC' | 'DESC'; after: '>' | '<' }> = {
  urgency: { column: 'urgency_at', direction: 'ASC', after: '>' },
  oldest: { column: 'created_at', direction: 'ASC', after: '>' },
  newest: { column: 'created_at', direction: 'DESC', after: '<' },
};

/** Exported for the query-plan test: the inbox must walk an index, never sort the whole inbox. */
export function inboxSql(query: InboxQuery): string {
  const order = ORDER[query.sort];
  const where = ['e.staff_id = @staffId'];
  if (query.channelIds) where.push('e.channel_id IN (SELECT value FROM json_each(@channels))');
  if (query.statuses) where.push('e.status IN (SELECT value FROM json_each(@statuses))');
  if (query.category !== undefined) where.push('e.category = @category');
  if (query.cursor !== undefined) where.push(`(e.${order.column}, e.case_id) ${order.after} (@key, @id)`);
  return `SELECT c.* FROM inbox_entries e JOIN cases c ON c.id = e.case_id
    WHERE ${where.join(' AND ')}
    ORDER BY e.${order.column} ${order.direction}, e.case_id ${order.direction}
    LIMIT @limit`;
}

export function inboxReader(db: Db): (query: InboxQuery) => InboxPage {
  // At most 48 shapes (filters x sort x cursor); each is prepared once.
  const statements = new Map<string, ReturnType<typeof prepare>>();
  const prepare = (sql: string) => db.prepare<Params, CaseRow>(sql);

  return (query) => {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1) throw ValidationFailed('limit', 'must be a positive integer');
    // An explicit empty filter matches nothing, rather than being read as "no filter".
    if (query.channelIds?.length === 0 || query.statuses?.length === 0) return { items: [], nextCursor: null };
    const sql = inboxSql(query);
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      statements.set(sql, statement);
    }
    const params: Params = { staffId: query.staffId, limit: query.limit + 1 };
    if (query.channelIds) params.channels = JSON.stringify(query.channelIds);
    if (query.statuses) params.statuses = JSON.stringify(query.statuses);
    if (query.category !== undefined) params.category = query.category;
    if (query.cursor !== undefined) {
      const position = decodeCursor(query.cursor, query.sort);
      params.key = position.key;
      params.id = position.id;
    }
    // One row past the page tells whether another page exists without a COUNT.
    const rows = statement.all(params);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor({ sort: query.sort, key: ORDER[query.sort].column === 'urgency_at' ? last.urgency_at : last.created_at, id: last.id })
        : null;
    return { items: page.map(toCase), nextCursor };
  };
}
