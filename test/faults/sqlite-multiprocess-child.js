/**
 * One of several processes writing through the real SQLite store at once, for
 * sqlite-multiprocess.test.ts. It loads the adapter from source (TypeScript stripped by
 * @swc/core, as jest does), waits at a barrier until every process has opened the file, then
 * runs a fixed number of rounds of the writes the API and the worker make: a case with its
 * job, a status change (read then write), a reporter message, an outbox claim and its
 * completion, a staff session's life, an audit entry and a setting. Every SQLITE_BUSY is
 * counted (and the round goes on), anything else fails the process. Prints JSON.
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

const { randomUUID } = require('node:crypto');
const { openSqliteStore } = require('../../server/adapters/sqlite/sqlite.store.ts');
const { silentLogger } = require('../../server/logger.ts');
const { newCaseInput, newChannel, newEvent, newJob, newMessage, newStaff } = require('../support/factories.ts');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const [file, label, everyone, roundsText] = process.argv.slice(2);
  const rounds = Number(roundsText);
  const store = await openSqliteStore(file, silentLogger);
  const channel = newChannel();
  await store.channels.upsert(channel);
  const staff = await store.staff.create(newStaff());
  await store.markers.claim(`ready:${label}`, new Date());
  const labels = everyone.split(',');
  for (;;) {
    const ready = await Promise.all(labels.map((other) => store.markers.has(`ready:${other}`)));
    if (ready.every(Boolean)) break;
    await sleep(2);
  }

  const result = { label, busy: 0, busyMessages: [], writes: 0, cases: [], messages: 0, completed: [], sessions: 0, audit: 0, settings: 0 };
  async function write(fn) {
    try {
      const value = await fn();
      result.writes += 1;
      return { ok: true, value };
    } catch (err) {
      if (err && typeof err.code === 'string' && err.code.startsWith('SQLITE_BUSY')) {
        result.busy += 1;
        if (result.busyMessages.length < 5) result.busyMessages.push(`${err.code}: ${err.message}`);
        return { ok: false, value: undefined };
      }
      throw err;
    }
  }

  for (let round = 0; round < rounds; round += 1) {
    const input = newCaseInput({ case: { channelId: channel.id }, jobs: [newJob({ runAt: new Date(Date.now() - 1000) })] });
    const created = (await write(() => store.cases.create(input))).value;
    if (created) result.cases.push(created.id);
    const caseId = created ? created.id : result.cases[result.cases.length - 1];
    if (caseId) {
      // The status change reads the case, then writes it, its event and a job.
      await write(() =>
        store.cases.update(caseId, { status: 'acknowledged', acknowledgedAt: new Date() },
          newEvent({ kind: 'status', detail: { status: 'acknowledged' } }), [newJob({ runAt: new Date(Date.now() - 1000) })]),
      );
      if ((await write(() => store.messages.add(newMessage(caseId), [newJob({ runAt: new Date(Date.now() - 1000) })]))).ok) {
        result.messages += 1;
      }
    }
    const claimed = (await write(() => store.outbox.claim(new Date(), 2, 60_000))).value ?? [];
    for (const job of claimed) {
      if ((await write(() => store.outbox.complete(job.id, new Date()))).ok) result.completed.push(job.id);
    }
    const tokenHash = randomUUID().replace(/-/g, '').padEnd(64, '0');
    const now = new Date();
    if ((await write(() => store.sessions.create({ tokenHash, staffId: staff.id, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000) }))).ok) {
      result.sessions += 1;
      await write(() => store.sessions.touch(tokenHash, new Date()));
      await write(() => store.sessions.delete(tokenHash));
    }
    // The staff update reads the row, then writes it.
    await write(() => store.staff.update(staff.id, { displayName: `${label} ${round}` }));
    if ((await write(() => store.audit.append({ at: new Date(), actorId: label, action: 'test.stress', caseId: null, detail: { round } }))).ok) {
      result.audit += 1;
    }
    if ((await write(() => store.settings.putIfAbsent(`stress.${round % 7}`, { by: label }, new Date()))).ok) {
      result.settings += 1;
    }
  }
  await store.close();
  process.stdout.write(JSON.stringify(result));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err));
  process.exit(1);
});
