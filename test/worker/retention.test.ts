import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jobId } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import { silentLogger } from '../../server/logger';
import { purgeCaseJob, PURGE_AUDIT_ACTION } from '../../worker/handlers/purge-case.job';
import { ABANDONED_AUDIT_ACTION, POW_MARKER_KEEP_MS, retentionSweepJob, TEMPORARY_KEEP_MS } from '../../worker/handlers/retention.job';
import { POW_TTL_MS } from '../../server/services/proof-of-work';
import { ensureDailySweep, monthsBefore } from '../../worker/schedule';
import { givenCompleteAttachment, newMessage } from '../support/factories';
import { givenTeam, jobDone, makeWorld, putChunks, submitCase, waitFor, type World } from './worker-world';

const ctx = (id: string) => ({ jobId: id, attempt: 1, signal: new AbortController().signal });
const NOW = new Date('2026-05-20T02:00:00Z');

describe('retention', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  /** A case closed `monthsAgo` months before NOW, with a two-chunk attachment and a message. */
  async function closedCase(monthsAgo: number) {
    const { channel, officers } = await givenTeam(world.store, [{}]);
    const officer = officers[0];
    if (!officer) throw new Error('team');
    const attachmentId = await givenCompleteAttachment(world.store, 2);
    await putChunks(world.blobs, attachmentId, 2);
    const created = await submitCase(world.store, channel.id, [officer.id], { createdAt: monthsBefore(NOW, monthsAgo + 2) });
    await world.store.cases.update(created.id, { assigneeId: officer.id }, null, []);
    // A reporter message carrying the attachment: the message and the upload's claim go together.
    await world.store.messages.add(newMessage(created.id, { attachmentIds: [attachmentId] }), []);
    const closedAt = monthsBefore(NOW, monthsAgo);
    const closed = await world.store.cases.update(created.id, { status: 'closed', outcome: 'substantiated', closedAt }, null, []);
    return { c: closed, attachmentId };
  }

  const sweep = () => retentionSweepJob({ ...world, logger: silentLogger, now: () => NOW });
  const purge = () => purgeCaseJob({ ...world, logger: silentLogger, now: () => NOW });

  it('crypto-shreds a case closed 13 months ago and keeps one closed 11 months ago', async () => {
    const old = await closedCase(13);
    const recent = await closedCase(11);
    expect(await world.blobs.has(`${old.attachmentId}/0`)).toBe(true);
    expect(await world.store.attachments.get(old.attachmentId)).toMatchObject({ caseId: old.c.id });

    await sweep().run({}, ctx('retention.sweep:2026-05-20'));
    const follow = await world.store.outbox.get(jobId(JOB_NAMES.purgeCase, [old.c.id]));
    expect(follow).toMatchObject({ status: 'pending', payload: { caseId: old.c.id, attachmentIds: [old.attachmentId] } });
    await purge().run(follow?.payload ?? null, ctx(follow?.id ?? ''));

    const shredded = await world.store.cases.get(old.c.id);
    expect(shredded?.purgedAt?.getTime()).toBe(NOW.getTime());
    expect(shredded?.body.length).toBe(0);
    expect(shredded?.identity).toBeNull();
    // Statistical metadata stays.
    expect(shredded).toMatchObject({ channelId: old.c.channelId, category: 'bribery', status: 'closed', outcome: 'substantiated', language: old.c.language });
    expect(shredded?.createdAt.getTime()).toBe(old.c.createdAt.getTime());
    expect(shredded?.closedAt?.getTime()).toBe(old.c.closedAt?.getTime());
    expect(await world.store.cases.keys(old.c.id)).toEqual([]);
    expect(await world.store.messages.list(old.c.id, ['message', 'note'])).toEqual([]);
    expect(await world.blobs.has(`${old.attachmentId}/0`)).toBe(false);
    expect(await world.blobs.has(`${old.attachmentId}/1`)).toBe(false);
    const audit = await world.store.audit.list({ action: PURGE_AUDIT_ACTION, caseId: old.c.id, limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, caseId: old.c.id });

    const kept = await world.store.cases.get(recent.c.id);
    expect(kept?.purgedAt).toBeNull();
    expect(kept?.body.length).toBeGreaterThan(0);
    expect(await world.store.cases.keys(recent.c.id)).not.toEqual([]);
    expect(await world.blobs.has(`${recent.attachmentId}/0`)).toBe(true);
    expect(await world.store.outbox.get(jobId(JOB_NAMES.purgeCase, [recent.c.id]))).toBeNull();
  });

  it('audits a purge once even when the follow-up runs again, and finishes a purge on its own', async () => {
    const old = await closedCase(14);
    const id = jobId(JOB_NAMES.purgeCase, [old.c.id]);
    // Given only the case id (no sweep before it), the job does the whole deletion.
    await purge().run({ caseId: old.c.id }, ctx(id));
    await purge().run({ caseId: old.c.id }, ctx(id));
    expect((await world.store.cases.get(old.c.id))?.purgedAt).not.toBeNull();
    expect(await world.blobs.has(`${old.attachmentId}/0`)).toBe(false);
    expect(await world.store.audit.list({ action: PURGE_AUDIT_ACTION, caseId: old.c.id, limit: 10 })).toHaveLength(1);
  });

  it('deletes uploads never attached after a day, blobs first, audited; keeps fresh ones', async () => {
    const stale = randomUUID();
    await world.store.attachments.create({ id: stale, chunkCount: 1, size: 10, createdAt: new Date(NOW.getTime() - 25 * 3600 * 1000) });
    await putChunks(world.blobs, stale, 1);
    const fresh = randomUUID();
    await world.store.attachments.create({ id: fresh, chunkCount: 1, size: 10, createdAt: new Date(NOW.getTime() - 23 * 3600 * 1000) });
    await putChunks(world.blobs, fresh, 1);

    await sweep().run({}, ctx('retention.sweep:2026-05-20'));
    expect(await world.store.attachments.get(stale)).toBeNull();
    expect(await world.blobs.has(`${stale}/0`)).toBe(false);
    const audit = await world.store.audit.list({ action: ABANDONED_AUDIT_ACTION, limit: 10 });
    expect(audit.map((a) => a.detail)).toEqual([{ attachmentId: stale }]);
    expect(await world.store.attachments.get(fresh)).not.toBeNull();
    expect(await world.blobs.has(`${fresh}/0`)).toBe(true);
  });

  it('deletes proof-of-work markers claimed over a day ago, in batches until none is left, and keeps the rest', async () => {
    const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600 * 1000);
    // More than one delete batch (1,000), so a sweep that stops after one batch leaves some.
    const old = Array.from({ length: 1_205 }, (_, i) => `pow:${i.toString(16).padStart(64, '0')}`);
    for (const key of old) expect(await world.store.markers.claim(key, hoursAgo(25))).toBe(true);
    await world.store.markers.claim('pow:recent', hoursAgo(23));
    await world.store.markers.claim('mail.notify:c1:new-case:s1', hoursAgo(24 * 30));

    await sweep().run({}, ctx('retention.sweep:2026-05-20'));
    for (const key of old) expect(await world.store.markers.has(key)).toBe(false);
    expect(await world.store.markers.has('pow:recent')).toBe(true);
    expect(await world.store.markers.has('mail.notify:c1:new-case:s1')).toBe(true);
  });

  it('keeps a proof-of-work marker far longer than its challenge is valid', () => {
    expect(POW_MARKER_KEEP_MS).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    expect(POW_MARKER_KEEP_MS).toBeGreaterThan(POW_TTL_MS * 100);
  });

  it('chains the daily sweep: each sweep writes the next day, and start-up adds today once', async () => {
    await sweep().run({}, ctx('retention.sweep:2026-05-20'));
    const next = await world.store.outbox.get('retention.sweep:2026-05-21');
    expect(next?.runAt.toISOString()).toBe('2026-05-21T02:00:00.000Z');

    const started = new Date('2026-05-20T09:30:00Z');
    await ensureDailySweep(world.store, started);
    await ensureDailySweep(world.store, new Date('2026-05-20T17:00:00Z'));
    const today = await world.store.outbox.get('retention.sweep:2026-05-20');
    expect(today?.runAt.getTime()).toBe(started.getTime());
  });

  it('runs on the in-process runner end to end: sweep, purge follow-up, audit', async () => {
    const old = await closedCase(13);
    // The runner's clock is the real one: close the case 13 months before now instead.
    await world.store.cases.update(old.c.id, { closedAt: monthsBefore(new Date(), 13) }, null, []);
    await ensureDailySweep(world.store, new Date());
    await world.startRunner();
    await jobDone(world.store, jobId(JOB_NAMES.purgeCase, [old.c.id]));
    await waitFor('audit entry', async () => (await world.store.audit.list({ action: PURGE_AUDIT_ACTION, caseId: old.c.id, limit: 1 })).length === 1);
    expect(await world.blobs.has(`${old.attachmentId}/1`)).toBe(false);
  });

  it('removes the temporary of a part upload a killed process left behind, and keeps one still being written', async () => {
    const attachmentId = await givenCompleteAttachment(world.store, 1);
    await putChunks(world.blobs, attachmentId, 1);
    const root = world.config.paths.blobs;
    const pending = randomUUID();
    mkdirSync(path.join(root, pending), { recursive: true });
    // Temporaries are named as DiskBlobStore.put names them, beside the blob they would become.
    const stale = path.join(root, pending, '.tmp-0123456789abcdef01234567');
    const fresh = path.join(root, pending, '.tmp-fedcba9876543210fedcba98');
    writeFileSync(stale, 'half a part, its process killed');
    writeFileSync(fresh, 'a part upload in progress');
    const at = (ms: number) => new Date(NOW.getTime() - ms);
    utimesSync(stale, at(TEMPORARY_KEEP_MS + 60_000), at(TEMPORARY_KEEP_MS + 60_000));
    utimesSync(fresh, at(60_000), at(60_000));
    // A stored blob is never a temporary, however old.
    const blobFile = path.join(root, attachmentId, '0.blob');
    expect(existsSync(blobFile)).toBe(true);
    utimesSync(blobFile, at(30 * 24 * 3600_000), at(30 * 24 * 3600_000));

    await sweep().run({}, ctx('retention.sweep:2026-05-20'));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(await world.blobs.has(`${attachmentId}/0`)).toBe(true);
  });

  it('counts months on the calendar, clamping to the shorter month', () => {
    expect(monthsBefore(new Date('2026-03-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(monthsBefore(new Date('2026-05-20T02:00:00Z'), 12).toISOString()).toBe('2025-05-20T02:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 13).toISOString()).toBe('2024-12-15T00:00:00.000Z');
  });
});
