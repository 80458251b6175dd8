/**
 * CSV lines (RFC 4180) for the statistics exports. A field a spreadsheet would take for a
 * formula (=, +, -, @ at the start; channel names are typed by administrators) is
 * prefixed with an apostrophe, so opening an export never runs anything.
 */
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** lines joined with CRLF; a byte-order mark so spreadsheet software reads Arabic as UTF-8 */
export function csvDocument(rows: (string | number | null)[][]): string {
  return `\ufeff${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
