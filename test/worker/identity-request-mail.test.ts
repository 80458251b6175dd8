/**
 * Custodians learn of an identity request by mail: the request service writes one notify job
 * per custodian with the request, and the worker sends each a mail in their language that
 * says only that a decision waits, or nothing once the request is decided.
 */
import { randomUUID } from 'node:crypto';
import { jobId } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import type { CaseRecord, IdentityRequestRecord, Lang, StaffRecord } from '../../server/ports/store.port';
import { requestIdentity } from '../../server/services/cases/request-identity';
import { notifyJob } from '../../worker/handlers/notify.job';
import { WORDING } from '../../worker/mail/i18n';
import { bytesOf, givenStaff, newCaseInput, newKey } from '../support/factories';
import { PUBLIC_URL, givenTeam, htmlOf, jobDone, mailsTo, makeWorld, textOf, type World } from './worker-world';

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
/** An RFC 2047 subject of UTF-8 words (B or Q), decoded as one: a character may straddle two words. */
function decodeSubject(value: string): string {
  const words = value.trim().split(/\s+/).map((w) => /^=\?utf-8\?([bq])\?([^?]*)\?=$/i.exec(w));
  if (words.some((w) => w === null)) return value;
  const bytes = words.map((w) => {
    const [, encoding = '', data = ''] = w ?? [];
    if (encoding.toLowerCase() === 'b') return Buffer.from(data, 'base64');
    return Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  });
  return Buffer.concat(bytes).toString('utf8');
}
const mailId = (caseId: string, requestId: string, custodianId: string): string => jobId(JOB_NAMES.notify, [caseId, 'identity-request', requestId, custodianId]);

describe('identity request mails', () => {
  let world: World;
  let officer: StaffRecord;
  let custodians: StaffRecord[];
  let record: CaseRecord;
  const LANGS: Lang[] = ['ar', 'fr', 'en'];

  beforeEach(async () => {
    world = await makeWorld();
    const team = await givenTeam(world.store, [{ language: 'en' }]);
    const first = team.officers[0];
    if (!first) throw new Error('team');
    officer = first;
    custodians = [];
    for (const language of LANGS) custodians.push(await givenStaff(world.store, { roles: ['custodian'], language }));
    record = await world.store.cases.create(
      newCaseInput({
        case: { channelId: team.channel.id, identity: bytesOf(64) },
        keys: [newKey('reporter'), newKey(officer.id), ...custodians.map((c) => newKey(c.id, 'identity'))],
      }),
    );
  });
  afterEach(async () => {
    await world.close();
  });

  function ask(to: StaffRecord[] = custodians): Promise<IdentityRequestRecord> {
    const deps = { store: world.store, now: () => new Date(), jobs: { wake: () => undefined } };
    return requestIdentity(deps, officer, record.id, { reason: b64(bytesOf(60)), custodianReasons: to.map((c) => ({ custodianId: c.id, sealed: b64(bytesOf(80)) })) });
  }

  it('writes one mail job per custodian with the request, and none when the request fails', async () => {
    const depth = await world.store.outbox.depth();
    await expect(ask(custodians.slice(0, 2))).rejects.toMatchObject({ id: 'custodians_invalid' });
    expect(await world.store.outbox.depth()).toBe(depth);
    expect(await world.store.identityRequests.list({ caseId: record.id, limit: 10 })).toEqual([]);

    const request = await ask();
    expect(await world.store.outbox.depth()).toBe(depth + custodians.length);
    for (const custodian of custodians) {
      const job = await world.store.outbox.get(`mail.notify:${record.id}:identity-request:${request.id}:${custodian.id}`);
      expect(job?.payload).toEqual({ caseId: record.id, event: 'identity-request', staffId: custodian.id, ref: request.id });
    }
  });

  it('mails each custodian once, in their language, with nothing but the link to the requests', async () => {
    const request = await ask();
    await world.startRunner();
    for (const custodian of custodians) await jobDone(world.store, mailId(record.id, request.id, custodian.id));

    expect(world.mails()).toHaveLength(custodians.length);
    for (const custodian of custodians) {
      const words = WORDING[custodian.language];
      const mails = mailsTo(world, custodian.email);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      if (!mail) throw new Error('no mail');
      expect(mail.headers.get('content-language')).toBe(custodian.language);
      expect(decodeSubject(mail.headers.get('subject') ?? '')).toBe(words.identityRequest.subject);
      expect(textOf(mail).trim().split(/\r?\n\r?\n/)).toEqual([words.identityRequest.waiting, `${words.identityRequest.open}: ${PUBLIC_URL}/staff/identity-requests`, words.footer]);
      expect(htmlOf(mail)).toMatch(new RegExp(`<html lang="${custodian.language}" dir="${custodian.language === 'ar' ? 'rtl' : 'ltr'}">`));
      for (const part of [textOf(mail), htmlOf(mail)]) {
        for (const secret of [record.id, request.id, officer.id, officer.displayName, officer.email, 'Corruption', 'الفساد']) expect(part).not.toContain(secret);
        expect(part).not.toMatch(/<img/i);
      }
    }

    // A re-delivery of a job that already sent its mail sends nothing.
    const [first] = custodians;
    if (!first) throw new Error('custodians');
    const id = mailId(record.id, request.id, first.id);
    await notifyJob({ ...world, logger: silentLogger }).run({ caseId: record.id, event: 'identity-request', staffId: first.id, ref: request.id }, { jobId: id, attempt: 1, signal: new AbortController().signal });
    expect(world.mails()).toHaveLength(custodians.length);
  });

  it('sends nothing about a request already decided', async () => {
    const request = await ask();
    const [first] = custodians;
    if (!first) throw new Error('custodians');
    expect(await world.store.identityRequests.decide(request.id, 'refused', first.id, new Date())).toBe(true);
    await world.startRunner();
    for (const custodian of custodians) await jobDone(world.store, mailId(record.id, request.id, custodian.id));
    expect(world.mails()).toHaveLength(0);
  });

  it('sends nothing to a custodian deactivated or no longer a custodian, nor to someone the request was not addressed to', async () => {
    const request = await ask();
    const [gone, demoted, kept] = custodians;
    if (!gone || !demoted || !kept) throw new Error('custodians');
    await world.store.staff.update(gone.id, { status: 'deactivated' });
    await world.store.staff.update(demoted.id, { roles: ['officer'] });
    await world.startRunner();
    for (const custodian of custodians) await jobDone(world.store, mailId(record.id, request.id, custodian.id));
    expect(mailsTo(world, gone.email)).toHaveLength(0);
    expect(mailsTo(world, demoted.email)).toHaveLength(0);
    expect(mailsTo(world, kept.email)).toHaveLength(1);

    const stranger = await givenStaff(world.store, { roles: ['custodian'], language: 'en' });
    const id = `mail.notify:${record.id}:identity-request:${request.id}:${stranger.id}`;
    await notifyJob({ ...world, logger: silentLogger }).run({ caseId: record.id, event: 'identity-request', staffId: stranger.id, ref: request.id }, { jobId: id, attempt: 1, signal: new AbortController().signal });
    await notifyJob({ ...world, logger: silentLogger }).run({ caseId: record.id, event: 'identity-request', staffId: kept.id, ref: randomUUID() }, { jobId: `${id}-x`, attempt: 1, signal: new AbortController().signal });
    expect(world.mails()).toHaveLength(1);
  });

  it('refuses an identity-request payload without the request or the custodian', async () => {
    const handler = notifyJob({ ...world, logger: silentLogger });
    const signal = new AbortController().signal;
    await expect(handler.run({ caseId: record.id, event: 'identity-request', staffId: officer.id }, { jobId: 'x', attempt: 1, signal })).rejects.toThrow();
    await expect(handler.run({ caseId: record.id, event: 'identity-request', ref: randomUUID() }, { jobId: 'x', attempt: 1, signal })).rejects.toThrow();
  });
});
