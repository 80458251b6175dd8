/**
 * The real `npm start` process (dist/server/main.js) over a temporary DATA_DIR, embedded
 * mode: SQLite, the in-process job runner and mail written as .eml files. Officers and a
 * custodian with real X25519 key pairs are written into the SQLite file before it starts,
 * so the browser seals reports to keys whose secret halves this test holds.
 * Everything the process prints is kept, because the leak scan reads it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../../server/adapters/sqlite/sqlite.store';
import { silentLogger } from '../../../server/logger';
import type { Store } from '../../../server/ports/store.port';
import { seedDefaults } from '../../../server/services/seed-defaults';
import { serverEntry } from '../../support/built';
import { isReadyLine, readyPort, startProcess, type RunningProcess } from '../../support/spawn-process';
import { givenKeyedStaff, type KeyedStaff } from '../../support/test-app';

export const CORRUPTION_CHANNEL = 'ch-corruption';

export interface AmanaServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  dataDir: string;
  officers: KeyedStaff[];
  custodian: KeyedStaff;
  /** stdout and stderr of the process so far */
  output(): string;
  /** waits for `count` "notification sent" lines about this case (their .eml files are then written) */
  waitForMails(caseId: string, count: number): Promise<void>;
  mailFiles(): string[];
  /** a second connection to the live SQLite file, for reading as an officer's browser would */
  openStore(): Promise<Store>;
  /** the server's SQLite file, for a test that writes what no store method offers */
  sqlitePath: string;
  stop(): Promise<number | null>;
}

async function seed(dataDir: string): Promise<{ officers: KeyedStaff[]; custodian: KeyedStaff }> {
  const store = await openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger);
  try {
    await seedDefaults({ store, logger: silentLogger });
    const officers = [
      await givenKeyedStaff(store, { channelId: CORRUPTION_CHANNEL, department: 'Urbanisme' }),
      await givenKeyedStaff(store, { channelId: CORRUPTION_CHANNEL, department: 'Finances', supervisor: true }),
    ];
    const custodian = await givenKeyedStaff(store, { roles: ['custodian'] });
    return { officers, custodian };
  } finally {
    await store.close();
  }
}

const notificationsAbout = (proc: RunningProcess, caseId: string) =>
  proc.lines.filter((l) => l.includes('"msg":"notification sent"') && l.includes(`"caseId":"${caseId}"`)).length;

export async function startAmanaServer(): Promise<AmanaServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'amana-browser-'));
  const { officers, custodian } = await seed(dataDir);
  // debug: the scan must see every line the server can write, not only the quiet ones.
  const proc = startProcess(serverEntry, { DATA_DIR: dataDir, PORT: '0', POW_DIFFICULTY: '8', LOG_LEVEL: 'debug' });
  let port: number;
  try {
    port = readyPort(await proc.waitForLine(isReadyLine, 30_000));
  } catch (err) {
    proc.child.kill('SIGKILL');
    throw err;
  }
  const outbox = path.join(dataDir, 'outbox');
  return {
    origin: `http://127.0.0.1:${port}`,
    dataDir,
    officers,
    custodian,
    output: () => `${proc.lines.join('\n')}\n${proc.stderr.join('')}`,
    async waitForMails(caseId, count) {
      await proc.waitForLine(() => notificationsAbout(proc, caseId) >= count, 30_000);
    },
    mailFiles: () => readdirSync(outbox).filter((name) => name.endsWith('.eml')),
    openStore: () => openSqliteStore(path.join(dataDir, 'amana.sqlite'), silentLogger),
    sqlitePath: path.join(dataDir, 'amana.sqlite'),
    async stop() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
      const { code } = await proc.exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
