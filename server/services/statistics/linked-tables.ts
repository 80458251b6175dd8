/**
 * Suppression across tables that publish the same number in several places: the channel
 * totals shared by every "received" table, or a channel's count of a month, which the
 * deadline table of that month splits into met, missed and pending. Each such entry must
 * carry the same mark everywhere, or one table would show what another hides. Tables are
 * suppressed with the marks the others gave their linked entries until nothing changes;
 * marks only ever grow, so this ends.
 */
import type { StatTable } from '../../../shared/api/statistics.schema';
import { MARK_ORDER, present, suppressionMarks, type CountTable, type Mark } from './suppress';

/** an entry of a table's extended grid: row R holds the column totals, column C the row totals */
export interface EntryRef {
  table: string;
  row: number;
  col: number;
}
export type Link = [EntryRef, EntryRef];

const keyOf = (ref: EntryRef): string => `${ref.row},${ref.col}`;
const stronger = (a: Mark, b: Mark): Mark => (MARK_ORDER.indexOf(a) >= MARK_ORDER.indexOf(b) ? a : b);

/** row totals and grand total of two tables over the same rows */
export function sameTotals(a: string, b: string, tables: Record<string, CountTable>): Link[] {
  const ta = tables[a];
  const tb = tables[b];
  if (!ta || !tb) return [];
  const R = ta.rows.length;
  return Array.from({ length: R + 1 }, (_, i): Link => [{ table: a, row: i, col: ta.cols.length }, { table: b, row: i, col: tb.cols.length }]);
}

export function suppressLinkedTables<K extends string>(tables: Record<K, CountTable>, links: Link[], k: number): Record<K, StatTable> {
  const names = Object.keys(tables) as K[];
  const forced = new Map<string, Map<string, Mark>>(names.map((name) => [name, new Map()]));
  for (;;) {
    const results = new Map(names.map((name) => [name, suppressionMarks(tables[name], k, { forced: forced.get(name) })]));
    const markAt = (ref: EntryRef): Mark => results.get(ref.table as K)?.marks[ref.row]?.[ref.col] ?? 'shown';
    let changed = false;
    for (const [a, b] of links) {
      const mark = stronger(markAt(a), markAt(b));
      for (const ref of [a, b]) {
        const table = forced.get(ref.table);
        if (!table || markAt(ref) === mark || table.get(keyOf(ref)) === mark) continue;
        table.set(keyOf(ref), mark);
        changed = true;
      }
    }
    if (!changed) {
      // Object.fromEntries loses the key type; the keys are those of `tables`.
      return Object.fromEntries(names.map((name) => {
        const { values, marks } = results.get(name) as ReturnType<typeof suppressionMarks>;
        return [name, present(tables[name], values, marks)];
      })) as Record<K, StatTable>;
    }
  }
}

/** Tables over the same rows whose row totals and grand total are the same numbers. */
export function suppressLinked<K extends string>(tables: Record<K, CountTable>, k: number): Record<K, StatTable> {
  const [first, ...others] = Object.keys(tables) as K[];
  const links = first === undefined ? [] : others.flatMap((other) => sameTotals(first, other, tables));
  return suppressLinkedTables(tables, links, k);
}
