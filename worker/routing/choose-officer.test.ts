import { chooseOfficer, eligibleOfficers, isAway, type RoutingCandidate, type RoutingInput } from './choose-officer';

const NOW = new Date('2025-03-10T09:00:00Z');
const day = 24 * 3600 * 1000;

function officer(id: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate {
  return {
    id,
    status: 'active',
    roles: ['officer'],
    department: null,
    awayFrom: null,
    awayUntil: null,
    supervisor: false,
    sealed: true,
    openCases: 0,
    ...over,
  };
}

function input(candidates: RoutingCandidate[], over: Partial<RoutingInput> = {}): RoutingInput {
  return { category: 'bribery', rules: [], candidates, now: NOW, ...over };
}

describe('isAway', () => {
  it('is away inside [from, until) and present outside', () => {
    const span = { awayFrom: new Date(NOW.getTime() - day), awayUntil: new Date(NOW.getTime() + day) };
    expect(isAway(span, NOW)).toBe(true);
    expect(isAway(span, new Date(NOW.getTime() + day))).toBe(false);
    expect(isAway(span, new Date(NOW.getTime() - 2 * day))).toBe(false);
  });

  it('reads an empty end as open', () => {
    expect(isAway({ awayFrom: new Date(NOW.getTime() - day), awayUntil: null }, NOW)).toBe(true);
    expect(isAway({ awayFrom: new Date(NOW.getTime() + day), awayUntil: null }, NOW)).toBe(false);
    expect(isAway({ awayFrom: null, awayUntil: new Date(NOW.getTime() + day) }, NOW)).toBe(true);
    expect(isAway({ awayFrom: null, awayUntil: new Date(NOW.getTime() - day) }, NOW)).toBe(false);
    expect(isAway({ awayFrom: null, awayUntil: null }, NOW)).toBe(false);
  });
});

describe('chooseOfficer', () => {
  it('prefers the department named by the rule for the category, even with more work', () => {
    const decision = chooseOfficer(
      input(
        [officer('a', { department: 'finance', openCases: 0 }), officer('b', { department: 'procurement', openCases: 5 })],
        { rules: [{ category: 'bribery', department: 'procurement' }, { category: 'other', department: 'finance' }] },
      ),
    );
    expect(decision).toEqual({ assigneeId: 'b', flagged: false, reason: 'department' });
  });

  it('balances by open cases inside the preferred department', () => {
    const decision = chooseOfficer(
      input(
        [
          officer('a', { department: 'procurement', openCases: 4 }),
          officer('b', { department: 'procurement', openCases: 1 }),
          officer('c', { department: 'finance', openCases: 0 }),
        ],
        { rules: [{ category: 'bribery', department: 'procurement' }] },
      ),
    );
    expect(decision.assigneeId).toBe('b');
  });

  it('falls back to everyone eligible when the rule names a department nobody eligible is in', () => {
    const decision = chooseOfficer(
      input([officer('a', { department: 'finance', openCases: 3 }), officer('b', { openCases: 2 })], {
        rules: [{ category: 'bribery', department: 'legal' }],
      }),
    );
    expect(decision).toEqual({ assigneeId: 'b', flagged: false, reason: 'workload' });
  });

  it('chooses the least loaded officer and breaks ties by id, whatever the input order', () => {
    const people = [officer('m', { openCases: 2 }), officer('k', { openCases: 1 }), officer('z', { openCases: 1 })];
    expect(chooseOfficer(input(people)).assigneeId).toBe('k');
    expect(chooseOfficer(input([...people].reverse())).assigneeId).toBe('k');
  });

  it('skips officers who are away today', () => {
    const decision = chooseOfficer(
      input([
        officer('a', { openCases: 0, awayFrom: new Date(NOW.getTime() - day), awayUntil: new Date(NOW.getTime() + 7 * day) }),
        officer('b', { openCases: 9 }),
      ]),
    );
    expect(decision.assigneeId).toBe('b');
  });

  it('never chooses an officer the reporter excluded (not sealed to), nor a deactivated or non-officer member', () => {
    const people = [
      officer('excluded', { sealed: false }),
      officer('gone', { status: 'deactivated' }),
      officer('invited', { status: 'invited' }),
      officer('custodian', { roles: ['custodian'] }),
      officer('ok', { openCases: 12 }),
    ];
    expect(eligibleOfficers(input(people)).map((c) => c.id)).toEqual(['ok']);
    expect(chooseOfficer(input(people)).assigneeId).toBe('ok');
  });

  it('falls back to the supervisor and flags the case when no officer is available', () => {
    const decision = chooseOfficer(
      input([
        officer('away', { awayFrom: new Date(NOW.getTime() - day), awayUntil: null }),
        officer('excluded', { sealed: false }),
        officer('boss', { supervisor: true, sealed: false, roles: ['officer'], openCases: 30 }),
      ]),
    );
    expect(decision).toEqual({ assigneeId: 'boss', flagged: true, reason: 'supervisor' });
  });

  it('prefers a supervisor who can read the case, then one who is present', () => {
    const away = { awayFrom: new Date(NOW.getTime() - day), awayUntil: null };
    const sup = (id: string, over: Partial<RoutingCandidate>) => officer(id, { supervisor: true, roles: ['admin'], ...over });
    expect(chooseOfficer(input([sup('s1', { sealed: false }), sup('s2', { sealed: true, ...away })])).assigneeId).toBe('s2');
    expect(chooseOfficer(input([sup('s1', { sealed: false, ...away }), sup('s2', { sealed: false, openCases: 3 })])).assigneeId).toBe('s2');
    expect(chooseOfficer(input([sup('s1', { sealed: false, status: 'deactivated' })]))).toEqual({ assigneeId: null, flagged: true, reason: 'nobody' });
  });

  it('flags the case with no assignee when the channel has nobody at all', () => {
    expect(chooseOfficer(input([]))).toEqual({ assigneeId: null, flagged: true, reason: 'nobody' });
  });
});
