/**
 * The receipt code: the reporter's only credential. 20 decimal digits drawn uniformly from the
 * CSPRNG (log2(10^20) = 66.4 bits), shown as five groups of four. No check digit: it would
 * add no entropy and break the 4×5 grouping; a mistyped code simply fails to log in.
 * Reporters type it back on any keyboard, so normalisation accepts Arabic-Indic and Persian
 * digits, spaces, dashes and the invisible direction marks that copying from RTL text adds.
 */
import { CryptoError } from './crypto-error';
import { randomBytes } from './csprng';

export const RECEIPT_DIGITS = 20;

// 250 = 25 × 10: bytes 0..249 map to digits without bias, 250..255 are drawn again.
const REJECT_FROM = 250;

/** Draws digits from `random` (the CSPRNG in production; fixed bytes in the known-answer test). */
export function receiptDigitsFrom(random: (length: number) => Uint8Array): string {
  let digits = '';
  while (digits.length < RECEIPT_DIGITS) {
    for (const byte of random(RECEIPT_DIGITS - digits.length + 4)) {
      if (byte >= REJECT_FROM) continue;
      digits += String(byte % 10);
      if (digits.length === RECEIPT_DIGITS) break;
    }
  }
  return digits;
}

/** A new receipt, formatted for display: "1234 5678 9012 3456 7890". */
export function generateReceipt(): string {
  return formatReceipt(receiptDigitsFrom(randomBytes));
}

export function formatReceipt(digits: string): string {
  if (!/^[0-9]{20}$/.test(digits)) throw new CryptoError('bad_receipt', 'a receipt is 20 ASCII digits');
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

const IGNORED = new Set<number>([
  // spaces: ASCII, tab, no-break, narrow no-break, thin, figure, ideographic
  0x20, 0x09, 0xa0, 0x202f, 0x2009, 0x2007, 0x3000,
  // dashes: hyphen-minus, hyphen, non-breaking hyphen, figure dash, en, em, minus, small and fullwidth hyphen-minus
  0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212, 0xfe63, 0xff0d,
  // direction marks and isolates that RTL copy and paste inserts: LRM, RLM, ALM, LRE..RLO, LRI..PDI
  0x200e, 0x200f, 0x061c, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

// Zero of each digit script we accept: ASCII, Arabic-Indic (U+0660), Extended Arabic-Indic
// (Persian, Urdu: U+06F0), fullwidth (U+FF10).
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0xff10];

function digitValue(codePoint: number): number | undefined {
  for (const zero of DIGIT_ZEROS) {
    if (codePoint >= zero && codePoint <= zero + 9) return codePoint - zero;
  }
  return undefined;
}

/** The 20 ASCII digits of a receipt typed in any accepted form, or CryptoError 'bad_receipt'. */
export function normalizeReceipt(input: string): string {
  if (typeof input !== 'string' || input.length > 200) throw new CryptoError('bad_receipt', 'not a receipt');
  let digits = '';
  for (const char of input) {
    const codePoint = char.codePointAt(0) ?? -1;
    const value = digitValue(codePoint);
    if (value !== undefined) digits += String(value);
    else if (!IGNORED.has(codePoint)) throw new CryptoError('bad_receipt', 'a receipt contains only digits, spaces and dashes');
  }
  if (digits.length !== RECEIPT_DIGITS) throw new CryptoError('bad_receipt', `a receipt has ${RECEIPT_DIGITS} digits`);
  return digits;
}
