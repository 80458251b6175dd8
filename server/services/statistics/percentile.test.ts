import { bucketWidthHours, durationBucketHours } from '../../ports/stats.port';
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

  it('uses 6-hour buckets from 48 hours, days from 14 days and weeks from 90 days', () => {
    const h = histogram([[24 * 20, 1], [5, 1], [24 * 30, 1], [96, 1], [24 * 90, 1]]);
    expect(percentileHours(h, 0.3)).toBe(102);
    expect(percentileHours(h, 0.5)).toBe(24 * 21);
    expect(percentileHours(h, 0.7)).toBe(24 * 31);
    expect(percentileHours(h, 0.9)).toBe(24 * 97);
  });

  it('puts durations in the buckets the stores use', () => {
    const hours = (h: number) => durationBucketHours(h * 3_600_000);
    expect([hours(0), hours(47.99), hours(48), hours(53.99), hours(54), hours(335.9)]).toEqual([0, 47, 48, 48, 54, 330]);
    expect([hours(336), hours(359.9), hours(360), hours(2159)]).toEqual([336, 336, 360, 2136]);
    expect([hours(2160), hours(2327.9), hours(2328), hours(-5)]).toEqual([2160, 2160, 2328, 0]);
    expect([bucketWidthHours(47), bucketWidthHours(48), bucketWidthHours(336), bucketWidthHours(2160)]).toEqual([1, 6, 24, 168]);
  });

  it('gives the only value of a single case, and nothing for no case', () => {
    expect(percentileHours(histogram([[7, 1]]), 0.5)).toBe(8);
    expect(percentileHours(histogram([]), 0.5)).toBeNull();
  });
});
