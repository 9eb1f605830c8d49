/** SPEC 2.3, the reallocation plan, on small hand-worked teams. */
import { describe, expect, it } from 'vitest';
import { planReallocation, planReason, type Plan, type PlanOptions } from '../../src/analyse/plan.js';
import type { Config } from '../../src/config/schema.js';
import type { CaseRecord, OfficerRecord } from '../../src/read/records.js';
import { AS_OF, caseRecord, configWith, crns, daysAgo, exportsOf, officer, run } from './builders.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';

function planFor(officers: OfficerRecord[], cases: CaseRecord[], options: Partial<PlanOptions> & { config?: Config } = {}): Plan {
  const config = options.config ?? DEFAULT_CONFIG;
  const exports = exportsOf({ officers, cases });
  const report = run(exports, { config });
  return planReallocation(
    { officers: exports.officers, cases: exports.cases, officerResults: report.officers, caseResults: report.cases },
    { asOf: AS_OF, config, ...options },
  );
}

/** Officer L has left team T (PDU P); receivers are added per test. */
const leaver = officer({ officerId: 'L', team: 'T', pdu: 'P', status: 'left', statusSince: daysAgo(30) });
const po = (officerId: string, overrides: Partial<OfficerRecord> = {}): OfficerRecord => officer({ officerId, team: 'T', pdu: 'P', ...overrides });
/** A case of the leaver: a medium-risk B2 (115 points) unless said otherwise. */
const ofLeaver = (crn: string, overrides: Partial<CaseRecord> = {}): CaseRecord => caseRecord({ crn, officerId: 'L', tier: 'B2', ...overrides });
/** Cases that fill an officer: `count` high-risk A3 cases seen yesterday (206 points each). */
const load = (officerId: string, count: number): CaseRecord[] =>
  crns(`${officerId}-`, count).map((crn) => caseRecord({ crn, officerId, tier: 'A3', risk: 'high' }));

const moved = (plan: Plan): [string, string][] => plan.moves.map((move) => [move.crn, move.to_officer]);
const unplaced = (plan: Plan): [string, string][] => plan.unplaced.map((item) => [item.crn, item.why]);

describe('cases to move and their reason', () => {
  it('precedence: officer_left, officer_absent, unallocated, unknown_officer', () => {
    expect(planReason(['not_seen', 'officer_left', 'overdue'])).toBe('officer_left');
    expect(planReason(['officer_absent', 'unknown_officer'])).toBe('officer_absent');
    expect(planReason(['unallocated', 'unknown_officer'])).toBe('unallocated');
    expect(planReason(['unknown_officer'])).toBe('unknown_officer');
    expect(planReason(['not_seen', 'never_seen', 'overdue'])).toBeNull();
  });

  it('moves leavers\', long-absent officers\', unallocated and unknown officers\' cases; not the rest', () => {
    const plan = planFor(
      [
        leaver,
        po('S', { status: 'sick', statusSince: daysAgo(30) }),
        po('B', { status: 'sick', statusSince: daysAgo(10) }), // absent 10 days: not yet officer_absent
        po('R'),
      ],
      [
        ofLeaver('C1'),
        caseRecord({ crn: 'C2', officerId: 'S', tier: 'B2' }),
        caseRecord({ crn: 'C3', officerId: null, tier: 'B2', team: 'T' }),
        caseRecord({ crn: 'C4', officerId: 'ZZ9', tier: 'B2', team: 'T' }),
        caseRecord({ crn: 'C5', officerId: 'B', tier: 'B2' }),
        caseRecord({ crn: 'C6', officerId: 'R', tier: 'B2', lastContact: daysAgo(80) }), // not_seen: lost, but its officer holds it
        ofLeaver('C7', { status: 'custody' }), // custody cases are not flagged lost
        ofLeaver('C8', { status: 'terminated' }),
      ],
    );
    expect(plan.summary).toMatchObject({ cases_to_move: 4, placed: 4, unplaced: 0 });
    expect(plan.summary.by_reason).toEqual({ officer_left: 1, officer_absent: 1, unallocated: 1, unknown_officer: 1 });
    expect(Object.fromEntries(plan.moves.map((move) => [move.crn, move.reason]))).toEqual({
      C1: 'officer_left',
      C2: 'officer_absent',
      C3: 'unallocated',
      C4: 'unknown_officer',
    });
  });

  it('a warrant case of a leaver moves too, scoring 0', () => {
    const plan = planFor([leaver, po('R')], [ofLeaver('W1', { status: 'warrant' })]);
    expect(plan.moves).toMatchObject([{ crn: 'W1', points: 0, to_officer: 'R', capacity_before: 0, capacity_after: 0 }]);
  });
});

describe('home team', () => {
  it('a leaver\'s case: the officer\'s team, whatever the case\'s own team column says', () => {
    const plan = planFor([leaver, po('R'), officer({ officerId: 'Q', team: 'Elsewhere', pdu: 'Other' })], [ofLeaver('C1', { team: 'Elsewhere' })]);
    expect(plan.moves).toMatchObject([{ crn: 'C1', home_team: 'T', to_officer: 'R', to_team: 'T' }]);
  });

  it('an unallocated or unknown officer\'s case: its own team column; none → no_team', () => {
    const plan = planFor(
      [po('R'), officer({ officerId: 'Q', team: 'U', pdu: 'P' })],
      [
        caseRecord({ crn: 'C1', officerId: null, tier: 'B2', team: 'U' }),
        caseRecord({ crn: 'C2', officerId: 'ZZ9', tier: 'C1', team: 'T' }),
        caseRecord({ crn: 'C3', officerId: null, tier: 'D1', team: null, pdu: 'P' }),
      ],
    );
    expect(moved(plan)).toEqual([
      ['C1', 'Q'],
      ['C2', 'R'],
    ]);
    expect(plan.unplaced).toEqual([{ crn: 'C3', name: null, risk: 'medium', points: 29, reason: 'unallocated', from_officer: null, home_team: null, why: 'no_team' }]);
  });
});

describe('order: points descending, then priority; lowest capacity after, ties by officer_id', () => {
  it('A3 (206) first; then of two B2 (115) the very_high one (higher priority); each to the lowest capacity after', () => {
    const plan = planFor(
      [leaver, po('R1'), po('R2')],
      [ofLeaver('A', { tier: 'B2', risk: 'medium' }), ofLeaver('B', { tier: 'A3', risk: 'medium' }), ofLeaver('C', { tier: 'B2', risk: 'very_high' })],
    );
    // B: both at 0 → R1 (officer_id). C: R2 0 → 5.3 beats R1 9.5 → 14.8. A: R2 5.3 → 10.6 beats R1 9.5 → 14.8.
    expect(plan.moves.map((move) => [move.crn, move.points, move.to_officer, move.capacity_before, move.capacity_after])).toEqual([
      ['B', 206, 'R1', 0, 9.5],
      ['C', 115, 'R2', 0, 5.3],
      ['A', 115, 'R2', 5.3, 10.6],
    ]);
    expect(plan.receivers).toEqual([
      { officer_id: 'R1', name: null, team: 'T', cases_received: 1, points_received: 206, capacity_before: 0, capacity_after: 9.5 },
      { officer_id: 'R2', name: null, team: 'T', cases_received: 2, points_received: 230, capacity_before: 0, capacity_after: 10.6 },
    ]);
  });

  it('equal capacity after: the lower officer_id, whatever the file order', () => {
    const plan = planFor([leaver, po('Z1'), po('A9'), po('M5')], [ofLeaver('C1')]);
    expect(moved(plan)).toEqual([['C1', 'A9']]);
  });

  it('the lowest capacity after the move, not before: a part-timer at less may end higher', () => {
    // F: 37 h, 5 × A3 = 1030 of 2176 (47.3%) → +206 = 1236 (56.8%).
    // P: 18.5 h, 2 × A3 + D1 = 441 of 1088 (40.5%) → +206 = 647 (59.5%): F, though P is lower before.
    const plan = planFor(
      [leaver, po('F'), po('P', { contractedHours: 18.5 })],
      [...load('F', 5), ...load('P', 2), caseRecord({ crn: 'P-D1', officerId: 'P', tier: 'D1' }), ofLeaver('C1', { tier: 'A3' })],
    );
    expect(plan.moves).toMatchObject([{ crn: 'C1', to_officer: 'F', capacity_before: 47.3, capacity_after: 56.8 }]);
  });

  it('a receiver\'s points grow before the next case is placed', () => {
    // R1 holds one A3 (9.5%); R2 none. Three B2: R2 0 → 5.3, R2 5.3 → 10.6 (beats R1 9.5 → 14.8), R1 9.5 → 14.8 (beats R2 10.6 → 15.9).
    const plan = planFor([leaver, po('R1'), po('R2')], [...load('R1', 1), ofLeaver('C1'), ofLeaver('C2'), ofLeaver('C3')]);
    expect(moved(plan)).toEqual([
      ['C1', 'R2'],
      ['C2', 'R2'],
      ['C3', 'R1'],
    ]);
  });
});

describe('receivers and the grade rules', () => {
  it('only officers in post with a capacity, and no SPO', () => {
    const plan = planFor(
      [
        leaver,
        po('A1', { grade: 'SPO' }),
        po('A2', { status: 'sick', statusSince: daysAgo(2) }),
        po('A3', { reductionPct: 100 }),
        po('A4', { contractedHours: null }),
        officer({ officerId: 'A5', team: 'T', pdu: 'P', status: 'left' }),
        po('Z9'),
      ],
      [ofLeaver('C1')],
    );
    expect(moved(plan)).toEqual([['C1', 'Z9']]);
  });

  it('a PSO takes low and medium cases, not high, very_high or unknown risk', () => {
    const officers = [leaver, po('PSO1', { grade: 'PSO' })];
    const plan = planFor(officers, [
      ofLeaver('LOW', { risk: 'low' }),
      ofLeaver('MED', { risk: 'medium' }),
      ofLeaver('HIGH', { risk: 'high' }),
      ofLeaver('VH', { risk: 'very_high' }),
      ofLeaver('UNK', { risk: null }),
    ]);
    expect(moved(plan).map(([crn]) => crn).sort()).toEqual(['LOW', 'MED']);
    expect(unplaced(plan).sort()).toEqual([
      ['HIGH', 'no_eligible_officer'],
      ['UNK', 'no_eligible_officer'],
      ['VH', 'no_eligible_officer'],
    ]);
  });

  it('an officer who started 365 days ago or fewer takes no high or very_high case, but unknown risk; 366 days takes any', () => {
    const first = planFor([leaver, po('N', { startDate: daysAgo(365) })], [ofLeaver('HIGH', { risk: 'high' }), ofLeaver('VH', { risk: 'very_high' }), ofLeaver('UNK', { risk: null })]);
    expect(moved(first)).toEqual([['UNK', 'N']]);
    expect(unplaced(first).map(([, why]) => why)).toEqual(['no_eligible_officer', 'no_eligible_officer']);
    const second = planFor([leaver, po('N', { startDate: daysAgo(366) })], [ofLeaver('HIGH', { risk: 'high' })]);
    expect(moved(second)).toEqual([['HIGH', 'N']]);
  });

  it('a high case passes over a PSO with room to the PO with less', () => {
    const plan = planFor([leaver, po('A', { grade: 'PSO' }), po('B')], [...load('B', 5), ofLeaver('C1', { risk: 'high' })]);
    expect(moved(plan)).toEqual([['C1', 'B']]);
  });
});

describe('the capacity limit (plan.max_capacity_pct, --max-capacity)', () => {
  // R holds 4 × A3 = 824; the case is an untiered medium, 79: after = 903 of the capacity.
  const officers = [leaver, po('R')];
  const cases = [...load('R', 4), ofLeaver('C1', { tier: null, risk: 'medium' })];
  const withTarget = (target: number) => configWith((c) => (c.nominal_target = target));

  it('exactly 100% after the move is allowed: 903 of 903', () => {
    expect(planFor(officers, cases, { config: withTarget(903) }).moves).toMatchObject([{ crn: 'C1', capacity_before: 91.3, capacity_after: 100 }]);
  });

  it('above 100% is not: 903 of 902 (100.1%) → no_capacity', () => {
    expect(unplaced(planFor(officers, cases, { config: withTarget(902) }))).toEqual([['C1', 'no_capacity']]);
  });

  it('config plan.max_capacity_pct 110, and --max-capacity over it: 903 of 821 is 110.0%', () => {
    const config = configWith((c) => {
      c.nominal_target = 821;
      c.plan.max_capacity_pct = 110;
    });
    expect(planFor(officers, cases, { config }).summary).toMatchObject({ placed: 1, max_capacity_pct: 110 });
    expect(planFor(officers, cases, { config, maxCapacityPct: 109 }).summary).toMatchObject({ placed: 0, unplaced: 1, max_capacity_pct: 109 });
  });
});

describe('the PDU beyond the home team (plan.scope)', () => {
  // T's only receiver R is full (11 × A3 = 2266 > 2176); U in the same PDU P has room; V is in PDU Q.
  const officers = [leaver, po('R'), officer({ officerId: 'U1', team: 'U', pdu: 'P' }), officer({ officerId: 'V1', team: 'V', pdu: 'Q' })];
  const cases = [...load('R', 11), ofLeaver('C1')];

  it('scope pdu (default): to an officer of another team of the PDU', () => {
    expect(planFor(officers, cases).moves).toMatchObject([{ crn: 'C1', home_team: 'T', to_officer: 'U1', to_team: 'U' }]);
  });

  it('scope team: no_capacity', () => {
    const config = configWith((c) => (c.plan.scope = 'team'));
    expect(unplaced(planFor(officers, cases, { config }))).toEqual([['C1', 'no_capacity']]);
  });

  it('never to another PDU: with U full too, no_capacity', () => {
    expect(unplaced(planFor(officers, [...cases, ...load('U1', 11)]))).toEqual([['C1', 'no_capacity']]);
  });

  it('the home team first, even when the PDU has someone emptier', () => {
    const plan = planFor(officers, [...load('R', 5), ofLeaver('C1')]);
    expect(moved(plan)).toEqual([['C1', 'R']]);
  });

  it('no eligible officer in the team or the PDU: no_eligible_officer; eligible but full: no_capacity', () => {
    const psoOnly = [leaver, po('S1', { grade: 'PSO' }), officer({ officerId: 'U1', team: 'U', pdu: 'P', grade: 'PSO' })];
    expect(unplaced(planFor(psoOnly, [ofLeaver('C1', { risk: 'high' })]))).toEqual([['C1', 'no_eligible_officer']]);
    expect(unplaced(planFor([...psoOnly, po('R')], [...load('R', 11), ofLeaver('C1', { risk: 'high' })]))).toEqual([['C1', 'no_capacity']]);
  });
});

describe('--team / --pdu', () => {
  it('plan only the cases whose home team (home PDU) is named, without regard to case', () => {
    const officers = [leaver, po('R'), officer({ officerId: 'L2', team: 'U', pdu: 'Q', status: 'left' }), officer({ officerId: 'R2', team: 'U', pdu: 'Q' })];
    const cases = [ofLeaver('C1'), caseRecord({ crn: 'C2', officerId: 'L2', tier: 'B2' })];
    expect(moved(planFor(officers, cases, { teams: ['u'] }))).toEqual([['C2', 'R2']]);
    expect(moved(planFor(officers, cases, { pdus: ['p'] }))).toEqual([['C1', 'R']]);
    expect(planFor(officers, cases).summary.cases_to_move).toBe(2);
  });
});
