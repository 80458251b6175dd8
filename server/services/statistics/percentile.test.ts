import { percentileHours, type Histogram } from './percentile';

const histogram = (entries: [number, number][]): Histogram => new Map(entries);

describe('percentileHours (nearest rank, upper bucket edge)', () => {
  it('reads the median and 90th percentile of hourly buckets', () => {
    // 10 cases: 3 in the bucket [2,3) hours, 5 in [10,11), 2 in [40,41).
    const h = histogram([[10, 5], [2, 3], [40, 2]]);
    // rank ceil(0.5*10) = 5 falls in [10,11); rank 9 in [40,41).
    expect(percentileHours(h, 0.5)).toBe(11);
    expect(percentileHours(h, 0.9)).toBe(41);
    expect(percentileHours(h, 0.3)).toBe(3);
  });

  it('uses day-wide buckets from 14 days on', () => {
    const h = histogram([[24 * 20, 1], [5, 1], [24 * 30, 1]]);
    expect(percentileHours(h, 0.5)).toBe(24 * 21);
    expect(percentileHours(h, 0.9)).toBe(24 * 31);
  });

  it('gives the only value of a single case, and nothing for no case', () => {
    expect(percentileHours(histogram([[7, 1]]), 0.5)).toBe(8);
    expect(percentileHours(histogram([]), 0.5)).toBeNull();
  });
});
