/**
 * Contract: the hash-chained audit log. Tampering with stored rows is adapter specific and
 * is tested in the adapter's own file (store.sqlite.test.ts); verifyChain's detection of
 * altered, deleted and reordered entries is proven here on what the store returns.
 */
import type { AuditEntry, Store } from '../../server/ports/store.port';
import { auditHash, GENESIS_HASH, verifyChain } from '../../server/services/audit-chain';
import { at } from '../support/factories';

export function auditContract(store: () => Store): void {
  describe('audit log', () => {
    async function appendSome(count: number): Promise<AuditEntry[]> {
      const entries: AuditEntry[] = [];
      for (let i = 0; i < count; i += 1) {
        entries.push(await store().audit.append({
          at: at(i), actorId: `staff-${i % 2}`, action: i % 2 ? 'case.view' : 'case.status', caseId: i % 3 ? `case-${i % 3}` : null,
          detail: { i, nested: { b: [1, 'two', null], a: true } },
        }));
      }
      return entries;
    }

    it('chains each entry to the previous one from the genesis hash', async () => {
      const entries = await appendSome(5);
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < entries.length; i += 1) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
      for (const entry of entries) expect(entry.hash).toBe(auditHash(entry.prevHash, entry));
      const listed = await store().audit.list({ limit: 100 });
      expect(listed).toEqual(entries);
      expect(verifyChain(listed)).toBeNull();
    });

    it('reads back exactly what it hashed, whatever the key order of the detail', async () => {
      const entry = await store().audit.append({ at: at(), actorId: null, action: 'settings.change', caseId: null, detail: { z: 1, a: { y: 2, x: [3] } } });
      const [read] = await store().audit.list({ limit: 1 });
      expect(read).toEqual(entry);
      expect(verifyChain(read ? [read] : [])).toBeNull();
    });

    it('lists by filters and from a sequence number, in order', async () => {
      await appendSome(9);
      expect((await store().audit.list({ fromSeq: 4, limit: 3 })).map((e) => e.seq)).toEqual([4, 5, 6]);
      expect((await store().audit.list({ action: 'case.view', limit: 100 })).map((e) => e.seq)).toEqual([2, 4, 6, 8]);
      expect((await store().audit.list({ actorId: 'staff-0', caseId: 'case-1', limit: 100 })).map((e) => e.seq)).toEqual([5]);
      expect((await store().audit.list({ caseId: 'case-2', limit: 100 })).map((e) => e.seq)).toEqual([3, 6, 9]);
    });

    it('verifyChain finds an altered detail, a deleted entry and a reordering', async () => {
      await appendSome(6);
      const entries = await store().audit.list({ limit: 100 });
      expect(verifyChain(entries)).toBeNull();
      const altered = entries.map((e) => (e.seq === 3 ? { ...e, detail: { i: 99 } } : e));
      expect(verifyChain(altered)).toBe(3);
      const deleted = entries.filter((e) => e.seq !== 4);
      expect(verifyChain(deleted)).toBe(5);
      const swapped = [...entries];
      [swapped[1], swapped[2]] = [entries[2] as AuditEntry, entries[1] as AuditEntry];
      expect(verifyChain(swapped)).toBe(3);
      const renumbered = entries.map((e) => (e.seq === 2 ? { ...e, seq: 3 } : e.seq === 3 ? { ...e, seq: 2 } : e)).sort((a, b) => a.seq - b.seq);
      expect(verifyChain(renumbered)).toBe(2);
      expect(verifyChain(entries.slice(2), { seq: 2, hash: entries[1]?.hash ?? '' })).toBeNull();
      expect(verifyChain(entries.slice(2))).toBe(3);
    });

    it('never forks under 50 concurrent appends', async () => {
      const appended = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store().audit.append({ at: at(), actorId: `staff-${i}`, action: 'case.view', caseId: null, detail: { i } })),
      );
      expect(new Set(appended.map((e) => e.seq)).size).toBe(50);
      const listed = await store().audit.list({ limit: 100 });
      expect(listed.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(verifyChain(listed)).toBeNull();
    });
  });
}
