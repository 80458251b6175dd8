/**
 * Contract: the lockout counters every process shares. A hit adds exactly one under
 * concurrency; fixed windows keep their expiry, sliding ones move it; an expired counter reads
 * as absent and starts again at 1.
 */
import type { Store } from '../../server/ports/store.port';

const MINUTE = 60_000;

export function limitsContract(store: () => Store): void {
  describe('limit counters', () => {
    const base = new Date('2026-03-01T10:00:00Z');
    const at = (offsetMs: number): Date => new Date(base.getTime() + offsetMs);

    it('count hits in a fixed window that keeps the expiry of its first hit, then start again', async () => {
      expect(await store().limits.get('receipt:global', base)).toBeNull();
      expect(await store().limits.hit('receipt:global', base, 15 * MINUTE, 'fixed')).toEqual({ count: 1, lastAt: base, expiresAt: at(15 * MINUTE) });
      expect(await store().limits.hit('receipt:global', at(MINUTE), 15 * MINUTE, 'fixed')).toEqual({ count: 2, lastAt: at(MINUTE), expiresAt: at(15 * MINUTE) });
      expect(await store().limits.get('receipt:global', at(2 * MINUTE))).toEqual({ count: 2, lastAt: at(MINUTE), expiresAt: at(15 * MINUTE) });
      expect(await store().limits.get('receipt:global', at(15 * MINUTE))).toBeNull();
      expect(await store().limits.hit('receipt:global', at(16 * MINUTE), 15 * MINUTE, 'fixed')).toEqual({ count: 1, lastAt: at(16 * MINUTE), expiresAt: at(31 * MINUTE) });
      expect(await store().limits.get('other', at(16 * MINUTE))).toBeNull();
    });

    it('move a sliding counter\'s expiry with every hit', async () => {
      await store().limits.hit('login:unknown:a', base, 10 * MINUTE, 'sliding');
      expect(await store().limits.hit('login:unknown:a', at(9 * MINUTE), 10 * MINUTE, 'sliding')).toEqual({ count: 2, lastAt: at(9 * MINUTE), expiresAt: at(19 * MINUTE) });
      expect(await store().limits.get('login:unknown:a', at(18 * MINUTE))).toMatchObject({ count: 2 });
      expect(await store().limits.hit('login:unknown:a', at(30 * MINUTE), 10 * MINUTE, 'sliding')).toMatchObject({ count: 1 });
    });

    it('add exactly one per concurrent hit, on a new key and on a live one', async () => {
      const hits = await Promise.all(Array.from({ length: 25 }, () => store().limits.hit('race', base, MINUTE, 'fixed')));
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(await store().limits.get('race', base)).toMatchObject({ count: 25 });
    });

    it('clear one counter and delete expired ones in batches, leaving live ones', async () => {
      for (const key of ['e1', 'e2', 'e3']) await store().limits.hit(key, base, MINUTE, 'fixed');
      await store().limits.hit('live', base, 60 * MINUTE, 'fixed');
      await store().limits.hit('gone', base, 60 * MINUTE, 'fixed');
      await store().limits.clear('gone');
      expect(await store().limits.get('gone', base)).toBeNull();
      expect(await store().limits.deleteExpired(at(2 * MINUTE), 2)).toBe(2);
      expect(await store().limits.deleteExpired(at(2 * MINUTE), 2)).toBe(1);
      expect(await store().limits.deleteExpired(at(2 * MINUTE), 2)).toBe(0);
      expect(await store().limits.get('live', at(2 * MINUTE))).toMatchObject({ count: 1 });
    });
  });
}
