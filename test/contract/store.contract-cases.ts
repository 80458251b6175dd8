/**
 * Contract: cases, their wrapped keys and events, and the atomicity of the compound
 * operations. "Nothing written" is checked on every table the operation touches.
 */
import { expectRejection } from '../support/expect-rejection';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../server/ports/store.port';
import {
  at, bytesOf, DAY_MS, givenCase, givenChannel, givenCompleteAttachment, givenStaff, newCaseInput, newEvent, newJob, newKey,
} from '../support/factories';

export function casesContract(store: () => Store): void {
  /** Proves that nothing of a case that failed to be created reached the store. */
  async function expectNothingOf(caseId: string, lookup: string, jobIds: string[], attachmentIds: string[] = []): Promise<void> {
    expect(await store().cases.get(caseId)).toBeNull();
    expect(await store().cases.byReceiptLookup(lookup)).toBeNull();
    expect(await store().cases.keys(caseId)).toEqual([]);
    expect(await store().cases.events(caseId)).toEqual([]);
    for (const id of jobIds) expect(await store().outbox.get(id)).toBeNull();
    for (const id of attachmentIds) expect(await store().attachments.get(id)).toMatchObject({ caseId: null, status: 'complete' });
  }

  describe('cases: creation', () => {
    it('writes the case, its keys, its first event, claims its attachments and enqueues its jobs', async () => {
      const channel = await givenChannel(store());
      const officer = await givenStaff(store());
      const attachmentId = await givenCompleteAttachment(store());
      const job = newJob();
      const input = newCaseInput({ case: { channelId: channel.id, identity: bytesOf(64) }, officers: [officer.id], attachmentIds: [attachmentId], jobs: [job] });
      const created = await store().cases.create(input);

      expect(created).toEqual({
        ...input.case,
        outcome: null, acknowledgedAt: null, firstFeedbackAt: null, closedAt: null, assigneeId: null, flagged: false,
        labels: [], lastReporterAccessAt: null, purgedAt: null,
      });
      expect(await store().cases.get(created.id)).toEqual(created);
      expect(await store().cases.byReceiptLookup(input.case.receiptLookup)).toEqual(created);
      expect(await store().cases.byReceiptLookup('0'.repeat(64))).toBeNull();
      const keys = await store().cases.keys(created.id);
      expect(keys).toHaveLength(2);
      expect(keys).toEqual(expect.arrayContaining(input.keys.map((k) => ({ ...k, caseId: created.id, createdAt: created.createdAt }))));
      expect(await store().cases.events(created.id)).toEqual([{ ...input.event, caseId: created.id }]);
      expect(await store().outbox.get(job.id)).toMatchObject({ status: 'pending', payload: job.payload });
      expect(await store().attachments.get(attachmentId)).toMatchObject({ caseId: created.id, status: 'attached' });
      expect((await store().attachments.listForCase(created.id)).map((a) => a.id)).toEqual([attachmentId]);
    });

    it('writes nothing when the receipt lookup is already taken', async () => {
      const first = await givenCase(store());
      const attachmentId = await givenCompleteAttachment(store());
      const job = newJob();
      const input = newCaseInput({ case: { channelId: first.channelId, receiptLookup: first.receiptLookup }, attachmentIds: [attachmentId], jobs: [job] });
      await expectRejection(store().cases.create(input));
      expect(await store().cases.get(input.case.id)).toBeNull();
      expect(await store().cases.keys(input.case.id)).toEqual([]);
      expect(await store().cases.events(input.case.id)).toEqual([]);
      expect(await store().outbox.get(job.id)).toBeNull();
      expect(await store().attachments.get(attachmentId)).toMatchObject({ caseId: null, status: 'complete' });
      expect((await store().cases.byReceiptLookup(first.receiptLookup))?.id).toBe(first.id);
    });

    it('writes nothing when two keys collide on (case, kind, recipient)', async () => {
      const channel = await givenChannel(store());
      const attachmentId = await givenCompleteAttachment(store());
      const job = newJob();
      const input = newCaseInput({ case: { channelId: channel.id }, keys: [newKey('reporter'), newKey('reporter')], attachmentIds: [attachmentId], jobs: [job] });
      await expectRejection(store().cases.create(input));
      await expectNothingOf(input.case.id, input.case.receiptLookup, [job.id], [attachmentId]);
    });

    it('writes nothing when the first event collides with an existing event id', async () => {
      const first = await givenCase(store());
      const [firstEvent] = await store().cases.events(first.id);
      const job = newJob();
      const input = newCaseInput({ case: { channelId: first.channelId }, jobs: [job] });
      await expectRejection(store().cases.create({ ...input, event: { ...input.event, id: firstEvent?.id ?? 'none' } }));
      await expectNothingOf(input.case.id, input.case.receiptLookup, [job.id]);
    });

    it('writes nothing when an attachment is missing, still uploading or already taken', async () => {
      const channel = await givenChannel(store());
      const uploading = randomUUID();
      await store().attachments.create({ id: uploading, chunkCount: 2, size: 10, createdAt: at() });
      const taken = await givenCompleteAttachment(store());
      await givenCase(store(), { case: { channelId: channel.id }, attachmentIds: [taken] });
      for (const bad of [randomUUID(), uploading, taken]) {
        const free = await givenCompleteAttachment(store());
        const job = newJob();
        const input = newCaseInput({ case: { channelId: channel.id }, attachmentIds: [free, bad], jobs: [job] });
        await expectRejection(store().cases.create(input));
        await expectNothingOf(input.case.id, input.case.receiptLookup, [job.id], [free]);
      }
      expect(await store().attachments.get(uploading)).toMatchObject({ caseId: null, status: 'uploading' });
    });

    it('keeps an existing job with the same id and still creates the case', async () => {
      const existing = newJob({ payload: { original: true } });
      await store().outbox.enqueue([existing]);
      const created = await givenCase(store(), { jobs: [{ ...existing, payload: { replaced: true } }] });
      expect(await store().cases.get(created.id)).not.toBeNull();
      expect((await store().outbox.get(existing.id))?.payload).toEqual({ original: true });
    });
  });

  describe('cases: updates, keys and events', () => {
    it('patches metadata, appends the event and enqueues jobs together', async () => {
      const officer = await givenStaff(store());
      const created = await givenCase(store(), { officers: [officer.id] });
      const acknowledgedAt = at(1000, created.createdAt.getTime());
      const event = newEvent({ at: acknowledgedAt, kind: 'status', actorId: officer.id, detail: { status: 'acknowledged' }, sealed: bytesOf(40), visibleToReporter: true });
      const job = newJob();
      const updated = await store().cases.update(created.id, { status: 'acknowledged', acknowledgedAt, assigneeId: officer.id, labels: ['urgent', 'roads'], flagged: true }, event, [job]);
      expect(updated).toEqual({ ...created, status: 'acknowledged', acknowledgedAt, assigneeId: officer.id, labels: ['urgent', 'roads'], flagged: true });
      expect(await store().cases.get(created.id)).toEqual(updated);
      expect((await store().cases.events(created.id)).map((e) => e.id)).toEqual([expect.any(String), event.id]);
      expect((await store().cases.events(created.id))[1]).toEqual({ ...event, caseId: created.id });
      expect(await store().outbox.get(job.id)).not.toBeNull();

      const touched = await store().cases.update(created.id, { lastReporterAccessAt: at(2000, created.createdAt.getTime()) }, null, []);
      expect(touched.status).toBe('acknowledged');
      expect(touched.lastReporterAccessAt?.getTime()).toBe(acknowledgedAt.getTime() + 1000);
      expect(await store().cases.events(created.id)).toHaveLength(2);
    });

    it('writes nothing of an update whose event cannot be stored', async () => {
      const created = await givenCase(store());
      const [createdEvent] = await store().cases.events(created.id);
      const job = newJob();
      const clash = newEvent({ id: createdEvent?.id ?? 'none', kind: 'status' });
      await expectRejection(store().cases.update(created.id, { status: 'closed', outcome: 'referred', closedAt: at() }, clash, [job]));
      expect(await store().cases.get(created.id)).toEqual(created);
      expect(await store().outbox.get(job.id)).toBeNull();
      await expectRejection(store().cases.update('missing', { status: 'closed' }, null, []));
    });

    it('adds keys idempotently with their event and answers keysFor', async () => {
      const officer = await givenStaff(store());
      const custodian = await givenStaff(store(), { roles: ['custodian'] });
      const created = await givenCase(store(), { officers: [officer.id] });
      const original = (await store().cases.keysFor(created.id, officer.id))[0];
      const grant = newEvent({ kind: 'grant', actorId: officer.id, at: at(60_000) });
      const identityKey = newKey(officer.id, 'identity', custodian.id);
      await store().cases.addKeys(created.id, [newKey(officer.id, 'case', 'someone'), identityKey, newKey(officer.id, 'notes')], grant);
      const again = newEvent({ kind: 'grant', actorId: officer.id, at: at(120_000) });
      await store().cases.addKeys(created.id, [newKey(officer.id, 'identity')], again);

      const officerKeys = await store().cases.keysFor(created.id, officer.id);
      expect(officerKeys.map((k) => k.kind).sort()).toEqual(['case', 'identity', 'notes']);
      expect(officerKeys.find((k) => k.kind === 'case')).toEqual(original);
      expect(officerKeys.find((k) => k.kind === 'identity')).toEqual({ ...identityKey, caseId: created.id, createdAt: grant.at });
      expect(await store().cases.keysFor(created.id, custodian.id)).toEqual([]);
      expect(await store().cases.keys(created.id)).toHaveLength(4);
      expect((await store().cases.events(created.id)).map((e) => e.kind)).toEqual(['created', 'grant', 'grant']);
      await expectRejection(store().cases.addKeys('missing', [newKey(officer.id)], newEvent()));
    });

    it('counts open cases per assignee, zero for those without any', async () => {
      const [a, b, idle] = [await givenStaff(store()), await givenStaff(store()), await givenStaff(store())];
      const channel = await givenChannel(store());
      const assign = async (assigneeId: string, status: 'investigating' | 'closed') => {
        const c = await givenCase(store(), { case: { channelId: channel.id } });
        await store().cases.update(c.id, { assigneeId, status }, null, []);
      };
      await assign(a.id, 'investigating');
      await assign(a.id, 'investigating');
      await assign(a.id, 'closed');
      await assign(b.id, 'investigating');
      const counts = await store().cases.openCountByAssignee([a.id, b.id, idle.id]);
      expect([...counts.entries()].sort()).toEqual([[a.id, 2], [b.id, 1], [idle.id, 0]].sort());
      expect((await store().cases.openCountByAssignee([])).size).toBe(0);
    });
  });

  describe('cases: retention', () => {
    it('purges content, keys, messages and attachments, keeps metadata, and returns the attachment ids', async () => {
      const officer = await givenStaff(store());
      const caseAttachment = await givenCompleteAttachment(store());
      const created = await givenCase(store(), { officers: [officer.id], attachmentIds: [caseAttachment], case: { identity: bytesOf(48) } });
      const messageAttachment = await givenCompleteAttachment(store());
      await store().messages.add({ id: randomUUID(), caseId: created.id, author: 'reporter', kind: 'message', body: bytesOf(), attachmentIds: [messageAttachment], createdAt: at() }, []);
      await store().cases.update(created.id, { status: 'closed', outcome: 'substantiated', closedAt: at(), assigneeId: officer.id }, newEvent({ kind: 'status', sealed: bytesOf(30), at: at(1000) }), []);
      const job = newJob();
      const purgedAt = at(5000);

      const removed = await store().cases.purge(created.id, purgedAt, [job]);
      expect(removed.sort()).toEqual([caseAttachment, messageAttachment].sort());
      const after = await store().cases.get(created.id);
      expect(after).toMatchObject({ id: created.id, channelId: created.channelId, category: created.category, status: 'closed', outcome: 'substantiated', assigneeId: officer.id, identity: null, purgedAt });
      expect(after?.body).toHaveLength(0);
      expect(await store().cases.keys(created.id)).toEqual([]);
      expect(await store().messages.list(created.id, ['message', 'note'])).toEqual([]);
      expect(await store().attachments.listForCase(created.id)).toEqual([]);
      expect(await store().attachments.get(caseAttachment)).toBeNull();
      const events = await store().cases.events(created.id);
      expect(events.every((e) => e.sealed === null)).toBe(true);
      expect(events.map((e) => e.kind)).toEqual(['created', 'status', 'purged']);
      expect(events[2]?.at.getTime()).toBe(purgedAt.getTime());
      expect(await store().outbox.get(job.id)).not.toBeNull();
      expect((await store().cases.inbox({ staffId: officer.id, sort: 'newest', limit: 10 })).items).toEqual([]);

      expect(await store().cases.purge(created.id, at(9000), [])).toEqual([]);
      expect(await store().cases.events(created.id)).toHaveLength(3);
      expect((await store().cases.get(created.id))?.purgedAt?.getTime()).toBe(purgedAt.getTime());
      await expectRejection(store().cases.addKeys(created.id, [newKey(officer.id)], newEvent({ kind: 'grant' })));
    });

    it('lists closed, unpurged cases closed before a date, oldest first', async () => {
      const channel = await givenChannel(store());
      const close = async (daysAgo: number) => {
        const c = await givenCase(store(), { case: { channelId: channel.id } });
        await store().cases.update(c.id, { status: 'closed', closedAt: at(-daysAgo * DAY_MS) }, null, []);
        return c.id;
      };
      const old = await close(400);
      const older = await close(500);
      await close(10);
      const purged = await close(600);
      await store().cases.purge(purged, at(), []);
      await givenCase(store(), { case: { channelId: channel.id } });
      expect(await store().cases.closedBefore(at(-365 * DAY_MS), 10)).toEqual([older, old]);
      expect(await store().cases.closedBefore(at(-365 * DAY_MS), 1)).toEqual([older]);
    });
  });
}
