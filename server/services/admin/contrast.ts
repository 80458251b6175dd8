/**
 * WCAG 2.x contrast ratio of a colour against white: the accent colour carries white text
 * (buttons, the follow-up banner), so it must reach 4.5:1 for normal text (WCAG AA 1.4.3).
 */
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** `hex` is #rrggbb (the wire schema checks the form) */
export function contrastWithWhite(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const luminance = 0.2126 * channel((n >> 16) & 0xff) + 0.7152 * channel((n >> 8) & 0xff) + 0.0722 * channel(n & 0xff);
  return 1.05 / (luminance + 0.05);
}
