/**
 * What backup and restore refuse: an interrupted backup never looks complete (killed at any
 * point, or failing after any step), an altered or partial backup is not restored, a DATA_DIR
 * that holds an installation is not overwritten without --force and never while a server has
 * it open, secrets stored apart are asked for, and the MongoDB path points to mongodump.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buildConfig, parseEnv } from '../../config';
import { DiskBlobStore } from '../../server/adapters/disk/disk.blob';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../server/logger';
import { runBackup, type BackupHooks } from '../../server/cli/backup';
import { MANIFEST, SECRETS_DIR, checkBackup } from '../../server/cli/backup-manifest';
import { runRestore } from '../../server/cli/restore';
import { expectRejection } from '../support/expect-rejection';
import { givenCase } from '../support/factories';
import { ensureBuilt } from '../support/built';
import { backupEntry, freshDir, restoreEntry, runCommand, spawnCommand, startServer, stopServer } from './ops.support';

const dirs: string[] = [];
const dir = (label: string) => {
  const d = freshDir(label);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** An installation with secrets, cases, blobs and an upload temporary in progress. */
async function installation(blobCount = 3): Promise<string> {
  const data = dir('source');
  buildConfig(parseEnv({ DATA_DIR: data })); // creates secrets.json as the first start does
  const store = await openSqliteStore(path.join(data, 'amana.sqlite'), silentLogger);
  await givenCase(store);
  await store.close();
  const blobs = new DiskBlobStore(path.join(data, 'blobs'));
  for (let i = 0; i < blobCount; i += 1) await blobs.put(`att-${i}/0`, Readable.from([Buffer.alloc(1000, i)]), 1000);
  writeFileSync(path.join(data, 'blobs', 'att-0', '.tmp-inprogress'), 'half an upload');
  return data;
}

const envOf = (data: string, extra: Record<string, string> = {}) => parseEnv({ DATA_DIR: data, ...extra });

describe('an interrupted backup', () => {
  it.each(['database', 'blobs', 'mail', 'secrets', 'manifest'] as const)('failing after the %s step leaves nothing that looks complete', async (failAt) => {
    const data = await installation();
    const target = path.join(dir('backups'), 'b');
    const hooks: BackupHooks = {
      step: (name) => {
        if (name === failAt) throw new Error(`injected failure after ${name}`);
      },
    };
    await expect(runBackup(envOf(data), target, hooks)).rejects.toThrow(`injected failure after ${failAt}`);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.partial`)).toBe(true);
    for (const candidate of [target, `${target}.partial`]) {
      expect(await checkBackup(candidate)).toMatchObject({ ok: false });
      expect((await expectRejection(runRestore(envOf(dir('restore')), candidate))).message).toMatch(/^refusing to restore: /);
    }
    // The next run discards the leftover and completes.
    const done = await runBackup(envOf(data), target);
    expect(existsSync(`${target}.partial`)).toBe(false);
    expect(await checkBackup(done.dir)).toMatchObject({ ok: true });
  });

  describe('killed with SIGKILL', () => {
    beforeAll(() => ensureBuilt(), 300_000);

    it('at whatever point it was, leaves either a backup that verifies or none, never one restore accepts half', async () => {
      const data = await installation(400);
      const outcomes: string[] = [];
      for (const delayLines of [0, 1]) {
        const target = path.join(dir('backups'), `killed-${delayLines}`);
        const child = spawnCommand(backupEntry, [target], { DATA_DIR: data });
        let seen = 0;
        await new Promise<void>((resolve) => {
          const kill = () => {
            child.kill('SIGKILL');
            resolve();
          };
          if (delayLines === 0) child.once('spawn', kill);
          child.stdout.on('data', () => {
            seen += 1;
            if (seen >= delayLines) kill();
          });
          child.once('exit', () => resolve());
        });
        const exit = await new Promise<NodeJS.Signals | number | null>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve(child.signalCode ?? child.exitCode);
          else child.once('exit', (code, signal) => resolve(signal ?? code));
        });
        const verdict = await checkBackup(target);
        if (exit === 'SIGKILL' && !existsSync(target)) {
          outcomes.push('killed, nothing complete');
          expect(verdict).toMatchObject({ ok: false });
          expect((await expectRejection(runRestore(envOf(dir('restore')), target))).message).toMatch(/^refusing to restore: /);
        } else {
          outcomes.push('finished before the kill');
          expect(verdict).toMatchObject({ ok: true });
        }
      }
      // The kill as the process starts always lands before the rename at the end.
      expect(outcomes[0]).toBe('killed, nothing complete');
    }, 120_000);
  });
});

describe('restore refuses', () => {
  it('a backup whose files do not match the manifest, or with a file missing', async () => {
    const data = await installation();
    const { dir: backup, manifest } = await runBackup(envOf(data), path.join(dir('backups'), 'b'));
    const blob = manifest.files.find((f) => f.path.startsWith('blobs/'))!;
    const blobFile = path.join(backup, ...blob.path.split('/'));
    const original = readFileSync(blobFile);
    writeFileSync(blobFile, Buffer.from(original).fill(9, 0, 1));
    const target = dir('restore');
    await expect(runRestore(envOf(target), backup)).rejects.toThrow(`${blob.path} does not match its SHA-256`);
    rmSync(blobFile);
    await expect(runRestore(envOf(target), backup)).rejects.toThrow(`${blob.path} is missing`);
    expect(readdirSync(target)).toEqual([]);
  });

  it('without the secrets kept apart, and restores once their folder is given', async () => {
    const data = await installation();
    const { dir: backup } = await runBackup(envOf(data), path.join(dir('backups'), 'b'));
    const apart = path.join(dir('safe'), SECRETS_DIR);
    mkdirSync(apart);
    writeFileSync(path.join(apart, 'secrets.json'), readFileSync(path.join(backup, SECRETS_DIR, 'secrets.json')));
    rmSync(path.join(backup, SECRETS_DIR), { recursive: true });
    const target = dir('restore');
    await expect(runRestore(envOf(target), backup)).rejects.toThrow(/secrets\.json is missing \(give the folder you stored apart with --secrets\)/);
    await runRestore(envOf(target), backup, { secretsDir: apart });
    expect(readFileSync(path.join(target, 'secrets.json'), 'utf8')).toBe(readFileSync(path.join(data, 'secrets.json'), 'utf8'));
  });

  it('a folder that is not a backup, or a manifest that is not one', async () => {
    const empty = dir('not-a-backup');
    await expect(runRestore(envOf(dir('restore')), empty)).rejects.toThrow(`has no ${MANIFEST}`);
    writeFileSync(path.join(empty, MANIFEST), '{"format":"something-else"}');
    await expect(runRestore(envOf(dir('restore')), empty)).rejects.toThrow('not a valid Amana backup manifest');
  });

  describe('a DATA_DIR that holds an installation', () => {
    beforeAll(() => ensureBuilt(), 300_000);

    it('without --force, and never while a server runs on it', async () => {
      const data = await installation();
      const { dir: backup } = await runBackup(envOf(data), path.join(dir('backups'), 'b'));
      const live = dir('live');
      const server = await startServer(live);
      try {
        const before = readFileSync(path.join(live, 'secrets.json'), 'utf8');
        const refused = await runCommand(restoreEntry, [backup], { DATA_DIR: live });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain(`DATA_DIR=${live} is not empty`);
        expect(refused.stderr).toContain('--force');
        const busy = await runCommand(restoreEntry, [backup, '--force'], { DATA_DIR: live });
        expect(busy.code).toBe(2);
        expect(busy.stderr).toContain('is in use by a running process');
        expect(readFileSync(path.join(live, 'secrets.json'), 'utf8')).toBe(before);
      } finally {
        await stopServer(server);
      }
      const forced = await runCommand(restoreEntry, [backup, '--force'], { DATA_DIR: live });
      expect({ code: forced.code, stderr: forced.stderr }).toEqual({ code: 0, stderr: '' });
      expect(readFileSync(path.join(live, 'secrets.json'), 'utf8')).toBe(readFileSync(path.join(data, 'secrets.json'), 'utf8'));
      expect(existsSync(path.join(live, 'amana.sqlite-wal'))).toBe(false);
    }, 120_000);
  });
});

describe('backup refuses', () => {
  it('a target folder that is not empty, and a DATA_DIR without an installation', async () => {
    const data = await installation();
    const used = dir('used');
    writeFileSync(path.join(used, 'something'), 'x');
    expect((await expectRejection(runBackup(envOf(data), used))).message).toContain('exists and is not empty');
    await expect(runBackup(envOf(dir('empty')), path.join(dir('backups'), 'b'))).rejects.toThrow('no Amana installation');
  });

  it('on the MongoDB path, and says to use mongodump and to keep the secrets', async () => {
    await expect(runBackup(envOf(dir('m'), { MONGODB_URI: 'mongodb://db.example:27017/amana' }), dir('b'))).rejects.toThrow(/mongodump[\s\S]*SERVER_PEPPER/);
    await expect(runRestore(envOf(dir('m'), { MONGODB_URI: 'mongodb://db.example:27017/amana' }), dir('b'))).rejects.toThrow(/mongorestore/);
  });

  it('prints the MongoDB advice from the real command and exits 2', async () => {
    ensureBuilt();
    const result = await runCommand(backupEntry, [path.join(dir('b'), 'x')], { DATA_DIR: dir('m'), MONGODB_URI: 'mongodb://db.example:27017/amana' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mongodump --uri');
  }, 300_000);
});
