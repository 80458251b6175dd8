/**
 * Who leads a new case. Pure: the route-case job loads the facts, this decides, so every
 * rule (department, workload, absence, the reporter's exclusions, the supervisor fallback)
 * is unit-tested without a store.
 *
 * The reporter's browser sealed the case key to the channel's officers minus the ones the
 * reporter excluded, so "sealed to" already carries the exclusions: an officer without a
 * case key is never chosen, because they could not read the report.
 */
import type { Role, StaffStatus } from '../../server/ports/store.port';

export interface RoutingCandidate {
  id: string;
  status: StaffStatus;
  roles: readonly Role[];
  department: string | null;
  awayFrom: Date | null;
  awayUntil: Date | null;
  /** a channel member with the supervisor flag */
  supervisor: boolean;
  /** holds a 'case' wrapped key for this case */
  sealed: boolean;
  /** open (not closed) cases this person leads now */
  openCases: number;
}

export interface RoutingRule {
  category: string;
  department: string;
}

export interface RoutingInput {
  category: string;
  rules: readonly RoutingRule[];
  /** the channel's members only: membership is checked by whoever builds this list */
  candidates: readonly RoutingCandidate[];
  now: Date;
}

export type RoutingDecision =
  | { assigneeId: string; flagged: false; reason: 'department' | 'workload' }
  /** nobody sealed to could take it: a supervisor leads, and may need a colleague to grant access */
  | { assigneeId: string; flagged: true; reason: 'supervisor' }
  /** not even a supervisor: the case waits, flagged, for an administrator */
  | { assigneeId: null; flagged: true; reason: 'nobody' };

/**
 * Away when today falls in [awayFrom, awayUntil). An open end means "until further notice"
 * or "since always", which is how a form with one date left empty reads.
 */
export function isAway(person: Pick<RoutingCandidate, 'awayFrom' | 'awayUntil'>, now: Date): boolean {
  const { awayFrom, awayUntil } = person;
  if (awayFrom === null && awayUntil === null) return false;
  const started = awayFrom === null || awayFrom.getTime() <= now.getTime();
  const notOver = awayUntil === null || now.getTime() < awayUntil.getTime();
  return started && notOver;
}

const usable = (c: RoutingCandidate): boolean => c.status === 'active';

/** Fewest open cases first; ids break ties so two workers given the same facts agree. */
function byWorkload(a: RoutingCandidate, b: RoutingCandidate): number {
  if (a.openCases !== b.openCases) return a.openCases - b.openCases;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function departmentsFor(category: string, rules: readonly RoutingRule[]): Set<string> {
  return new Set(rules.filter((rule) => rule.category === category).map((rule) => rule.department));
}

export function eligibleOfficers(input: RoutingInput): RoutingCandidate[] {
  return input.candidates.filter((c) => usable(c) && c.sealed && c.roles.includes('officer') && !isAway(c, input.now));
}

export function chooseOfficer(input: RoutingInput): RoutingDecision {
  const eligible = eligibleOfficers(input);
  if (eligible.length > 0) {
    const departments = departmentsFor(input.category, input.rules);
    const inDepartment = eligible.filter((c) => c.department !== null && departments.has(c.department));
    // The rule says who handles this kind of case first; workload only decides among them.
    const pool = inDepartment.length > 0 ? inDepartment : eligible;
    const [chosen] = [...pool].sort(byWorkload);
    if (chosen !== undefined) {
      return { assigneeId: chosen.id, flagged: false, reason: inDepartment.length > 0 ? 'department' : 'workload' };
    }
  }
  return supervisorFallback(input);
}

/**
 * A supervisor who can already read the case is preferred, then one who is present; an
 * away supervisor still beats nobody, since someone has to own the deadline.
 */
function supervisorFallback(input: RoutingInput): RoutingDecision {
  const supervisors = input.candidates.filter((c) => usable(c) && c.supervisor);
  const rank = (c: RoutingCandidate): number => (c.sealed ? 0 : 2) + (isAway(c, input.now) ? 1 : 0);
  const [chosen] = [...supervisors].sort((a, b) => rank(a) - rank(b) || byWorkload(a, b));
  if (chosen === undefined) return { assigneeId: null, flagged: true, reason: 'nobody' };
  return { assigneeId: chosen.id, flagged: true, reason: 'supervisor' };
}
