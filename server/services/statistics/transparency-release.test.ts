/**
 * The monthly release of the transparency page: drawn once and kept, over a domain that does
 * not depend on the data (channels that existed in the month), and consistent: every total
 * noised once and its parts made to add up to it.
 */
import type { CaseCountRow, SettingsRepo, StatsRepo } from '../../ports/stats.port';
import type { ChannelRecord, Json } from '../../ports/store.port';
import { wholePartsOf } from './consistent-counts';
import { seededNoise } from './release-margins';
import { BUDGET, channelsOfMonth, drawMonth, monthRelease, OTHER_CATEGORY, releaseKey, SPLITS, trueCounts, type MonthCounts } from './transparency-release';

const month = new Date('2024-03-01T00:00:00Z');
const channel: ChannelRecord = {
  id: 'ch-1', slug: 'one', active: true, position: 0, version: 1, createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-01-01T00:00:00Z'),
  definition: { name: { ar: 'أ', fr: 'A', en: 'A' }, categories: [{ id: 'fraud', label: { ar: 'غش', fr: 'Fraude', en: 'Fraud' } }] },
};
const later: ChannelRecord = { ...channel, id: 'ch-2', slug: 'two', createdAt: new Date('2024-04-02T00:00:00Z') };

function deps(counts: CaseCountRow[], channels: ChannelRecord[] = [channel]) {
  const values = new Map<string, Json>();
  const state = { queries: 0 };
  const settings: SettingsRepo & { values: Map<string, Json> } = {
    values,
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => {
      values.set(key, value);
    },
    putIfAbsent: async (key, value) => {
      if (!values.has(key)) values.set(key, value);
      return values.get(key) as Json;
    },
  };
  const stats: StatsRepo = {
    counts: async () => {
      state.queries += 1;
      return counts;
    },
    answered: async () => [{ metric: 'acknowledge', month: '2024-03', channelId: channel.id, onTime: true, count: 200 }],
    durations: async () => [],
    pending: async () => [],
    openByAge: async () => [],
  };
  return {
    store: { stats, settings, channels: { list: async () => channels } },
    now: () => new Date('2024-08-01T00:00:00Z'),
    settings,
    get queries() {
      return state.queries;
    },
  };
}

const rows: CaseCountRow[] = [
  { month: '2024-03', channelId: channel.id, category: 'fraud', status: 'closed', outcome: 'substantiated', count: 150 },
  { month: '2024-03', channelId: channel.id, category: 'renamed', status: 'received', outcome: null, count: 50 },
];

const sum = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);

describe('monthRelease', () => {
  it('draws the noise once: later calls read the stored release', async () => {
    const d = deps(rows);
    const first = await monthRelease(d, month, 1);
    const second = await monthRelease(d, month, 1);
    expect(second).toEqual(first);
    expect(d.queries).toBe(1);
    expect(d.settings.values.has(releaseKey(month))).toBe(true);
    // A later change of epsilon does not redraw a month already published.
    expect(await monthRelease(d, month, 0.1)).toEqual(first);
  });

  it('covers a fixed domain: every category of the definition, the others together, every status, outcome and deadline state', async () => {
    const release = await monthRelease(deps([]), month, 1);
    const cells = release.channels[channel.id];
    expect(Object.keys(cells?.category ?? {})).toEqual(['fraud', OTHER_CATEGORY]);
    expect(Object.keys(cells?.status ?? {})).toEqual(['received', 'acknowledged', 'investigating', 'closed']);
    expect(Object.keys(cells?.outcome ?? {})).toEqual(['substantiated', 'not_substantiated', 'referred', 'inadmissible', 'none']);
    expect(Object.keys(cells?.acknowledge ?? {})).toEqual(['met', 'missed', 'pending']);
  });

  it('holds no figure for a channel created after the month, even if cases were filed under it', async () => {
    const release = await monthRelease(deps([...rows, { ...rows[0] as CaseCountRow, channelId: later.id }], [channel, later]), month, 1);
    expect(Object.keys(release.channels)).toEqual([channel.id]);
    expect(channelsOfMonth([channel, later], new Date('2024-04-01T00:00:00Z')).map((c) => c.id)).toEqual([channel.id, later.id]);
  });

  it('spends the whole budget once per case: one month total, one channel total, five splits', () => {
    expect(BUDGET.month + BUDGET.channel + SPLITS.length * BUDGET.split).toBeCloseTo(1, 12);
  });
});

describe('drawMonth (the consistent release)', () => {
  const truthOf = (n: Record<string, number>): MonthCounts =>
    trueCounts({
      channels: Object.keys(n).map((id) => ({ id, name: { ar: id, fr: id, en: id }, categories: [{ id: 'x', label: { ar: 'x', fr: 'x', en: 'x' } }] })),
      counts: Object.entries(n).filter(([, c]) => c > 0).map(([channelId, count]) => ({ month: '2024-03', channelId, category: 'x', status: 'received', outcome: null, count })),
      answered: Object.entries(n).filter(([, c]) => c > 0).map(([channelId, count]) => ({ metric: 'acknowledge', month: '2024-03', channelId, onTime: true, count })),
      durations: [], pending: [], open: [],
    });

  it('adds up exactly: channel totals to the month total, every split to its channel total, whole numbers, none negative (500 draws)', () => {
    const noise = seededNoise(7);
    const truth = truthOf({ a: 0, b: 3, c: 40 });
    for (let i = 0; i < 500; i += 1) {
      const r = drawMonth(truth, 0.5, noise);
      expect(sum(Object.fromEntries(Object.entries(r.channels).map(([id, c]) => [id, c.total])))).toBe(r.total);
      for (const c of Object.values(r.channels)) {
        for (const split of SPLITS) {
          expect(sum(c[split])).toBe(c.total);
          expect(Object.values(c[split]).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
        }
      }
    }
  });

  it('noises a total once: the month total of empty channels stays near zero however many channels there are', () => {
    const noise = seededNoise(11);
    const empty = truthOf(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`c${i}`, 0])));
    const totals = Array.from({ length: 4000 }, () => drawMonth(empty, 1, noise).total);
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    // Laplace(4) clamped at 0: mean 2 (a per-channel sum of 12 clamped draws would be about 24).
    expect(mean).toBeGreaterThan(1.5);
    expect(mean).toBeLessThan(2.5);
  });

  it('centres a large total on the truth, with the spread of one draw of scale 1/(epsilon x 0.25)', () => {
    const noise = seededNoise(3);
    const truth = truthOf({ a: 300, b: 200 });
    const deviations = Array.from({ length: 4000 }, () => drawMonth(truth, 1, noise).total - 500);
    const mean = deviations.reduce((a, b) => a + b, 0) / deviations.length;
    const meanAbsolute = deviations.reduce((a, b) => a + Math.abs(b), 0) / deviations.length;
    expect(Math.abs(mean)).toBeLessThan(0.3);
    // Mean absolute deviation of Laplace(4) is 4; rounding adds little at this scale.
    expect(Math.abs(meanAbsolute / 4 - 1)).toBeLessThan(0.06);
  });

  it('has nothing to draw for a month without channels', () => {
    expect(drawMonth({ total: 0, channels: {} }, 1)).toEqual({ total: 0, channels: {} });
  });
});

describe('wholePartsOf', () => {
  it('gives whole numbers, none negative, summing to the total, nearest to the noisy parts', () => {
    expect(wholePartsOf([3.2, -4, 1.9], 5)).toEqual([3, 0, 2]);
    expect(wholePartsOf([-1, -2], 0)).toEqual([0, 0]);
    expect(wholePartsOf([-1, -2], 3)).toEqual([2, 1]);
    expect(wholePartsOf([10, 10, 10], 6)).toEqual([2, 2, 2]);
    const noise = seededNoise(5);
    for (let i = 0; i < 500; i += 1) {
      const parts = Array.from({ length: 1 + (i % 6) }, () => noise(5));
      const total = Math.max(0, Math.round(noise(10)));
      const out = wholePartsOf(parts, total);
      expect(out.reduce((a, b) => a + b, 0)).toBe(total);
      expect(out.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    }
  });
});
