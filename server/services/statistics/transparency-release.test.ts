/**
 * The monthly release of the transparency page: the noise is drawn once and kept, each cell
 * gets Laplace noise of scale HISTOGRAMS/epsilon (checked empirically), and the domain of
 * cells does not depend on the data.
 */
import type { CaseCountRow, SettingsRepo, StatsRepo } from '../../ports/stats.port';
import type { ChannelRecord, Json } from '../../ports/store.port';
import { HISTOGRAMS, monthRelease, OTHER_CATEGORY, releaseKey, type ReleaseDeps } from './transparency-release';

const month = new Date('2024-03-01T00:00:00Z');
const channel: ChannelRecord = {
  id: 'channel-1', slug: 'one', active: true, position: 0, version: 1, createdAt: month, updatedAt: month,
  definition: { name: { ar: 'ا', fr: 'Un', en: 'One' }, categories: [{ id: 'fraud', label: { ar: 'غش', fr: 'Fraude', en: 'Fraud' } }] },
};

class MemorySettings implements SettingsRepo {
  readonly values = new Map<string, Json>();
  async get(key: string): Promise<Json | null> {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: Json): Promise<void> {
    this.values.set(key, value);
  }
  async putIfAbsent(key: string, value: Json): Promise<Json> {
    if (!this.values.has(key)) this.values.set(key, value);
    return this.values.get(key) as Json;
  }
}

function deps(counts: CaseCountRow[], settings = new MemorySettings()): ReleaseDeps & { settings: MemorySettings; queries: number } {
  const state = { queries: 0 };
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
    store: { stats, settings, channels: { list: async () => [channel] } },
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

  it('covers a fixed domain: every category of the definition, the others together, every status and outcome', async () => {
    const release = await monthRelease(deps([]), month, 1);
    const cells = release.channels[channel.id];
    expect(Object.keys(cells?.category ?? {})).toEqual(['fraud', OTHER_CATEGORY]);
    expect(Object.keys(cells?.status ?? {})).toEqual(['received', 'acknowledged', 'investigating', 'closed']);
    expect(Object.keys(cells?.outcome ?? {})).toEqual(['substantiated', 'not_substantiated', 'referred', 'inadmissible', 'none']);
    expect(Object.keys(cells?.acknowledge ?? {})).toEqual(['met', 'missed']);
  });

  it.each([0.5, 1, 2])('adds noise of scale 5/epsilon to every cell, around the true count (epsilon %p, 2,000 releases)', async (epsilon) => {
    const scale = HISTOGRAMS / epsilon;
    const deviations: Record<string, number[]> = { fraud: [], other: [], closed: [], substantiated: [], met: [] };
    for (let i = 0; i < 2000; i += 1) {
      const cells = (await monthRelease(deps(rows), month, epsilon)).channels[channel.id];
      deviations.fraud?.push((cells?.category.fraud ?? 0) - 150);
      deviations.other?.push((cells?.category[OTHER_CATEGORY] ?? 0) - 50);
      deviations.closed?.push((cells?.status.closed ?? 0) - 150);
      deviations.substantiated?.push((cells?.outcome.substantiated ?? 0) - 150);
      deviations.met?.push((cells?.acknowledge.met ?? 0) - 200);
    }
    const all = Object.values(deviations).flat();
    const meanAbsolute = all.reduce((s, d) => s + Math.abs(d), 0) / all.length;
    const mean = all.reduce((s, d) => s + d, 0) / all.length;
    // 10,000 draws: standard error of the mean absolute deviation about 1% of the scale.
    // Rounding to whole cases adds about 1/(12 x scale), under 1% at these scales.
    expect(Math.abs(meanAbsolute / scale - 1)).toBeLessThan(0.04);
    expect(Math.abs(mean)).toBeLessThan(0.05 * scale);
  });
});
