/**
 * Contract: messages and attachment uploads.
 */
import { expectRejection } from '../support/expect-rejection';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../server/ports/store.port';
import { at, DAY_MS, givenCase, givenCompleteAttachment, newJob, newMessage } from '../support/factories';

export function contentContract(store: () => Store): void {
  describe('messages', () => {
    it('adds a message with its attachments and jobs, and lists by kind in time order', async () => {
      const created = await givenCase(store());
      const attachmentId = await givenCompleteAttachment(store());
      const job = newJob();
      const first = newMessage(created.id, { createdAt: at(1000), attachmentIds: [attachmentId] });
      const note = newMessage(created.id, { kind: 'note', author: randomUUID(), createdAt: at(2000) });
      const reply = newMessage(created.id, { author: randomUUID(), createdAt: at(3000) });
      await store().messages.add(reply, []);
      await store().messages.add(first, [job]);
      await store().messages.add(note, []);

      expect(await store().messages.list(created.id, ['message'])).toEqual([first, reply]);
      expect(await store().messages.list(created.id, ['note'])).toEqual([note]);
      expect(await store().messages.list(created.id, ['message', 'note'])).toEqual([first, note, reply]);
      expect(await store().messages.list(created.id, [])).toEqual([]);
      expect(await store().messages.list(randomUUID(), ['message'])).toEqual([]);
      expect(await store().attachments.get(attachmentId)).toMatchObject({ caseId: created.id, status: 'attached' });
      expect(await store().outbox.get(job.id)).not.toBeNull();
    });

    it('writes nothing of a message whose attachment cannot be claimed', async () => {
      const created = await givenCase(store());
      const taken = await givenCompleteAttachment(store());
      await store().messages.add(newMessage(created.id, { attachmentIds: [taken] }), []);
      const job = newJob();
      const message = newMessage(created.id, { attachmentIds: [taken] });
      await expectRejection(store().messages.add(message, [job]));
      expect(await store().messages.list(created.id, ['message'])).toHaveLength(1);
      expect(await store().outbox.get(job.id)).toBeNull();
      await expectRejection(store().messages.add(newMessage(randomUUID()), []));
    });
  });

  describe('attachments', () => {
    it('tracks chunks by index: a repeated chunk counts once', async () => {
      const id = randomUUID();
      const createdAt = at();
      await store().attachments.create({ id, chunkCount: 3, size: 3000, createdAt });
      expect(await store().attachments.get(id)).toEqual({
        id, caseId: null, chunkCount: 3, size: 3000, receivedChunks: 0, status: 'uploading', createdAt, completedAt: null,
      });
      expect(await store().attachments.chunkReceived(id, 2)).toBe(1);
      expect(await store().attachments.chunkReceived(id, 0)).toBe(2);
      expect(await store().attachments.chunkReceived(id, 2)).toBe(2);
      expect(await store().attachments.receivedIndexes(id)).toEqual([0, 2]);
      expect((await store().attachments.get(id))?.receivedChunks).toBe(2);
      const concurrent = await Promise.all([1, 1, 1].map((index) => store().attachments.chunkReceived(id, index)));
      expect(Math.max(...concurrent)).toBe(3);
      expect(await store().attachments.receivedIndexes(id)).toEqual([0, 1, 2]);
    });

    it('refuses chunk indexes outside the announced count, unknown uploads, empty or duplicate uploads', async () => {
      const id = randomUUID();
      await store().attachments.create({ id, chunkCount: 2, size: 10, createdAt: at() });
      await expectRejection(store().attachments.chunkReceived(id, 2));
      await expectRejection(store().attachments.chunkReceived(id, -1));
      await expectRejection(store().attachments.chunkReceived(id, 0.5));
      await expectRejection(store().attachments.chunkReceived(randomUUID(), 0));
      expect(await store().attachments.receivedIndexes(id)).toEqual([]);
      const empty = randomUUID();
      await expectRejection(store().attachments.create({ id: empty, chunkCount: 0, size: 0, createdAt: at() }));
      expect(await store().attachments.get(empty)).toBeNull();
      await expectRejection(store().attachments.create({ id, chunkCount: 1, size: 1, createdAt: at() }));
    });

    it('completes only when every chunk has arrived, idempotently', async () => {
      const id = randomUUID();
      await store().attachments.create({ id, chunkCount: 2, size: 10, createdAt: at() });
      await store().attachments.chunkReceived(id, 0);
      await expectRejection(store().attachments.markComplete(id, at()));
      expect((await store().attachments.get(id))?.status).toBe('uploading');
      await store().attachments.chunkReceived(id, 1);
      const completedAt = at(10);
      await store().attachments.markComplete(id, completedAt);
      await store().attachments.markComplete(id, at(20));
      expect(await store().attachments.get(id)).toMatchObject({ status: 'complete', receivedChunks: 2, completedAt });
      expect(await store().attachments.chunkReceived(id, 0)).toBe(2);
      expect((await store().attachments.get(id))?.status).toBe('complete');
      await expectRejection(store().attachments.markComplete(randomUUID(), at()));
    });

    it('lists unclaimed uploads created before a date, and deletes them', async () => {
      const old = randomUUID();
      const recent = randomUUID();
      await store().attachments.create({ id: old, chunkCount: 1, size: 1, createdAt: at(-2 * DAY_MS) });
      await store().attachments.create({ id: recent, chunkCount: 1, size: 1, createdAt: at() });
      const claimed = await givenCompleteAttachment(store(), 1);
      await givenCase(store(), { attachmentIds: [claimed] });
      expect(await store().attachments.abandonedBefore(at(-DAY_MS), 10)).toEqual([old]);
      expect((await store().attachments.abandonedBefore(at(DAY_MS), 10)).sort()).toEqual([old, recent].sort());
      expect(await store().attachments.abandonedBefore(at(DAY_MS), 1)).toEqual([old]);
      await store().attachments.chunkReceived(old, 0);
      await store().attachments.delete(old);
      expect(await store().attachments.get(old)).toBeNull();
      expect(await store().attachments.receivedIndexes(old)).toEqual([]);
      expect(await store().attachments.abandonedBefore(at(DAY_MS), 10)).toEqual([recent]);
    });
  });
}
