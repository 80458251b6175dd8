/**
 * Rules a reviewer would otherwise have to re-check by hand on every change:
 * only config/env.ts reads process.env; no `any`; nothing prints with console.* in the
 * server, worker or shared code (logs go through the allow-list logger).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const productionDirs = ['config', 'server', 'worker', 'shared'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const files = productionDirs.flatMap((d) => sources(path.join(root, d)));
const rel = (f: string) => path.relative(root, f);

describe('code hygiene', () => {
  it('finds the production sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('reads process.env only in config/env.ts', () => {
    const offenders = files.filter((f) => rel(f) !== path.join('config', 'env.ts') && /process\.env\b/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('has no explicit any', () => {
    const offenders = files.filter((f) => /(:\s*any\b|as any\b|<any>)/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('does not print with console in server, worker or shared code', () => {
    const offenders = files.filter((f) => /\bconsole\.(log|info|warn|error|debug)\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel)).toEqual([]);
  });
});
