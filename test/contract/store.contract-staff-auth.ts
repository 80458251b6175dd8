/**
 * Contract: staff sessions, one-time tokens, sign-in credentials, identity requests and
 * case views. Every check-and-change must hold under concurrency: a token, a TOTP step, a
 * recovery code and an identity decision are each accepted by exactly one caller.
 */
import { randomUUID } from 'node:crypto';
import { newJob } from '../../server/jobs/job-defaults';
import { JOB_NAMES } from '../../server/jobs/job-names';
import type { OneTimeToken, Store } from '../../server/ports/store.port';
import { expectRejection } from '../support/expect-rejection';
import { at, bytesOf, givenCase, givenStaff, newMessage } from '../support/factories';

const MINUTE = 60_000;

export function staffAuthContract(store: () => Store): void {
  describe('staff sessions', () => {
    it('creates, reads, touches forward only, and deletes one or all but one', async () => {
      const staff = await givenStaff(store());
      const base = Date.now();
      for (const hash of ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]) {
        await store().sessions.create({ tokenHash: hash, staffId: staff.id, createdAt: at(0, base), lastSeenAt: at(0, base), expiresAt: at(60 * MINUTE, base) });
      }
      expect(await store().sessions.getByHash('a'.repeat(64))).toEqual({
        tokenHash: 'a'.repeat(64), staffId: staff.id, createdAt: at(0, base), lastSeenAt: at(0, base), expiresAt: at(60 * MINUTE, base),
      });
      await store().sessions.touch('a'.repeat(64), at(5 * MINUTE, base));
      await store().sessions.touch('a'.repeat(64), at(2 * MINUTE, base));
      expect((await store().sessions.getByHash('a'.repeat(64)))?.lastSeenAt).toEqual(at(5 * MINUTE, base));
      await store().sessions.delete('a'.repeat(64));
      expect(await store().sessions.getByHash('a'.repeat(64))).toBeNull();
      expect(await store().sessions.deleteAllFor(staff.id, 'b'.repeat(64))).toBe(1);
      expect(await store().sessions.getByHash('b'.repeat(64))).not.toBeNull();
      expect(await store().sessions.deleteAllFor(staff.id)).toBe(1);
      expect(await store().sessions.getByHash('b'.repeat(64))).toBeNull();
    });
  });

  describe('one-time tokens', () => {
    const token = (overrides: Partial<OneTimeToken> = {}): OneTimeToken => ({
      tokenHash: randomUUID(), purpose: 'activation', staffId: null, createdAt: at(), expiresAt: at(MINUTE), ...overrides,
    });

    it('keeps the first of two creations, peeks without using, and is consumed once for its purpose only', async () => {
      const staff = await givenStaff(store());
      const first = token({ staffId: staff.id });
      await store().tokens.create(first);
      await store().tokens.create({ ...first, expiresAt: at(10 * MINUTE) });
      expect(await store().tokens.peek(first.tokenHash, 'activation', at())).toEqual(first);
      expect(await store().tokens.consume(first.tokenHash, 'recovery', at())).toBeNull();
      expect(await store().tokens.consume(first.tokenHash, 'activation', at())).toEqual(first);
      expect(await store().tokens.consume(first.tokenHash, 'activation', at())).toBeNull();
      expect(await store().tokens.peek(first.tokenHash, 'activation', at())).toBeNull();
    });

    it('does not give out an expired token', async () => {
      const expired = token({ expiresAt: at(-1) });
      await store().tokens.create(expired);
      expect(await store().tokens.peek(expired.tokenHash, 'activation', at())).toBeNull();
      expect(await store().tokens.consume(expired.tokenHash, 'activation', at())).toBeNull();
    });

    it('gives a token to exactly one of many concurrent consumers', async () => {
      const once = token({ purpose: 'setup' });
      await store().tokens.create(once);
      const results = await Promise.all(Array.from({ length: 8 }, () => store().tokens.consume(once.tokenHash, 'setup', at())));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it('revokes a purpose for one staff member, or the staff-less ones, except one', async () => {
      const a = await givenStaff(store());
      const b = await givenStaff(store());
      const [a1, a2, b1, s1, s2] = [token({ staffId: a.id }), token({ staffId: a.id }), token({ staffId: b.id }), token({ purpose: 'setup' }), token({ purpose: 'setup' })];
      for (const t of [a1, a2, b1, s1, s2]) await store().tokens.create(t);
      await store().tokens.revoke('activation', a.id, a2.tokenHash);
      await store().tokens.revoke('setup', null);
      const alive = async (t: OneTimeToken) => (await store().tokens.peek(t.tokenHash, t.purpose, at())) !== null;
      expect(await Promise.all([a1, a2, b1, s1, s2].map(alive))).toEqual([false, true, true, false, false]);
    });
  });

  describe('sign-in credentials', () => {
    it('starts empty, enrols, and replaces recovery codes on a new enrolment', async () => {
      const staff = await givenStaff(store());
      expect(await store().credentials.get(staff.id)).toEqual({ staffId: staff.id, recoveryHash: null, totpLastStep: 0, failedLogins: 0, lockedUntil: null });
      await store().credentials.enrol(staff.id, 'recovery-hash', ['c1', 'c2', 'c3'], 100);
      expect(await store().credentials.get(staff.id)).toEqual({ staffId: staff.id, recoveryHash: 'recovery-hash', totpLastStep: 100, failedLogins: 0, lockedUntil: null });
      expect(await store().credentials.remainingRecoveryCodes(staff.id)).toBe(3);
      await store().credentials.enrol(staff.id, 'other', ['c9'], 100);
      expect(await store().credentials.useRecoveryCode(staff.id, 'c1')).toBe(false);
      expect(await store().credentials.remainingRecoveryCodes(staff.id)).toBe(1);
    });

    it('accepts only newer TOTP steps, once each, even concurrently', async () => {
      const staff = await givenStaff(store());
      expect(await store().credentials.useTotpStep(staff.id, 10)).toBe(true);
      expect(await store().credentials.useTotpStep(staff.id, 10)).toBe(false);
      expect(await store().credentials.useTotpStep(staff.id, 9)).toBe(false);
      const results = await Promise.all(Array.from({ length: 6 }, () => store().credentials.useTotpStep(staff.id, 11)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store().credentials.get(staff.id)).totpLastStep).toBe(11);
      const fresh = await givenStaff(store());
      const firstUse = await Promise.all(Array.from({ length: 6 }, () => store().credentials.useTotpStep(fresh.id, 5)));
      expect(firstUse.filter(Boolean)).toHaveLength(1);
    });

    it('uses each recovery code once, even concurrently, and only its owner’s', async () => {
      const staff = await givenStaff(store());
      const other = await givenStaff(store());
      await store().credentials.enrol(staff.id, 'h', ['c1', 'c2'], 0);
      expect(await store().credentials.useRecoveryCode(other.id, 'c1')).toBe(false);
      const results = await Promise.all(Array.from({ length: 6 }, () => store().credentials.useRecoveryCode(staff.id, 'c1')));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().credentials.remainingRecoveryCodes(staff.id)).toBe(1);
    });

    it('counts failures atomically, locks and clears', async () => {
      const staff = await givenStaff(store());
      const counts = await Promise.all(Array.from({ length: 5 }, () => store().credentials.recordFailure(staff.id)));
      expect([...counts].sort()).toEqual([1, 2, 3, 4, 5]);
      await store().credentials.lockUntil(staff.id, at(MINUTE, 1_700_000_000_000));
      expect(await store().credentials.get(staff.id)).toMatchObject({ failedLogins: 5, lockedUntil: at(MINUTE, 1_700_000_000_000) });
      await store().credentials.clearFailures(staff.id);
      expect(await store().credentials.get(staff.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
    });
  });

  describe('identity requests', () => {
    it('stores requests with their sealed reasons, lists newest first by status or case, and decides once', async () => {
      const officer = await givenStaff(store());
      const record = await givenCase(store());
      const reasons = [{ custodianId: 'custodian-1', sealed: bytesOf(80) }, { custodianId: 'custodian-2', sealed: bytesOf(80) }];
      const older = { id: randomUUID(), caseId: record.id, channelId: record.channelId, requesterId: officer.id, reason: bytesOf(60), custodianReasons: reasons, createdAt: at(-MINUTE) };
      const newer = { ...older, id: randomUUID(), reason: bytesOf(60), createdAt: at() };
      await store().identityRequests.create(older, []);
      await store().identityRequests.create(newer, []);
      expect(await store().identityRequests.get(older.id)).toEqual({ ...older, status: 'pending', decidedBy: null, decidedAt: null });
      expect((await store().identityRequests.list({ status: 'pending', limit: 10 })).map((r) => r.id)).toEqual([newer.id, older.id]);
      expect((await store().identityRequests.list({ caseId: record.id, limit: 1 })).map((r) => r.id)).toEqual([newer.id]);

      const decisions = await Promise.all([
        store().identityRequests.decide(older.id, 'approved', 'custodian-1', at()),
        store().identityRequests.decide(older.id, 'refused', 'custodian-2', at()),
      ]);
      expect(decisions.filter(Boolean)).toHaveLength(1);
      const decided = await store().identityRequests.get(older.id);
      expect(decided?.status).toBe(decisions[0] ? 'approved' : 'refused');
      expect((await store().identityRequests.list({ status: 'pending', limit: 10 })).map((r) => r.id)).toEqual([newer.id]);
      expect(await store().identityRequests.get('missing')).toBeNull();
    });

    it('writes a request and its jobs together, or neither', async () => {
      const officer = await givenStaff(store());
      const record = await givenCase(store());
      const request = {
        id: randomUUID(), caseId: record.id, channelId: record.channelId, requesterId: officer.id, reason: bytesOf(60),
        custodianReasons: [{ custodianId: 'custodian-1', sealed: bytesOf(80) }], createdAt: at(),
      };
      const mail = (custodianId: string) => newJob(JOB_NAMES.notify, [record.id, 'identity-request', request.id, custodianId], { caseId: record.id, event: 'identity-request', staffId: custodianId, ref: request.id });
      await store().identityRequests.create(request, [mail('custodian-1')]);
      expect(await store().identityRequests.get(request.id)).toMatchObject({ id: request.id, status: 'pending' });
      expect((await store().outbox.get(mail('custodian-1').id))?.payload).toEqual(mail('custodian-1').payload);

      // The same id again fails on the request, and takes its job down with it.
      await expectRejection(store().identityRequests.create({ ...request, reason: bytesOf(60) }, [mail('custodian-2')]));
      expect(await store().outbox.get(mail('custodian-2').id)).toBeNull();
    });
  });

  describe('case views', () => {
    it('counts reporter messages since the staff member last opened each case', async () => {
      const officer = await givenStaff(store());
      const a = await givenCase(store());
      const b = await givenCase(store());
      const base = Date.now();
      await store().messages.add(newMessage(a.id, { createdAt: at(-3000, base) }), []);
      await store().messages.add(newMessage(a.id, { createdAt: at(-1000, base) }), []);
      await store().messages.add(newMessage(a.id, { createdAt: at(-500, base), author: officer.id }), []);
      await store().messages.add(newMessage(a.id, { createdAt: at(-400, base), author: officer.id, kind: 'note' }), []);
      await store().messages.add(newMessage(b.id, { createdAt: at(-2000, base) }), []);
      expect(await store().caseViews.unreadCounts(officer.id, [a.id, b.id, 'unknown'])).toEqual(new Map([[a.id, 2], [b.id, 1], ['unknown', 0]]));
      await store().caseViews.markViewed(a.id, officer.id, at(-2000, base));
      await store().caseViews.markViewed(a.id, officer.id, at(-5000, base));
      expect((await store().caseViews.unreadCounts(officer.id, [a.id])).get(a.id)).toBe(1);
      await store().caseViews.markViewed(a.id, officer.id, at(0, base));
      expect((await store().caseViews.unreadCounts(officer.id, [a.id, b.id]))).toEqual(new Map([[a.id, 0], [b.id, 1]]));
      expect(await store().caseViews.unreadCounts(officer.id, [])).toEqual(new Map());
    });
  });
}
