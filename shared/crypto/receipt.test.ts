import { fromHex } from './bytes';
import { CryptoError } from './crypto-error';
import { dammCheckDigit, formatReceipt, generateReceipt, normalizeReceipt, receiptDigitsFrom, receiptV2From, receiptVersion } from './receipt';
import vectors from './test-vectors.json';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CryptoError ? err.code : String(err);
  }
  return undefined;
}

test('a new receipt is version 2: seven groups of three digits, the last its check digit; receipts differ', () => {
  const receipts = Array.from({ length: 50 }, generateReceipt);
  for (const receipt of receipts) {
    expect(receipt).toMatch(/^\d{3}( \d{3}){6}$/);
    const digits = normalizeReceipt(receipt);
    expect(receiptVersion(digits)).toBe(2);
    expect(dammCheckDigit(digits.slice(0, 20))).toBe(digits[20]);
  }
  expect(new Set(receipts).size).toBe(50);
});

test("Damm's check digit: the published example 572 -> 4, and a valid code checks to 0", () => {
  expect(dammCheckDigit('572')).toBe('4');
  expect(dammCheckDigit('5724')).toBe('0');
  const v = vectors.generated.receiptV2;
  expect(receiptV2From(v.randomDigits)).toBe(v.digits);
  expect(formatReceipt(v.digits)).toBe(v.formatted);
  expect(dammCheckDigit(v.digits)).toBe('0');
});

test('every single mistyped digit and every swap of two different neighbours is refused before any derivation', () => {
  const digits = normalizeReceipt(generateReceipt());
  for (let i = 0; i < digits.length; i++) {
    for (let d = 0; d < 10; d++) {
      if (String(d) === digits[i]) continue;
      const typo = digits.slice(0, i) + String(d) + digits.slice(i + 1);
      expect(codeOf(() => normalizeReceipt(typo))).toBe('bad_receipt');
    }
    if (i + 1 < digits.length && digits[i] !== digits[i + 1]) {
      const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
      expect(codeOf(() => normalizeReceipt(swapped))).toBe('bad_receipt');
    }
  }
});

test('version 1 receipts (20 digits, issued before version 2) are still accepted and say version 1', () => {
  expect(normalizeReceipt('1234 5678 9012 3456 7890')).toBe('12345678901234567890');
  expect(receiptVersion('12345678901234567890')).toBe(1);
  expect(formatReceipt('12345678901234567890')).toBe('1234 5678 9012 3456 7890');
});

test('known answer: bytes 250..255 are skipped, the others give byte mod 10', () => {
  const v = vectors.generated.receipt;
  const bytes = fromHex(v.randomBytes);
  let offset = 0;
  expect(receiptDigitsFrom((n) => bytes.slice(offset, (offset += n)))).toBe(v.digits);
  expect(formatReceipt(v.digits)).toBe(v.formatted);
  const accepted = Array.from(bytes).filter((byte) => byte < 250).slice(0, 20);
  expect(accepted.map((byte) => byte % 10).join('')).toBe(v.digits);
});

test('rejection sampling: a source of only rejected bytes never yields a digit from them', () => {
  let calls = 0;
  const digits = receiptDigitsFrom((n) => {
    calls++;
    return calls < 5 ? new Uint8Array(n).fill(250 + (calls % 6)) : new Uint8Array(n).fill(249);
  });
  expect(digits).toBe('9'.repeat(20));
  expect(calls).toBe(5);
});

test('every digit has exactly 25 of the 256 byte values, and 250..255 are skipped: no modulo bias', () => {
  const preimages = new Array<number>(10).fill(0);
  for (let byte = 0; byte < 256; byte++) {
    let first = true;
    // The first byte offered is `byte`, every later one is 1, so the first digit shows how `byte` was used.
    const digits = receiptDigitsFrom((n) => {
      const out = new Uint8Array(n).fill(1);
      if (first) out[0] = byte;
      first = false;
      return out;
    });
    if (byte >= 250) {
      expect(digits).toBe('1'.repeat(20));
      continue;
    }
    expect(digits[0]).toBe(String(byte % 10));
    preimages[byte % 10]++;
  }
  expect(preimages).toEqual(new Array<number>(10).fill(25));
});

test('digit frequencies over many receipts are flat (catches a stuck or narrowed source)', () => {
  const counts = new Array<number>(10).fill(0);
  // The 20 random digits only: the check digit is a function of them.
  for (let i = 0; i < 2000; i++) for (const digit of normalizeReceipt(generateReceipt()).slice(0, 20)) counts[Number(digit)]++;
  // 40,000 digits, 4,000 expected each, standard deviation about 60.
  for (const count of counts) expect(Math.abs(count - 4000)).toBeLessThan(400);
});

test.each([
  ['12345678901234567890', '12345678901234567890'],
  ['1234 5678 9012 3456 7890', '12345678901234567890'],
  ['1234-5678-9012-3456-7890', '12345678901234567890'],
  ['  1234\u00a05678\u20139012\u20143456\u22127890 ', '12345678901234567890'],
  ['١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦ ٧٨٩٠', '12345678901234567890'],
  ['۱۲۳۴ ۵۶۷۸ ۹۰۱۲ ۳۴۵۶ ۷۸۹۰', '12345678901234567890'],
  ['\u200f١٢٣٤\u200e 5678 ۹۰۱۲ \u2066٣٤٥٦\u2069 7890', '12345678901234567890'],
  ['１２３４５６７８９０１２３４５６７８９０', '12345678901234567890'],
])('normalises %j', (input, expected) => {
  expect(normalizeReceipt(input)).toBe(expected);
});

test.each([
  ['19 digits', '1234567890123456789'],
  ['21 digits whose check digit is wrong', '123456789012345678901'],
  ['22 digits', '1234567890123456789077'],
  ['a letter', '1234 5678 9012 3456 789O'],
  ['a dot', '1234.5678.9012.3456.7890'],
  ['Devanagari digits', '१२३४५६७८९०१२३४५६७८९०'],
  ['empty', ''],
  ['far too long', '1'.repeat(201)],
])('refuses %s', (_label, input) => {
  expect(codeOf(() => normalizeReceipt(input))).toBe('bad_receipt');
});

test('formatReceipt accepts only 20 ASCII digits or 21 with their check digit', () => {
  expect(formatReceipt('00001111222233334444')).toBe('0000 1111 2222 3333 4444');
  expect(formatReceipt('000011112222333344445')).toBe('000 011 112 222 333 344 445');
  expect(codeOf(() => formatReceipt('000011112222333344446'))).toBe('bad_receipt');
  expect(codeOf(() => formatReceipt('0000 1111 2222 3333 4444'))).toBe('bad_receipt');
  expect(codeOf(() => formatReceipt('٠٠٠٠١١١١٢٢٢٢٣٣٣٣٤٤٤٤'))).toBe('bad_receipt');
});
