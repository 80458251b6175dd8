import { CryptoError } from './crypto-error';
import { isPaddedLength, pad, paddedLength, padTo, unpad, unpadFixed } from './padding';
import vectors from './test-vectors.json';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CryptoError ? err.code : String(err);
  }
  return undefined;
}

test.each(vectors.generated.padding)('length $length pads to $paddedLength', ({ length, paddedLength: expected }) => {
  expect(paddedLength(length)).toBe(expected);
  const padded = pad(new Uint8Array(length).fill(0x80));
  expect(padded.length).toBe(expected);
  expect(padded[length]).toBe(0x80);
  expect(padded.subarray(length + 1).every((byte) => byte === 0)).toBe(true);
  expect(unpad(padded)).toEqual(new Uint8Array(length).fill(0x80));
});

test('buckets: powers of two from 256 up to 64 KiB, then multiples of 64 KiB', () => {
  expect([255, 256, 511, 512, 65535, 65536, 131071, 131072].map(paddedLength)).toEqual([256, 512, 512, 1024, 65536, 131072, 131072, 196608]);
  for (let n = 0; n < 300000; n += 997) {
    const bucket = paddedLength(n);
    expect(bucket).toBeGreaterThan(n);
    expect(isPaddedLength(bucket)).toBe(true);
  }
  expect([0, 255, 257, 384, 65537, 98304].map(isPaddedLength)).toEqual([false, false, false, false, false, false]);
});

test('unpad is strict: missing marker, junk after it, over-long padding, bad bucket', () => {
  expect(codeOf(() => unpad(new Uint8Array(256)))).toBe('bad_padding');
  const junk = pad(new Uint8Array(10));
  junk[200] = 1;
  expect(codeOf(() => unpad(junk))).toBe('bad_padding');
  const overLong = new Uint8Array(512);
  overLong[10] = 0x80; // 10 bytes belong in a 256-byte bucket
  expect(codeOf(() => unpad(overLong))).toBe('bad_padding');
  expect(codeOf(() => unpad(new Uint8Array(300)))).toBe('bad_padding');
});

test('fixed-size padding of the last STREAM chunk', () => {
  const padded = padTo(Uint8Array.of(1, 2, 0), 8);
  expect(Array.from(padded)).toEqual([1, 2, 0, 0x80, 0, 0, 0, 0]);
  expect(Array.from(unpadFixed(padded))).toEqual([1, 2, 0]);
  expect(codeOf(() => padTo(new Uint8Array(8), 8))).toBe('bad_length');
  expect(codeOf(() => unpadFixed(new Uint8Array(8)))).toBe('bad_padding');
});
