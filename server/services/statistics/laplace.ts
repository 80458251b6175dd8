/**
 * The Laplace mechanism for the public transparency page. A count to which one case adds
 * at most `sensitivity` gets noise drawn from Laplace(0, sensitivity / epsilon), so the
 * published figure is about as likely with or without any one case (epsilon-differential
 * privacy). Rounding and clamping at zero come after the noise and, being post-processing,
 * cost no privacy.
 *
 * Uniform draws come from the operating system's CSPRNG (53 random bits, never 0 or 1),
 * not Math.random: a predictable generator would let someone subtract the noise.
 * The output is rounded to an integer, which also hides the low-order bits of the
 * floating-point sample that a float-level attack (Mironov, 2012) would read.
 */
import { randomBytes } from 'node:crypto';

const TWO_POW_53 = 2 ** 53;

/** uniform in the open interval (0, 1) */
export function uniformOpen(): number {
  const bytes = randomBytes(8);
  // 53 bits, the precision of a double; +0.5 keeps the result strictly inside (0, 1).
  const high = bytes.readUInt32BE(0) >>> 11;
  const low = bytes.readUInt32BE(4);
  return (high * 2 ** 32 + low + 0.5) / TWO_POW_53;
}

/** one draw of Laplace(0, scale) by inverting its distribution function */
export function laplace(scale: number): number {
  if (!(scale > 0)) throw new Error('the Laplace scale must be positive');
  const u = uniformOpen() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/** a true count with noise of scale sensitivity/epsilon, rounded; may be negative */
export function noisyValue(trueCount: number, epsilon: number, sensitivity = 1): number {
  return Math.round(trueCount + laplace(sensitivity / epsilon));
}

/**
 * What may be shown of a noisy count: never below 0. Sums of several noisy counts are made
 * before this clamp, since clamping each part first would add up its upward bias.
 */
export const publishable = (noisy: number): number => Math.max(0, noisy);

/** a single published count: noisy, rounded, at least 0 */
export function noisyCount(trueCount: number, epsilon: number, sensitivity = 1): number {
  return publishable(noisyValue(trueCount, epsilon, sensitivity));
}
