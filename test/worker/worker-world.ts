/**
 * A real embedded installation for the worker tests: a SQLite store, disk blobs, the .eml
 * file mailer (its files are the observable effect of a notification) and the handlers
 * exactly as buildHandlers wires them, run by the in-process outbox runner.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buildConfig, parseEnv, type Config } from '../../config';
import { DiskBlobStore } from '../../server/adapters/disk/disk.blob';
import { FileMailer } from '../../server/adapters/mail/file.mail';
import { OutboxRunner } from '../../server/adapters/outbox/outbox.runner';
import { openSqliteStore } from '../../server/adapters/sqlite/sqlite.store';
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { HandlerMap } from '../../server/ports/jobs.port';
import type { CaseRecord, JobRecord, NewCase, StaffRecord, Store } from '../../server/ports/store.port';
import { buildHandlers } from '../../worker/handlers';
import { parseEml, partOfType, type ParsedMail } from '../contract/mail.eml';
import { at, givenChannel, givenStaff, newCaseInput, newKey, type NewChannel } from '../support/factories';

export const PUBLIC_URL = 'https://amana.commune.example';
export const MAIL_FROM = 'amana@commune.example';

export interface World {
  dir: string;
  config: Config;
  store: Store;
  blobs: DiskBlobStore;
  mailer: FileMailer;
  handlers: HandlerMap;
  runners: OutboxRunner[];
  /** starts an in-process runner on this world's store (or another connection to it) */
  startRunner(store?: Store): Promise<OutboxRunner>;
  mails(): ParsedMail[];
  close(): Promise<void>;
}

export async function makeWorld(): Promise<World> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amana-worker-'));
  const config = buildConfig(parseEnv({ DATA_DIR: dir, PUBLIC_URL, MAIL_FROM, JOB_LOCK_MS: '5000', WORKER_CONCURRENCY: '4' }));
  config.jobs.backoffMs = 50;
  config.jobs.pollMs = 20;
  const store = await openSqliteStore(config.paths.sqlite, silentLogger);
  const blobs = new DiskBlobStore(config.paths.blobs);
  const mailer = new FileMailer(config.paths.mailOutbox, MAIL_FROM);
  const handlers = buildHandlers({ config, store, blobs, mailer, logger: silentLogger });
  const runners: OutboxRunner[] = [];
  const extraStores: Store[] = [];
  return {
    dir, config, store, blobs, mailer, handlers, runners,
    async startRunner(runStore = store) {
      const runner = new OutboxRunner({ config, store: runStore, handlers: runStore === store ? handlers : buildHandlers({ config, store: runStore, blobs, mailer, logger: silentLogger }), logger: silentLogger });
      if (runStore !== store) extraStores.push(runStore);
      runners.push(runner);
      await runner.start();
      return runner;
    },
    mails() {
      const outbox = config.paths.mailOutbox;
      if (!existsSync(outbox)) return [];
      return readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => parseEml(readFileSync(path.join(outbox, f), 'utf8')));
    },
    async close() {
      await Promise.all(runners.map((r) => r.stop()));
      await mailer.close();
      await blobs.close();
      for (const s of extraStores) await s.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const textOf = (mail: ParsedMail): string => partOfType(mail, 'text/plain');
export const htmlOf = (mail: ParsedMail): string => partOfType(mail, 'text/html');
export const mailsTo = (world: World, email: string): ParsedMail[] => world.mails().filter((m) => m.headers.get('to') === email);

export const channelDefinition = (routing: { category: string; department: string }[] = []) => ({
  name: { ar: 'الفساد', fr: 'Corruption', en: 'Corruption' },
  description: { ar: 'وصف', fr: 'Description', en: 'Description' },
  categories: [{ id: 'bribery', label: { ar: 'رشوة', fr: 'Pots-de-vin', en: 'Bribery' } }],
  questionnaire: [],
  allowIdentity: false,
  routing,
});

export interface Team {
  channel: NewChannel;
  officers: StaffRecord[];
  supervisor: StaffRecord;
}

/** A channel with officers (members) and one supervisor who is not an officer of it. */
export async function givenTeam(
  store: Store,
  officers: Partial<Parameters<typeof givenStaff>[1]>[],
  routing: { category: string; department: string }[] = [],
): Promise<Team> {
  const channel = await givenChannel(store, { definition: channelDefinition(routing) });
  const people: StaffRecord[] = [];
  for (const over of officers) {
    const person = await givenStaff(store, over);
    await store.channels.setMember({ channelId: channel.id, staffId: person.id, supervisor: false });
    people.push(person);
  }
  const supervisor = await givenStaff(store, { roles: ['officer'], language: 'en' });
  await store.channels.setMember({ channelId: channel.id, staffId: supervisor.id, supervisor: true });
  return { channel, officers: people, supervisor };
}

/**
 * A case as the submission service writes it: sealed to `sealedTo`, with its route and
 * deadline jobs in the same transaction.
 */
export async function submitCase(store: Store, channelId: string, sealedTo: string[], over: Partial<NewCase> = {}): Promise<CaseRecord> {
  const input = newCaseInput({ case: { channelId, category: 'bribery', ...over }, keys: [newKey('reporter'), ...sealedTo.map((id) => newKey(id))] });
  const c = input.case;
  input.jobs = [
    newJob(JOB_NAMES.routeCase, [c.id], { caseId: c.id }, c.createdAt),
    newJob(JOB_NAMES.deadlineAck, [c.id], { caseId: c.id }, c.ackDueAt),
    newJob(JOB_NAMES.deadlineFeedback, [c.id], { caseId: c.id }, c.feedbackDueAt),
  ];
  return store.cases.create(input);
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function jobDone(store: Store, id: string): Promise<JobRecord> {
  let row: JobRecord | null = null;
  await waitFor(`job ${id} done`, async () => {
    row = await store.outbox.get(id);
    if (row?.status === 'dead') throw new Error(`job ${id} is dead: ${row.lastError ?? ''}`);
    return row?.status === 'done';
  });
  if (row === null) throw new Error('unreachable');
  return row;
}

/** Writes `chunks` blobs for an attachment, as an upload would. */
export async function putChunks(blobs: DiskBlobStore, attachmentId: string, chunks: number): Promise<void> {
  for (let i = 0; i < chunks; i += 1) await blobs.put(`${attachmentId}/${i}`, Readable.from([Buffer.from(`cipher-${i}`)]), 1024);
}

export { at };
