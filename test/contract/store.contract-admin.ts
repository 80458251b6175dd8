/**
 * Contract: channels as versioned data and audited installation settings. Every
 * administrator's write commits with its audit entry or not at all, a published version
 * never changes, and a case keeps the questionnaire version it was filed with.
 */
import type { AuditNote, Store } from '../../server/ports/store.port';
import { expectRejection } from '../support/expect-rejection';
import { at, givenCase, givenChannel, givenStaff, newChannel } from '../support/factories';

const note = (action: string, detail: Record<string, string | number> = {}): AuditNote => ({ actorId: 'admin-1', action, caseId: null, detail });

/** the rejection's stable error id (AppError.id), whichever adapter threw it */
async function rejectsWith(promise: Promise<unknown>, id: string): Promise<void> {
  let error: unknown = null;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  expect((error as { id?: unknown } | null)?.id).toBe(id);
}

async function auditActions(store: Store): Promise<string[]> {
  return (await store.audit.list({ limit: 100 })).map((e) => e.action);
}

export function adminContract(store: () => Store): void {
  describe('channel versions', () => {
    it('creates a channel at version 1 with its version row and audit entry', async () => {
      const channel = newChannel({ slug: 'created', definition: { name: { en: 'One' } } });
      const created = await store().channels.create(channel, 'admin-1', at(), note('channel.create', { version: 1 }));
      expect(created).toMatchObject({ id: channel.id, slug: 'created', version: 1, definition: { name: { en: 'One' } } });
      const versions = await store().channels.versions(channel.id);
      expect(versions).toEqual([expect.objectContaining({ channelId: channel.id, version: 1, definition: { name: { en: 'One' } }, publishedBy: 'admin-1' })]);
      expect(await auditActions(store())).toEqual(['channel.create']);
    });

    it('refuses a taken slug or id and writes nothing, not even the audit entry', async () => {
      const first = await givenChannel(store(), { slug: 'taken' });
      await rejectsWith(store().channels.create(newChannel({ slug: 'taken' }), 'admin-1', at(), note('channel.create')), 'slug_taken');
      await rejectsWith(store().channels.create(newChannel({ id: first.id, slug: 'other' }), 'admin-1', at(), note('channel.create')), 'slug_taken');
      expect((await store().channels.list()).map((c) => c.slug)).toEqual(['taken']);
      expect(await auditActions(store())).toEqual([]);
    });

    it('publishes version n + 1 and keeps every earlier version as it was', async () => {
      const channel = newChannel({ slug: 'versioned', definition: { label: 'v1' } });
      await store().channels.create(channel, 'admin-1', at(), note('channel.create'));
      const v2 = await store().channels.publish(channel.id, { slug: 'versioned-2', definition: { label: 'v2' }, expectedVersion: 1 }, 'admin-2', at(), note('channel.publish', { version: 2 }));
      expect(v2).toMatchObject({ version: 2, slug: 'versioned-2', definition: { label: 'v2' } });
      expect((await store().channels.version(channel.id, 1))?.definition).toEqual({ label: 'v1' });
      expect(await store().channels.version(channel.id, 2)).toMatchObject({ definition: { label: 'v2' }, publishedBy: 'admin-2' });
      expect(await store().channels.version(channel.id, 3)).toBeNull();
      expect((await store().channels.versions(channel.id)).map((v) => v.version)).toEqual([1, 2]);
      expect(await auditActions(store())).toEqual(['channel.create', 'channel.publish']);
    });

    it('refuses a publish from a stale version, an unknown channel or onto a taken slug, writing nothing', async () => {
      const channel = newChannel({ slug: 'stale', definition: { label: 'v1' } });
      await store().channels.create(channel, 'admin-1', at(), note('channel.create'));
      await givenChannel(store(), { slug: 'elsewhere' });
      await store().channels.publish(channel.id, { slug: 'stale', definition: { label: 'v2' }, expectedVersion: 1 }, 'admin-1', at(), note('channel.publish'));
      await rejectsWith(store().channels.publish(channel.id, { slug: 'stale', definition: { label: 'lost' }, expectedVersion: 1 }, 'admin-1', at(), note('channel.publish')), 'version_conflict');
      await rejectsWith(store().channels.publish(channel.id, { slug: 'elsewhere', definition: { label: 'v3' }, expectedVersion: 2 }, 'admin-1', at(), note('channel.publish')), 'slug_taken');
      await rejectsWith(store().channels.publish('missing-channel', { slug: 'x', definition: {}, expectedVersion: 1 }, 'admin-1', at(), note('channel.publish')), 'channel_not_found');
      expect(await store().channels.get(channel.id)).toMatchObject({ version: 2, definition: { label: 'v2' } });
      expect((await store().channels.versions(channel.id)).map((v) => v.version)).toEqual([1, 2]);
      expect(await auditActions(store())).toEqual(['channel.create', 'channel.publish']);
    });

    it('lets exactly one of two publishers racing from the same version win', async () => {
      const channel = newChannel({ slug: 'race' });
      await store().channels.create(channel, 'admin-1', at(), note('channel.create'));
      const results = await Promise.allSettled(
        ['a', 'b'].map((label) => store().channels.publish(channel.id, { slug: 'race', definition: { label }, expectedVersion: 1 }, 'admin-1', at(), note('channel.publish'))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store().channels.versions(channel.id)).map((v) => v.version)).toEqual([1, 2]);
    });

    it('switches a channel off and back, audited; an unknown id is channel_not_found', async () => {
      const channel = await givenChannel(store());
      expect(await store().channels.setActive(channel.id, false, at(), note('channel.active'))).toMatchObject({ active: false, version: 1 });
      expect((await store().channels.get(channel.id))?.active).toBe(false);
      await rejectsWith(store().channels.setActive('missing-channel', true, at(), note('channel.active')), 'channel_not_found');
      expect(await auditActions(store())).toEqual(['channel.active']);
    });

    it('reorders exactly the channels, or nothing', async () => {
      const a = await givenChannel(store(), { slug: 'a-ch', position: 0 });
      const b = await givenChannel(store(), { slug: 'b-ch', position: 1 });
      const c = await givenChannel(store(), { slug: 'c-ch', position: 2 });
      expect((await store().channels.reorder([c.id, a.id, b.id], at(), note('channel.order'))).map((x) => x.slug)).toEqual(['c-ch', 'a-ch', 'b-ch']);
      await rejectsWith(store().channels.reorder([a.id, b.id], at(), note('channel.order')), 'order_mismatch');
      await rejectsWith(store().channels.reorder([a.id, a.id, b.id], at(), note('channel.order')), 'order_mismatch');
      await rejectsWith(store().channels.reorder([a.id, b.id, 'someone-else'], at(), note('channel.order')), 'order_mismatch');
      expect((await store().channels.list()).map((x) => x.slug)).toEqual(['c-ch', 'a-ch', 'b-ch']);
      expect(await auditActions(store())).toEqual(['channel.order']);
    });

    it('seeding by upsert records the definition as version 1, once', async () => {
      const channel = await givenChannel(store(), { definition: { label: 'seeded' } });
      expect(await store().channels.get(channel.id)).toMatchObject({ version: 1 });
      await store().channels.upsert({ ...channel, position: 4 });
      expect((await store().channels.versions(channel.id)).map((v) => v.definition)).toEqual([{ label: 'seeded' }]);
    });

    it('keeps the questionnaire version a case was filed with and counts cases per version', async () => {
      const channel = newChannel({ slug: 'counted' });
      await store().channels.create(channel, 'admin-1', at(), note('channel.create'));
      const old = await givenCase(store(), { case: { channelId: channel.id } });
      await store().channels.publish(channel.id, { slug: 'counted', definition: { label: 'v2' }, expectedVersion: 1 }, 'admin-1', at(), note('channel.publish'));
      const fresh = await givenCase(store(), { case: { channelId: channel.id, questionnaireVersion: 2 } });
      await givenCase(store(), { case: { channelId: channel.id, questionnaireVersion: 2 } });
      expect((await store().cases.get(old.id))?.questionnaireVersion).toBe(1);
      expect((await store().cases.get(fresh.id))?.questionnaireVersion).toBe(2);
      expect([...(await store().channels.casesByVersion(channel.id)).entries()].sort()).toEqual([[1, 1], [2, 2]]);
    });
  });

  describe('audited staff updates', () => {
    it('writes the change and its audit entry together, and neither for an unknown staff member', async () => {
      const staff = await givenStaff(store());
      const awayFrom = new Date('2026-07-01T00:00:00.000Z');
      const awayUntil = new Date('2026-07-15T00:00:00.000Z');
      const when = at();
      const updated = await store().staff.updateAudited(staff.id, { awayFrom, awayUntil }, when, note('staff.absence', { staffId: staff.id }));
      expect(updated).toMatchObject({ id: staff.id, awayFrom, awayUntil });
      expect(updated.updatedAt.getTime()).toBe(when.getTime());
      expect(await store().staff.get(staff.id)).toEqual(updated);
      const [entry] = await store().audit.list({ limit: 10 });
      expect(entry).toMatchObject({ action: 'staff.absence', actorId: 'admin-1', detail: { staffId: staff.id } });
      expect(entry?.at.getTime()).toBe(when.getTime());
      await expectRejection(store().staff.updateAudited('missing', { awayFrom: null }, at(), note('staff.absence')));
      expect(await auditActions(store())).toEqual(['staff.absence']);
    });
  });

  describe('audited settings', () => {
    it('writes the value and its audit entry together', async () => {
      await store().settings.setAudited('installation', { k: 7 }, at(), note('settings.update', { count: 1 }));
      expect(await store().settings.get('installation')).toEqual({ k: 7 });
      const [entry] = await store().audit.list({ limit: 10 });
      expect(entry).toMatchObject({ action: 'settings.update', actorId: 'admin-1', detail: { count: 1 } });
      await store().settings.setAudited('installation', { k: 9 }, at(), note('settings.update'));
      expect(await store().settings.get('installation')).toEqual({ k: 9 });
      expect(await auditActions(store())).toEqual(['settings.update', 'settings.update']);
    });
  });
}
