/**
 * The receipt code: the reporter's only credential. 20 decimal digits drawn uniformly from the
 * CSPRNG (log2(10^20) = 66.4 bits). Version 2 codes (issued now) append one Damm check digit,
 * 21 digits shown as seven groups of three: the length tells the follow-up page which key
 * derivation the code needs (20 digits: version 1, Argon2id; 21: version 2, PBKDF2), so it never
 * has to ask the server or spend an attempt finding out, and the check digit catches every
 * single mistyped digit and every swap of two neighbours on the page, before any sign-in
 * attempt is counted. It adds no entropy; the 20 random digits carry it.
 * Reporters type it back on any keyboard, so normalisation accepts Arabic-Indic and Persian
 * digits, spaces, dashes and the invisible direction marks that copying from RTL text adds.
 */
import { CryptoError } from './crypto-error';
import { randomBytes } from './csprng';

/** Random digits in every receipt (66.4 bits). */
export const RECEIPT_DIGITS = 20;
/** Digits of a version 2 receipt: the random ones and the Damm check digit. */
export const RECEIPT_V2_DIGITS = RECEIPT_DIGITS + 1;

export type ReceiptVersion = 1 | 2;

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

// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004): a check digit that
// detects every single-digit error and every adjacent transposition.
const DAMM = [
  '0317598642', '7092154863', '4206871359', '1750983426', '6123045978',
  '3674209581', '5869720134', '8945362017', '9438617205', '2581436790',
].map((row) => Array.from(row, Number));

/** The Damm check digit of a string of ASCII digits. */
export function dammCheckDigit(digits: string): string {
  let interim = 0;
  for (const char of digits) interim = DAMM[interim][char.charCodeAt(0) - 0x30];
  return String(interim);
}

/** A version 2 receipt from 20 random digits: the digits and their check digit. */
export function receiptV2From(randomDigits: string): string {
  if (!/^[0-9]{20}$/.test(randomDigits)) throw new CryptoError('bad_receipt', 'a receipt has 20 random digits');
  return randomDigits + dammCheckDigit(randomDigits);
}

/** A new (version 2) receipt, formatted for display: "123 456 789 012 345 678 901". */
export function generateReceipt(): string {
  return formatReceipt(receiptV2From(receiptDigitsFrom(randomBytes)));
}

/** Which derivation a normalised receipt needs: its length says it. */
export function receiptVersion(digits: string): ReceiptVersion {
  if (/^[0-9]{20}$/.test(digits)) return 1;
  if (/^[0-9]{21}$/.test(digits) && dammCheckDigit(digits) === '0') return 2;
  throw new CryptoError('bad_receipt', 'not a normalised receipt');
}

/** Version 1 (20 digits) in five groups of four, version 2 (21 digits) in seven groups of three. */
export function formatReceipt(digits: string): string {
  const group = receiptVersion(digits) === 1 ? /(\d{4})(?=\d)/g : /(\d{3})(?=\d)/g;
  return digits.replace(group, '$1 ');
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

/**
 * The ASCII digits of a receipt typed in any accepted form: 20 (version 1) or 21 with a valid
 * check digit (version 2). Anything else is CryptoError 'bad_receipt'.
 */
export function normalizeReceipt(input: string): string {
  if (typeof input !== 'string' || input.length > 200) throw new CryptoError('bad_receipt', 'not a receipt');
  let digits = '';
  for (const char of input) {
    const codePoint = char.codePointAt(0) ?? -1;
    const value = digitValue(codePoint);
    if (value !== undefined) digits += String(value);
    else if (!IGNORED.has(codePoint)) throw new CryptoError('bad_receipt', 'a receipt contains only digits, spaces and dashes');
  }
  if (digits.length !== RECEIPT_DIGITS && digits.length !== RECEIPT_V2_DIGITS) {
    throw new CryptoError('bad_receipt', `a receipt has ${RECEIPT_V2_DIGITS} digits (${RECEIPT_DIGITS} if issued before version 2)`);
  }
  // A mistyped version 2 code is refused here, so it never costs a sign-in attempt.
  if (digits.length === RECEIPT_V2_DIGITS && dammCheckDigit(digits) !== '0') {
    throw new CryptoError('bad_receipt', 'the check digit does not match: a digit was mistyped');
  }
  return digits;
}
