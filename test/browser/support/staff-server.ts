/**
 * The real `npm start` process on an empty DATA_DIR, as a municipality installs it: no
 * administrator, so the server prints its one-time setup link. The port is chosen first and
 * PUBLIC_URL set to the address the browser uses, because the staff API refuses
 * state-changing requests whose Origin is not the installation's own (server/middleware/staff-auth.ts),
 * and invitation mails carry links under PUBLIC_URL.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEml, partOfType } from '../../contract/mail.eml';
import { serverEntry } from '../../support/built';
import { isReadyLine, startProcess } from '../../support/spawn-process';

export interface StaffServer {
  origin: string;
  dataDir: string;
  /** the one-time token of the setup link the process printed */
  setupToken: string;
  /** waits for the invitation mail to `email` and returns its activation token */
  activationToken(email: string): Promise<string>;
  output(): string;
  stop(): Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const TOKEN = '([A-Za-z0-9_-]{43})';

/** `beforeStart` may write into the empty DATA_DIR (e.g. a fixture in the SQLite file) before the process opens it. */
export async function startStaffServer(options: { beforeStart?: (dataDir: string) => Promise<void> } = {}): Promise<StaffServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'amana-staff-browser-'));
  await options.beforeStart?.(dataDir);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const proc = startProcess(serverEntry, { DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: origin, POW_DIFFICULTY: '8', LOG_LEVEL: 'info' });
  let setupToken: string;
  try {
    await proc.waitForLine(isReadyLine, 30_000);
    const line = await proc.waitForLine((l) => l.includes(`${origin}/setup#`), 5_000);
    setupToken = new RegExp(`/setup#${TOKEN}`).exec(line)?.[1] ?? '';
  } catch (err) {
    proc.child.kill('SIGKILL');
    throw err;
  }
  const outbox = path.join(dataDir, 'outbox');
  const linkIn = (email: string): string | null => {
    let names: string[];
    try {
      names = readdirSync(outbox).filter((n) => n.endsWith('.eml'));
    } catch {
      return null;
    }
    for (const name of names) {
      const mail = parseEml(readFileSync(path.join(outbox, name), 'utf8'));
      if (!(mail.headers.get('to') ?? '').includes(email)) continue;
      const text = mail.parts.length > 0 ? partOfType(mail, 'text/plain') : mail.body;
      const token = new RegExp(`${origin.replace(/[.:/]/g, '\\$&')}/activate#${TOKEN}`).exec(text)?.[1];
      if (token) return token;
    }
    return null;
  };
  return {
    origin,
    dataDir,
    setupToken,
    async activationToken(email) {
      for (let waited = 0; waited < 30_000; waited += 200) {
        const token = linkIn(email);
        if (token) return token;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no invitation mail to ${email} in ${outbox}`);
    },
    output: () => `${proc.lines.join('\n')}\n${proc.stderr.join('')}`,
    async stop() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
      const { code } = await proc.exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
