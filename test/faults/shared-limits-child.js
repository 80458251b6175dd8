/**
 * One API process for shared-limits.test.ts: the real app on the SQLite file and secrets of
 * the DATA_DIR given, listening on a free local port, with limits low enough to reach. It
 * loads the server from source (TypeScript stripped by @swc/core, as jest does), prints
 * {"port": N} once listening and runs until it is sent SIGTERM.
 */
const fs = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { buildConfig, parseEnv } = require('../../config/index.ts');
const { openSqliteStore } = require('../../server/adapters/sqlite/sqlite.store.ts');
const { DiskBlobStore } = require('../../server/adapters/disk/disk.blob.ts');
const { createApp } = require('../../server/app.ts');
const { silentLogger } = require('../../server/logger.ts');
const { buildApi } = require('../../server/routes/index.ts');

const RELAXED = { max: 100000, windowMs: 60000 };

async function main() {
  const [dir, globalMax] = process.argv.slice(2);
  const config = buildConfig(parseEnv({ DATA_DIR: dir, POW_DIFFICULTY: '4', PUBLIC_URL: 'https://amana.commune.example' }));
  const store = await openSqliteStore(config.paths.sqlite, silentLogger);
  const jobs = { kind: 'outbox', start: async () => {}, wake: () => {}, ping: async () => {}, stop: async () => {} };
  const api = buildApi(
    { config, logger: silentLogger, store, blobs: new DiskBlobStore(config.paths.blobs), jobs },
    {
      rateLimits: {
        read: RELAXED, pow: RELAXED, submit: RELAXED, attachmentCreate: RELAXED, attachmentUpload: RELAXED,
        session: RELAXED, reporterRead: RELAXED, reporterWrite: RELAXED, sessionFailures: RELAXED,
        sessionFailuresGlobal: { max: Number(globalMax), windowMs: 15 * 60000 }, failureDelayMs: 50,
      },
    },
    { limits: { requests: RELAXED, attempts: RELAXED, failures: RELAXED } },
  );
  const app = createApp({ config, logger: silentLogger, probes: [], api });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
  process.on('SIGTERM', () => {
    server.close();
    store.close().finally(() => process.exit(0));
  });
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
