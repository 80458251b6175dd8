/**
 * The officer inbox on MongoDB: cases whose `readers` (staff holding the case key) include
 * the staff member, read through the multikey indexes { readers, sortKey, _id } so a page
 * stops after `limit` documents; keyset pagination on (sort key, _id), never skip().
 */
import type { FilterQuery } from 'mongoose';
import { ValidationFailed } from '../../errors';
import type { InboxPage, InboxQuery } from '../../ports/store.port';
import { decodeCursor, encodeCursor } from '../inbox-order';
import type { CaseDoc, Models } from './mongo-models';
import { toCase } from './mongo-records';

export async function readInbox(models: Models, query: InboxQuery): Promise<InboxPage> {
  if (!Number.isSafeInteger(query.limit) || query.limit < 1) throw ValidationFailed('limit', 'must be a positive integer');
  // An explicit empty filter matches nothing, rather than being read as "no filter".
  if (query.channelIds?.length === 0 || query.statuses?.length === 0) return { items: [], nextCursor: null };

  const filter: FilterQuery<CaseDoc> = { readers: query.staffId };
  if (query.channelIds) filter.channelId = { $in: query.channelIds };
  if (query.statuses) filter.status = { $in: query.statuses };
  if (query.category !== undefined) filter.category = query.category;

  const byUrgency = query.sort === 'urgency';
  const direction = query.sort === 'newest' ? -1 : 1;
  if (query.cursor !== undefined) {
    const { key, id } = decodeCursor(query.cursor, query.sort);
    const after = direction === 1 ? '$gt' : '$lt';
    filter.$or = byUrgency
      ? [{ urgencyAt: { [after]: key } }, { urgencyAt: key, _id: { [after]: id } }]
      : [{ createdAt: { [after]: new Date(key) } }, { createdAt: new Date(key), _id: { [after]: id } }];
  }
  const sort: Record<string, 1 | -1> = byUrgency ? { urgencyAt: 1, _id: 1 } : { createdAt: direction, _id: direction };

  // One document past the page tells whether another page exists without a count.
  const docs = await models.cases.find(filter).sort(sort).limit(query.limit + 1).lean<CaseDoc[]>();
  const page = docs.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    docs.length > query.limit && last
      ? encodeCursor({ sort: query.sort, key: byUrgency ? last.urgencyAt : last.createdAt.getTime(), id: last._id })
      : null;
  return { items: page.map(toCase), nextCursor };
}
