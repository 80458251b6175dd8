import { contrastRatio } from './contrast';

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#0b5c4b', '#0b5c4b')).toBeCloseTo(1, 5);
  });
  it('puts the default accent above 4.5:1 against white and a light yellow below it', () => {
    expect(contrastRatio('#0b5c4b', '#ffffff')!).toBeGreaterThan(4.5);
    expect(contrastRatio('#f0c000', '#ffffff')!).toBeLessThan(4.5);
    // #767676 is the classic grey just at the 4.5:1 limit on white.
    expect(contrastRatio('#767676', '#ffffff')!).toBeCloseTo(4.54, 2);
  });
  it('refuses what is not #rrggbb', () => {
    expect(contrastRatio('red', '#ffffff')).toBeNull();
    expect(contrastRatio('#fff', '#ffffff')).toBeNull();
  });
});
