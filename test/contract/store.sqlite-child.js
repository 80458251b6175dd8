/**
 * A second process on the same SQLite file, for the cross-process test in
 * store.sqlite.test.ts. It loads the real adapter from source (TypeScript stripped by
 * @swc/core, as jest does), waits at a barrier until every process has opened the store
 * (whatever their start-up time on a busy machine), then claims outbox jobs, appends audit
 * entries and claims markers, and prints what it got as JSON.
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

const { openSqliteStore } = require('../../server/adapters/sqlite/sqlite.store.ts');
const { silentLogger } = require('../../server/logger.ts');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const [file, label, everyone, markerCount] = process.argv.slice(2);
  const store = await openSqliteStore(file, silentLogger);
  await store.markers.claim(`ready:${label}`, new Date());
  const labels = everyone.split(',');
  for (;;) {
    const ready = await Promise.all(labels.map((other) => store.markers.has(`ready:${other}`)));
    if (ready.every(Boolean)) break;
    await sleep(2);
  }
  const claimed = [];
  const markers = [];
  let appended = 0;
  for (;;) {
    const jobs = await store.outbox.claim(new Date(), 3, 60_000);
    if (jobs.length === 0) break;
    claimed.push(...jobs.map((job) => job.id));
    await store.audit.append({ at: new Date(), actorId: label, action: 'test.claim', caseId: null, detail: { jobs: jobs.length } });
    appended += 1;
    // A pause between batches lets the other processes' claims land in between.
    await sleep(1);
  }
  for (let i = 0; i < Number(markerCount); i += 1) {
    if (await store.markers.claim(`marker-${i}`, new Date())) markers.push(i);
  }
  await store.close();
  process.stdout.write(JSON.stringify({ claimed, markers, appended }));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
