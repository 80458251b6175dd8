/**
 * The officer inbox: the cases whose case key is wrapped to the officer, filtered and
 * sorted by the store's keyset-paginated inbox query (stays fast at 100,000 cases), with
 * the count of reporter messages since the officer last opened each case.
 */
import type { InboxQueryInput, InboxResponse } from '../../../shared/api/staff.schema';
import { Forbidden } from '../../errors';
import type { StaffRecord, Store } from '../../ports/store.port';
import { caseMeta } from './case-meta';

export async function listInbox(deps: { store: Store; now: () => Date }, staff: StaffRecord, query: InboxQueryInput): Promise<InboxResponse> {
  if (!staff.roles.includes('officer')) throw Forbidden();
  const page = await deps.store.cases.inbox({
    staffId: staff.id,
    sort: query.sort,
    limit: query.limit,
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.channel ? { channelIds: [query.channel] } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const unread = await deps.store.caseViews.unreadCounts(staff.id, page.items.map((c) => c.id));
  const now = deps.now();
  return { items: page.items.map((c) => ({ ...caseMeta(c, now), unread: unread.get(c.id) ?? 0 })), nextCursor: page.nextCursor };
}
