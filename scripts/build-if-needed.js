#!/usr/bin/env node
/**
 * Builds the server (tsc) and the client (vite) when their sources are newer than the
 * last build, so `npm start` works on a fresh clone and starts fast once built.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const skip = new Set(['node_modules', 'dist', 'data', '.git']);

function newest(dirs) {
  let latest = 0;
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else latest = Math.max(latest, statSync(full).mtimeMs);
    }
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
    const full = path.join(root, f);
    if (existsSync(full)) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

function stale(stamp, dirs) {
  const file = path.join(root, 'dist', stamp);
  return !existsSync(file) || statSync(file).mtimeMs < newest(dirs);
}

function touch(stamp) {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, 'dist', stamp), new Date().toISOString());
}

// A build started from jest inherits NODE_ENV=test, and Vite would then bundle React's
// development build; what `npm start` serves must be the production build.
const run = (script) =>
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });

if (stale('.server-built', ['config', 'server', 'worker', 'shared', 'bench'])) {
  process.stdout.write('Building the server...\n');
  run('build:server');
  touch('.server-built');
}
if (stale('.client-built', ['client', 'shared'])) {
  process.stdout.write('Building the client...\n');
  run('build:client');
  touch('.client-built');
}
