/**
 * Contract: channels, channel members and staff accounts.
 */
import { expectRejection } from '../support/expect-rejection';
import type { Store } from '../../server/ports/store.port';
import { bytesOf, givenChannel, givenStaff, newChannel, newStaff } from '../support/factories';

export function directoryContract(store: () => Store): void {
  describe('channels', () => {
    it('inserts, lists by position and replaces by id keeping the creation date', async () => {
      const b = newChannel({ slug: 'b-channel', position: 2 });
      const a = newChannel({ slug: 'a-channel', position: 1 });
      await store().channels.upsert(b);
      await store().channels.upsert(a);
      expect((await store().channels.list()).map((c) => c.slug)).toEqual(['a-channel', 'b-channel']);

      const before = await store().channels.get(b.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store().channels.upsert({ ...b, slug: 'b-renamed', active: false, position: 0, definition: { name: { en: 'Renamed' } } });
      const after = await store().channels.get(b.id);
      expect(after).toMatchObject({ id: b.id, slug: 'b-renamed', active: false, position: 0, definition: { name: { en: 'Renamed' } } });
      expect(after?.createdAt.getTime()).toBe(before?.createdAt.getTime());
      expect(after?.updatedAt.getTime()).toBeGreaterThan(before?.updatedAt.getTime() ?? Infinity);
      expect((await store().channels.list()).map((c) => c.slug)).toEqual(['b-renamed', 'a-channel']);
      expect(await store().channels.get('missing')).toBeNull();
    });

    it('refuses a second channel with the same slug', async () => {
      await store().channels.upsert(newChannel({ slug: 'same' }));
      await expectRejection(store().channels.upsert(newChannel({ slug: 'same' })));
      expect(await store().channels.list()).toHaveLength(1);
    });

    it('adds, updates and removes members, and lists the channels of a staff member', async () => {
      const one = await givenChannel(store());
      const two = await givenChannel(store());
      const alice = await givenStaff(store());
      const bob = await givenStaff(store());
      await store().channels.setMember({ channelId: one.id, staffId: alice.id, supervisor: false });
      await store().channels.setMember({ channelId: one.id, staffId: bob.id, supervisor: true });
      await store().channels.setMember({ channelId: two.id, staffId: alice.id, supervisor: false });
      await store().channels.setMember({ channelId: one.id, staffId: alice.id, supervisor: true });

      const members = await store().channels.members(one.id);
      expect(members).toHaveLength(2);
      expect(members).toEqual(expect.arrayContaining([
        { channelId: one.id, staffId: alice.id, supervisor: true },
        { channelId: one.id, staffId: bob.id, supervisor: true },
      ]));
      expect((await store().channels.channelsOf(alice.id)).map((m) => m.channelId).sort()).toEqual([one.id, two.id].sort());

      await store().channels.removeMember(one.id, alice.id);
      expect((await store().channels.members(one.id)).map((m) => m.staffId)).toEqual([bob.id]);
      expect((await store().channels.channelsOf(alice.id)).map((m) => m.channelId)).toEqual([two.id]);
      expect(await store().channels.members('missing')).toEqual([]);
    });
  });

  describe('staff', () => {
    it('creates and reads back every field', async () => {
      const input = newStaff({
        roles: ['officer', 'custodian'],
        department: 'Urbanisme',
        keyBundle: { v: 1, password: 'b64...', recovery: 'b64...' },
        loginHash: '$argon2id$v=19$m=65536,t=3,p=1$abc$def',
        totpSecret: bytesOf(20),
        awayFrom: new Date('2031-07-01T00:00:00.000Z'),
        awayUntil: new Date('2031-07-15T00:00:00.000Z'),
      });
      const created = await store().staff.create(input);
      expect(created).toMatchObject({ id: input.id, email: input.email });
      const read = await store().staff.get(input.id);
      expect(read).toEqual({ ...input, createdAt: created.createdAt, updatedAt: created.updatedAt });
      expect(await store().staff.get('missing')).toBeNull();
    });

    it('finds a staff member by e-mail whatever its case, and refuses the same address twice', async () => {
      const staff = await givenStaff(store(), { email: 'Leila.Haddad@Commune.example' });
      expect((await store().staff.byEmail('leila.haddad@commune.example'))?.id).toBe(staff.id);
      expect((await store().staff.byEmail('LEILA.HADDAD@COMMUNE.EXAMPLE'))?.id).toBe(staff.id);
      expect((await store().staff.get(staff.id))?.email).toBe('Leila.Haddad@Commune.example');
      expect(await store().staff.byEmail('someone.else@commune.example')).toBeNull();
      await expectRejection(store().staff.create(newStaff({ email: 'LEILA.haddad@commune.EXAMPLE' })));
      expect(await store().staff.list()).toHaveLength(1);
    });

    it('updates only the patched fields and moves updatedAt', async () => {
      const staff = await givenStaff(store(), { status: 'invited', publicKey: null });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const key = bytesOf(32);
      const updated = await store().staff.update(staff.id, { status: 'active', publicKey: key, email: 'New@Commune.example' });
      expect(updated).toMatchObject({ id: staff.id, status: 'active', displayName: staff.displayName, roles: staff.roles });
      expect(updated.publicKey).toEqual(key);
      expect(updated.createdAt.getTime()).toBe(staff.createdAt.getTime());
      expect(updated.updatedAt.getTime()).toBeGreaterThan(staff.updatedAt.getTime());
      expect(await store().staff.get(staff.id)).toEqual(updated);
      expect((await store().staff.byEmail('new@commune.example'))?.id).toBe(staff.id);
      expect(await store().staff.byEmail(staff.email)).toBeNull();
      await expectRejection(store().staff.update('missing', { status: 'active' }));
    });

    it('lists everyone and counts by role whatever the status', async () => {
      await givenStaff(store(), { roles: ['admin'] });
      await givenStaff(store(), { roles: ['admin', 'officer'], status: 'deactivated' });
      await givenStaff(store(), { roles: ['officer'] });
      expect(await store().staff.list()).toHaveLength(3);
      expect(await store().staff.countByRole('admin')).toBe(2);
      expect(await store().staff.countByRole('officer')).toBe(2);
      expect(await store().staff.countByRole('custodian')).toBe(0);
    });
  });
}
