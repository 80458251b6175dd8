import { laplace, noisyCount, uniformOpen } from './laplace';

const DRAWS = 20_000;

describe('Laplace mechanism', () => {
  it.each([0.1, 0.5, 1, 2])('has mean about 0 and mean absolute deviation 1/epsilon over 20,000 draws (epsilon %p)', (epsilon) => {
    const scale = 1 / epsilon;
    let sum = 0;
    let absolute = 0;
    for (let i = 0; i < DRAWS; i += 1) {
      const x = laplace(scale);
      sum += x;
      absolute += Math.abs(x);
    }
    // |X| is exponential with mean `scale`: the standard error of its mean is scale/sqrt(n) = 0.7%.
    expect(Math.abs(absolute / DRAWS / scale - 1)).toBeLessThan(0.03);
    // X has standard deviation scale*sqrt(2): the standard error of the mean is 1% of the scale.
    expect(Math.abs(sum / DRAWS)).toBeLessThan(0.05 * scale);
  });

  it('draws uniforms strictly inside (0, 1), spread evenly', () => {
    const bins = Array<number>(10).fill(0);
    for (let i = 0; i < DRAWS; i += 1) {
      const u = uniformOpen();
      expect(u > 0 && u < 1).toBe(true);
      bins[Math.floor(u * 10)] = (bins[Math.floor(u * 10)] ?? 0) + 1;
    }
    for (const count of bins) expect(Math.abs(count - DRAWS / 10)).toBeLessThan(DRAWS / 10 * 0.1);
  });

  it('publishes whole numbers, never negative, centred on the true count', () => {
    const values = Array.from({ length: DRAWS }, () => noisyCount(100, 1));
    expect(values.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / DRAWS;
    expect(Math.abs(mean - 100)).toBeLessThan(0.1);
    expect(Array.from({ length: 200 }, () => noisyCount(0, 0.5)).every((v) => v >= 0)).toBe(true);
  });

  it('refuses a scale that is not positive', () => {
    expect(() => laplace(0)).toThrow();
    expect(() => laplace(Number.NaN)).toThrow();
  });
});
