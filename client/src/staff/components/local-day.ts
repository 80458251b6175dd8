/**
 * Dates picked in an <input type="date"> are days on the staff member's own calendar:
 * a day starts at local midnight, which is what routing compares with (absences are
 * the half-open range [from, until)).
 */

/** "YYYY-MM-DD" of the local day an instant falls on; "" for none */
export const localDay = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleDateString('sv-SE') : '');

/** the instant local day `day` (+ `plusDays`) starts, as ISO */
export function startOfLocalDay(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
}
