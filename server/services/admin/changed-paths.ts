/**
 * What an administrator's change touched, as dotted paths ("texts.home.fr",
 * "questionnaire.3.label.ar"), for the audit log and the settings history. Paths only:
 * the texts themselves never reach the log, since a free text could name someone.
 */
import type { Json } from '../../ports/store.port';

/** an audit entry stays small whatever was edited */
export const MAX_PATHS = 100;

function walk(before: Json | undefined, after: Json | undefined, path: string, out: string[]): void {
  if (out.length > MAX_PATHS) return;
  const bothObjects = typeof before === 'object' && before !== null && typeof after === 'object' && after !== null;
  if (bothObjects && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort(byKey)) {
      const b = (before as Record<string, Json>)[key];
      const a = (after as Record<string, Json>)[key];
      walk(b, a, path === '' ? key : `${path}.${key}`, out);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push(path === '' ? '.' : path);
}

/** numeric keys in numeric order, so "questionnaire.10" follows "questionnaire.9" */
function byKey(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function changedPaths(before: Json | undefined, after: Json | undefined): string[] {
  const out: string[] = [];
  walk(before, after, '', out);
  return out.length > MAX_PATHS ? [...out.slice(0, MAX_PATHS), '…'] : out;
}
