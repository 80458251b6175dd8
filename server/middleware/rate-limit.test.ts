import { FixedWindow } from './rate-limit';

describe('FixedWindow', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('allows max hits per window, then says how long to wait', () => {
    const window = new FixedWindow({ max: 2, windowMs: 10_000 }, clock);
    expect(window.hit('a')).toBe(0);
    expect(window.exhausted('a')).toBe(0);
    expect(window.hit('a')).toBe(0);
    expect(window.exhausted('a')).toBe(10);
    now += 4_500;
    expect(window.hit('a')).toBe(6);
    expect(window.hit('b')).toBe(0);
  });

  it('starts a fresh window once the old one has passed', () => {
    const window = new FixedWindow({ max: 1, windowMs: 1_000 }, clock);
    window.hit('a');
    expect(window.hit('a')).toBe(1);
    now += 1_000;
    expect(window.exhausted('a')).toBe(0);
    expect(window.hit('a')).toBe(0);
  });

  it('forgets clients whose window has passed, so nothing outlives its window', () => {
    const window = new FixedWindow({ max: 5, windowMs: 1_000 }, clock);
    for (const key of ['a', 'b', 'c']) window.hit(key);
    expect(window.size).toBe(3);
    now += 1_001;
    window.hit('d');
    expect(window.size).toBe(1);
  });
});
