import { fromHex, toHex } from './bytes';
import { CryptoError } from './crypto-error';
import { leadingZeroBits, powInput, solvePow, verifyPow } from './proof-of-work';
import vectors from './test-vectors.json';

const challenge = fromHex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
}

test('WebCrypto SHA-256 matches FIPS 180-2 ("abc")', async () => {
  const v = vectors.published.sha256[0];
  expect(toHex(await sha256(fromHex(v.message)))).toBe(v.output);
});

test('leading zero bits', () => {
  expect(leadingZeroBits(Uint8Array.of(0x80))).toBe(0);
  expect(leadingZeroBits(Uint8Array.of(0x00, 0x01))).toBe(15);
  expect(leadingZeroBits(Uint8Array.of(0x00, 0x00, 0x10))).toBe(19);
  expect(leadingZeroBits(new Uint8Array(4))).toBe(32);
});

test('the hashed bytes are challenge ‖ uint64 big-endian nonce', () => {
  expect(toHex(powInput(Uint8Array.of(0xaa), 0x0102030405060708n))).toBe('aa0102030405060708');
  expect(toHex(powInput(Uint8Array.of(0xaa), (1n << 64n) - 1n))).toBe(`aa${'ff'.repeat(8)}`);
});

test('known answer: the smallest nonce for difficulty 12', async () => {
  const v = vectors.generated.pow;
  expect(await solvePow(fromHex(v.challenge), v.difficultyBits)).toBe(v.nonce);
  const digest = await sha256(powInput(fromHex(v.challenge), BigInt(v.nonce)));
  expect(toHex(digest)).toBe(v.sha256);
  expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(12);
});

test.each([1, 7, 16])('solve then verify at difficulty %i; batching does not change the answer', async (bits) => {
  const nonce = await solvePow(challenge, bits);
  expect(await verifyPow(challenge, nonce, bits)).toBe(true);
  expect(await solvePow(challenge, bits, { batchSize: 3 })).toBe(nonce);
  expect(leadingZeroBits(await sha256(powInput(challenge, BigInt(nonce))))).toBeGreaterThanOrEqual(bits);
});

test('verify rejects wrong, malformed and out-of-range nonces', async () => {
  const bits = 12;
  const nonce = await solvePow(challenge, bits);
  // Every smaller nonce failed the search, so each one must fail verification too.
  for (let n = 0; n < Number(nonce); n += Math.max(1, Math.floor(Number(nonce) / 50))) {
    expect(await verifyPow(challenge, String(n), bits)).toBe(false);
  }
  // The same nonce is (almost always) worthless for another challenge.
  const other = challenge.slice();
  do other[31]++; while (leadingZeroBits(await sha256(powInput(other, BigInt(nonce)))) >= bits);
  expect(await verifyPow(other, nonce, bits)).toBe(false);
  for (const malformed of ['', '-1', '01', '1e3', ' 1', '1.0', '0x10', '18446744073709551616', '99999999999999999999']) {
    expect(await verifyPow(challenge, malformed, 0)).toBe(false);
  }
  expect(await verifyPow(challenge, '18446744073709551615', 0)).toBe(true);
});

test('a difficulty the nonce does not meet is rejected', async () => {
  const nonce = await solvePow(challenge, 8);
  const zeros = leadingZeroBits(await sha256(powInput(challenge, BigInt(nonce))));
  expect(await verifyPow(challenge, nonce, zeros)).toBe(true);
  expect(await verifyPow(challenge, nonce, zeros + 1)).toBe(false);
});

test('bad challenges and difficulties are refused; a search can be aborted', async () => {
  await expect(solvePow(new Uint8Array(8), 4)).rejects.toBeInstanceOf(CryptoError);
  await expect(verifyPow(challenge, '0', 65)).rejects.toMatchObject({ code: 'bad_params' });
  await expect(verifyPow(challenge, '0', 1.5)).rejects.toMatchObject({ code: 'bad_params' });
  const controller = new AbortController();
  controller.abort(new Error('left the page'));
  await expect(solvePow(challenge, 30, { signal: controller.signal })).rejects.toThrow('left the page');
});
