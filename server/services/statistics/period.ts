/**
 * Statistics periods are whole calendar months (UTC), as the counters are kept per month.
 * `from` is the first month included, `to` the first month after the period.
 */
import { ValidationFailed } from '../../errors';

export interface Period {
  from: Date;
  to: Date;
}

/** the longest period one request may ask for */
export const MAX_PERIOD_MONTHS = 120;

export function monthStart(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1));
}

export function parseMonth(text: string): Date {
  const [year, month] = text.split('-').map(Number);
  return monthStart(year ?? 0, (month ?? 1) - 1);
}

export function addMonths(date: Date, months: number): Date {
  return monthStart(date.getUTCFullYear(), date.getUTCMonth() + months);
}

export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  for (let m = from; m < to; m = addMonths(m, 1)) months.push(m.toISOString().slice(0, 7));
  return months;
}

/** The 12 months up to and including the current one unless the request names its own. */
export function periodOf(query: { from?: string; to?: string }, now: Date): Period {
  const current = monthStart(now.getUTCFullYear(), now.getUTCMonth());
  const to = query.to ? addMonths(parseMonth(query.to), 1) : addMonths(current, 1);
  const from = query.from ? parseMonth(query.from) : addMonths(to, -12);
  if (from >= to) throw ValidationFailed('from', 'must be a month before or equal to `to`');
  if (monthsBetween(from, to).length > MAX_PERIOD_MONTHS) throw ValidationFailed('from', `the period may cover at most ${MAX_PERIOD_MONTHS} months`);
  return { from, to };
}

export function yearPeriod(year: number): Period {
  return { from: monthStart(year, 0), to: monthStart(year + 1, 0) };
}

/** the period as the API shows it: first and last month included */
export function periodLabel(period: Period): { from: string; to: string } {
  return { from: period.from.toISOString().slice(0, 7), to: addMonths(period.to, -1).toISOString().slice(0, 7) };
}
