/** SPEC 2.2 officers: caseload, points, capacity, counts, flags and ranking. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import type { CaseRecord, OfficerRecord } from '../../src/read/records.js';
import { parseTier } from '../../src/read/values.js';
import { casePoints, pointsTable } from '../../src/analyse/officers.js';
import { caseRecord, configWith, crns, day, daysAgo, exportsOf, officer, officerIn, run } from './builders.js';

const one = (cases: CaseRecord[], officerOverrides: Partial<OfficerRecord> = {}) =>
  officerIn(run(exportsOf({ officers: [officer(officerOverrides)], cases })), 'O1');

describe('caseload and by_risk', () => {
  it('count custody and warrant cases, not terminated or other officers’ cases', () => {
    const result = one([
      caseRecord({ crn: 'A', risk: 'high' }),
      caseRecord({ crn: 'B', risk: 'medium', status: 'custody' }),
      caseRecord({ crn: 'C', risk: 'low', status: 'warrant' }),
      caseRecord({ crn: 'D', risk: 'very_high', status: 'terminated' }),
      caseRecord({ crn: 'E', risk: null }),
      caseRecord({ crn: 'F', risk: 'high', officerId: null }),
      caseRecord({ crn: 'G', risk: 'high', officerId: 'O2' }),
    ]);
    expect(result.caseload).toBe(4);
    expect(result.by_risk).toEqual({ very_high: 0, high: 1, medium: 1, low: 1, unknown: 1 });
  });

  it('an officer with no cases has caseload 0 and zero counts', () => {
    expect(one([])).toMatchObject({
      caseload: 0,
      by_risk: { very_high: 0, high: 0, medium: 0, low: 0, unknown: 0 },
      points: 0,
      capacity_pct: 0,
      overdue: 0,
      lost: 0,
      seen_on_time_pct: null,
    });
  });
});

describe('points', () => {
  const pointsFor = (overrides: Partial<CaseRecord>): number => one([caseRecord(overrides)]).points;

  it('the reader keeps tier B2S as written', () => {
    expect(parseTier('B2S')).toBe('B2S');
  });

  // Hand-worked from SPEC 2.2's seed tables (community / licence / custody):
  // A3 206/219/75, A0 110/0/0, B2 115/132/48, C1 50/52/23, D0 29/0/0, D1 29/31/13.
  it.each([
    ['community: no sentence_type, tier B2', { tier: 'B2', risk: 'high' }, 115],
    ['community: community_order A3', { tier: 'A3', risk: 'low', sentenceType: 'community_order' }, 206],
    ['community: suspended_sentence C1', { tier: 'C1', sentenceType: 'suspended_sentence' }, 50],
    ['community: other text ("Unpaid work") A0', { tier: 'A0', sentenceType: 'Unpaid work' }, 110],
    ['community: tier D0 over very_high risk: the tier wins', { tier: 'D0', risk: 'very_high' }, 29],
    // An S tier marks the case for Probation Reset; MAPPA 1 exempts it, so it is scored in full here
    // (in reset it would score reset_weight, 0 by default, of these points: see the reset tests).
    ['community: S tier B2S scores as B2', { tier: parseTier('B2S') as string, risk: 'high', mappaLevel: 1 }, 115],
    ['licence: licence B2', { tier: 'B2', sentenceType: 'licence' }, 132],
    ['licence: pss A3', { tier: 'A3', sentenceType: 'pss' }, 219],
    ['licence: "Licence" in any case, D1', { tier: 'D1', sentenceType: 'Licence' }, 31],
    ['licence: A0 scores the seed value 0', { tier: 'A0', sentenceType: 'licence' }, 0],
    ['licence: S tier B2S scores as B2', { tier: parseTier('B2S') as string, sentenceType: 'licence', mappaLevel: 1 }, 132],
    ['custody: B2 (the custody table, not a weight)', { tier: 'B2', status: 'custody' }, 48],
    ['custody: a licence case in custody still scores custody, A3', { tier: 'A3', status: 'custody', sentenceType: 'licence' }, 75],
    ['custody: C1', { tier: 'C1', status: 'custody' }, 23],
    ['custody: S tier B2S scores as B2', { tier: parseTier('B2S') as string, status: 'custody' }, 48],
    ['fallback: untiered very_high', { tier: null, risk: 'very_high' }, 206],
    ['fallback: untiered high', { tier: null, risk: 'high' }, 146],
    ['fallback: untiered medium', { tier: null, risk: 'medium' }, 79],
    ['fallback: untiered low', { tier: null, risk: 'low' }, 51],
    ['fallback: untiered unknown risk', { tier: null, risk: null }, 146],
    ['fallback: untiered licence case scores its risk, high', { tier: null, risk: 'high', sentenceType: 'licence' }, 146],
    ['custody without a tier: 0.35 × medium 79', { tier: null, risk: 'medium', status: 'custody' }, 27.65],
    ['custody without a tier: 0.35 × very_high 206', { tier: null, risk: 'very_high', status: 'custody' }, 72.1],
    ['custody without a tier: 0.35 × unknown 146', { tier: null, risk: null, status: 'custody' }, 51.1],
    ['warrant B2', { tier: 'B2', status: 'warrant' }, 0],
    ['warrant on licence A3', { tier: 'A3', status: 'warrant', sentenceType: 'licence' }, 0],
    ['warrant untiered very_high', { tier: null, risk: 'very_high', status: 'warrant' }, 0],
  ] as const)('%s → %d', (_, overrides, points) => {
    expect(pointsFor(overrides as Partial<CaseRecord>)).toBe(points);
  });

  it('pointsTable: custody, then licence or pss (any case), else community', () => {
    expect(pointsTable({ status: 'custody', sentenceType: 'licence' })).toBe('custody');
    expect(pointsTable({ status: 'active', sentenceType: 'PSS' })).toBe('licence');
    expect(pointsTable({ status: 'warrant', sentenceType: 'licence' })).toBe('licence');
    expect(pointsTable({ status: 'active', sentenceType: 'community_order' })).toBe('community');
    expect(pointsTable({ status: 'active', sentenceType: null })).toBe('community');
  });

  it('casePoints scales by the weight its caller passes (1 by default): half of licence B2 132 is 66', () => {
    const record = caseRecord({ tier: 'B2', sentenceType: 'licence' });
    expect(casePoints(record, DEFAULT_CONFIG)).toBe(132);
    expect(casePoints(record, DEFAULT_CONFIG, 0.5)).toBe(66);
    expect(casePoints(caseRecord({ tier: null, risk: 'medium', status: 'custody' }), DEFAULT_CONFIG, 0)).toBe(0);
  });

  it('sum over the caseload: B2 + custody B2 + warrant A3 + licence C1 + untiered low = 115 + 48 + 0 + 52 + 51', () => {
    const result = one([
      caseRecord({ crn: 'A', tier: 'B2' }),
      caseRecord({ crn: 'B', tier: 'B2', status: 'custody' }),
      caseRecord({ crn: 'C', tier: 'A3', status: 'warrant' }),
      caseRecord({ crn: 'D', tier: 'C1', sentenceType: 'licence' }),
      caseRecord({ crn: 'E', tier: null, risk: 'low' }),
    ]);
    expect(result.points).toBe(266);
  });

  it('each table comes from the config: points.community, points.licence, points.custody', () => {
    const config = configWith((c) => {
      c.points.community.B2 = 100;
      c.points.licence.B2 = 200;
      c.points.custody.B2 = 300;
    });
    const cases = [
      caseRecord({ crn: 'A', tier: 'B2' }),
      caseRecord({ crn: 'B', tier: 'B2', sentenceType: 'pss' }),
      caseRecord({ crn: 'C', tier: 'B2', status: 'custody' }),
    ];
    expect(officerIn(run(exportsOf({ cases }), { config }), 'O1').points).toBe(600);
  });
});

describe('capacity_points and capacity_pct', () => {
  it('full time (37 h): 2176', () => {
    expect(one([], { contractedHours: 37 }).capacity_points).toBe(2176);
  });

  it('part time 22.5 h: 2176 × 22.5 / 37 = 1323.24… → 1323.2', () => {
    expect(one([], { contractedHours: 22.5 }).capacity_points).toBe(1323.2);
  });

  it('full time with one B2: 115 / 2176 = 5.28…% → 5.3', () => {
    expect(one([caseRecord({ tier: 'B2' })]).capacity_pct).toBe(5.3);
  });

  it('part time 22.5 h with A3 + B2: 321 / 1323.2 = 24.26…% → 24.3', () => {
    const result = one([caseRecord({ crn: 'A', tier: 'A3' }), caseRecord({ crn: 'B', tier: 'B2' })], { contractedHours: 22.5 });
    expect(result).toMatchObject({ points: 321, capacity_points: 1323.2, capacity_pct: 24.3 });
  });

  it('no hours (unreadable): capacity_points and capacity_pct null, never over capacity', () => {
    const result = one(
      crns('A', 20).map((crn) => caseRecord({ crn, tier: 'A3' })),
      { contractedHours: null },
    );
    expect(result).toMatchObject({ points: 4120, capacity_points: null, capacity_pct: null });
    expect(result.flags).not.toContain('over_capacity');
  });
});

describe('workload reductions (officers.csv reduction_pct)', () => {
  it('0%: the full 2176, and the officer shows reduction_pct 0', () => {
    expect(one([], { reductionPct: 0 })).toMatchObject({ reduction_pct: 0, capacity_points: 2176 });
  });

  it('80% (a first-year PQiP): 2176 × 0.2 = 435.2; one A3 is 206 / 435.2 = 47.33…% → 47.3', () => {
    expect(one([caseRecord({ tier: 'A3' })], { reductionPct: 80 })).toMatchObject({
      reduction_pct: 80,
      capacity_points: 435.2,
      capacity_pct: 47.3,
    });
  });

  it('80%: three A3 are 618 / 435.2 = 142.0%, over capacity (they would be 28.4% of a full 2176)', () => {
    const result = one(crns('A', 3).map((crn) => caseRecord({ crn, tier: 'A3' })), { reductionPct: 80 });
    expect(result).toMatchObject({ points: 618, capacity_pct: 142 });
    expect(result.flags).toEqual(['over_capacity']);
  });

  it('20% at 22.5 h: 2176 × 22.5 / 37 × 0.8 = 1058.59… → 1058.6', () => {
    expect(one([], { contractedHours: 22.5, reductionPct: 20 }).capacity_points).toBe(1058.6);
  });

  it('100%: no capacity (null), never over capacity however many cases', () => {
    const result = one(crns('A', 20).map((crn) => caseRecord({ crn, tier: 'A3' })), { reductionPct: 100 });
    expect(result).toMatchObject({ reduction_pct: 100, points: 4120, capacity_points: null, capacity_pct: null });
    expect(result.flags).not.toContain('over_capacity');
  });
});

describe('a leaver has no capacity (SPEC 2.2)', () => {
  it('capacity_points and capacity_pct null, never over_capacity, with 20 A3 cases (4120 points)', () => {
    const result = one(crns('A', 20).map((crn) => caseRecord({ crn, tier: 'A3' })), { status: 'left' });
    expect(result).toMatchObject({ points: 4120, capacity_points: null, capacity_pct: null });
    expect(result.flags).toEqual(['left_with_cases']);
  });

  it('an absent officer keeps their capacity: 4120 / 2176 = 189.3%, over capacity', () => {
    const result = one(crns('A', 20).map((crn) => caseRecord({ crn, tier: 'A3' })), { status: 'sick', statusSince: daysAgo(3) });
    expect(result).toMatchObject({ capacity_points: 2176, capacity_pct: 189.3 });
    expect(result.flags).toEqual(['absent_with_cases', 'over_capacity']);
  });
});

describe('over_capacity (capacity_pct > 100)', () => {
  // 18.5 h: 2176 × 18.5 / 37 = 1088 points of capacity.
  const fiveA3 = crns('A', 5).map((crn) => caseRecord({ crn, tier: 'A3' })); // 1030

  it('exactly 100%: 5 × A3 + 2 × D1 = 1088 of 1088 is not over', () => {
    const result = one([...fiveA3, caseRecord({ crn: 'D1', tier: 'D1' }), caseRecord({ crn: 'D2', tier: 'D1' })], { contractedHours: 18.5 });
    expect(result).toMatchObject({ points: 1088, capacity_points: 1088, capacity_pct: 100 });
    expect(result.flags).toEqual([]);
  });

  it('100.1%: 4 × A3 + A2 + B0 + C0 = 824 + 158 + 72 + 35 = 1089 of 1088 is over', () => {
    const cases = [
      ...fiveA3.slice(0, 4),
      caseRecord({ crn: 'B1', tier: 'A2' }),
      caseRecord({ crn: 'B2', tier: 'B0' }),
      caseRecord({ crn: 'B3', tier: 'C0' }),
    ];
    const result = one(cases, { contractedHours: 18.5 });
    expect(result).toMatchObject({ points: 1089, capacity_pct: 100.1 });
    expect(result.flags).toEqual(['over_capacity']);
  });
});

describe('overdue, lost and seen_on_time_pct', () => {
  it('counts overdue and lost cases; seen on time among active cases only', () => {
    const result = one([
      caseRecord({ crn: 'A', risk: 'medium', lastContact: daysAgo(1) }), // active, on time
      caseRecord({ crn: 'B', risk: 'medium', lastContact: daysAgo(20) }), // active, overdue
      caseRecord({ crn: 'C', risk: 'low', lastContact: daysAgo(60) }), // active, overdue and lost
      caseRecord({ crn: 'D', status: 'custody', lastContact: null }), // not active
      caseRecord({ crn: 'E', status: 'warrant', lastContact: null }), // not active
    ]);
    expect(result).toMatchObject({ caseload: 5, overdue: 2, lost: 1, seen_on_time_pct: 33.3 });
  });

  it('2 of 3 active cases on time: 66.7', () => {
    const result = one([
      caseRecord({ crn: 'A', lastContact: daysAgo(1) }),
      caseRecord({ crn: 'B', lastContact: daysAgo(14) }),
      caseRecord({ crn: 'C', lastContact: daysAgo(15) }),
    ]);
    expect(result.seen_on_time_pct).toBe(66.7);
  });

  it('no active cases: null', () => {
    expect(one([caseRecord({ status: 'custody' })]).seen_on_time_pct).toBeNull();
  });

  it('every case of an absent officer counts as lost', () => {
    const result = one([caseRecord({ crn: 'A' }), caseRecord({ crn: 'B' })], { status: 'sick', statusSince: daysAgo(40) });
    expect(result.lost).toBe(2);
  });
});

describe('officer flags', () => {
  it('absent_with_cases: an absent officer (any absence) holding cases, even before 21 days', () => {
    expect(one([caseRecord()], { status: 'sick', statusSince: daysAgo(2) }).flags).toEqual(['absent_with_cases']);
    expect(one([caseRecord()], { status: 'leave', statusSince: null }).flags).toEqual(['absent_with_cases']);
    expect(one([caseRecord({ status: 'custody' })], { status: 'suspended' }).flags).toEqual(['absent_with_cases']);
  });

  it('an absent officer with no cases, and an active officer with cases, are not flagged', () => {
    expect(one([], { status: 'sick' }).flags).toEqual([]);
    expect(one([caseRecord()]).flags).toEqual([]);
  });

  it('left_with_cases: a leaver still holding cases; a leaver with none is not flagged', () => {
    expect(one([caseRecord()], { status: 'left' }).flags).toEqual(['left_with_cases']);
    expect(one([], { status: 'left' }).flags).toEqual([]);
  });

  it('no_supervision (supervision_days 90): 90 days → no, 91 → yes, never → yes', () => {
    expect(one([], { lastSupervision: daysAgo(90) }).flags).toEqual([]);
    expect(one([], { lastSupervision: daysAgo(91) }).flags).toEqual(['no_supervision']);
    expect(one([], { lastSupervision: null }).flags).toEqual(['no_supervision']);
  });

  it('no_supervision is not raised for a leaver (the code’s decision; SPEC 2.2 is silent)', () => {
    expect(one([], { status: 'left', lastSupervision: null }).flags).toEqual([]);
  });

  it('new_starter_high_risk: started within 365 days and holding a high or very_high case', () => {
    const high = [caseRecord({ risk: 'high' })];
    expect(one(high, { startDate: daysAgo(365) }).flags).toEqual(['new_starter_high_risk']);
    expect(one(high, { startDate: daysAgo(366) }).flags).toEqual([]);
    expect(one([caseRecord({ risk: 'very_high', status: 'custody' })], { startDate: daysAgo(30) }).flags).toEqual([
      'new_starter_high_risk',
    ]);
    expect(one([caseRecord({ risk: 'medium' }), caseRecord({ crn: 'B', risk: null })], { startDate: daysAgo(30) }).flags).toEqual([]);
    expect(one(high, { startDate: null }).flags).toEqual([]);
  });

  it('pso_high_risk: a PSO holding a high or very_high case', () => {
    expect(one([caseRecord({ risk: 'high' })], { grade: 'PSO' }).flags).toEqual(['pso_high_risk']);
    expect(one([caseRecord({ risk: 'very_high' })], { grade: 'PSO' }).flags).toEqual(['pso_high_risk']);
    expect(one([caseRecord({ risk: 'medium' })], { grade: 'PSO' }).flags).toEqual([]);
    expect(one([caseRecord({ risk: 'high' })], { grade: 'PO' }).flags).toEqual([]);
    expect(one([caseRecord({ risk: 'high' })], { grade: null }).flags).toEqual([]);
  });

  it('flags are sorted', () => {
    const result = one(
      crns('A', 16).map((crn) => caseRecord({ crn, tier: 'A3', risk: 'very_high' })), // 3296 points
      { grade: 'PSO', status: 'sick', statusSince: daysAgo(5), startDate: daysAgo(10), lastSupervision: null },
    );
    expect(result.flags).toEqual(['absent_with_cases', 'new_starter_high_risk', 'no_supervision', 'over_capacity', 'pso_high_risk']);
    expect(result.capacity_pct).toBe(151.5); // 3296 / 2176 = 1.5147…
  });
});

describe('identity fields', () => {
  it('copy the officers.csv row', () => {
    const result = one([], {
      name: 'Sophie Turner',
      grade: 'PQiP',
      team: 'Camden North',
      pdu: 'Camden and Islington',
      managerId: 'M1',
      status: 'sick',
      statusSince: day('2026-10-01'),
      contractedHours: 30,
    });
    expect(result).toMatchObject({
      officer_id: 'O1',
      name: 'Sophie Turner',
      grade: 'PQiP',
      team: 'Camden North',
      pdu: 'Camden and Islington',
      manager_id: 'M1',
      status: 'sick',
      status_since: '2026-10-01',
      contracted_hours: 30,
    });
  });
});

describe('unknown officers: officer_ids that cases point at but officers.csv lacks', () => {
  const report = run(
    exportsOf({
      officers: [officer({ officerId: 'O1' })],
      cases: [
        caseRecord({ crn: 'A', officerId: 'ZZ9', tier: 'B2', risk: 'high' }),
        caseRecord({ crn: 'B', officerId: 'ZZ9', tier: null, risk: 'low', status: 'custody' }),
        caseRecord({ crn: 'C', officerId: 'AA1', tier: null, risk: 'medium' }),
        caseRecord({ crn: 'D', officerId: 'AA1', status: 'terminated' }),
        caseRecord({ crn: 'E', officerId: 'TT1', status: 'terminated' }),
      ],
    }),
  );

  it('each gets a row, after the officers of officers.csv, with the unknown_officer flag', () => {
    expect(report.officers.map((o) => o.officer_id)).toEqual(['O1', 'ZZ9', 'AA1']);
    expect(officerIn(report, 'ZZ9')).toEqual({
      officer_id: 'ZZ9',
      name: null,
      grade: null,
      team: null,
      pdu: null,
      manager_id: null,
      status: null,
      status_since: null,
      contracted_hours: null,
      reduction_pct: null,
      caseload: 2,
      by_risk: { very_high: 0, high: 1, medium: 0, low: 1, unknown: 0 },
      points: 132.85, // 115 + 0.35 × 51
      capacity_points: null,
      capacity_pct: null,
      overdue: 0,
      lost: 1, // the custody case is not lost
      seen_on_time_pct: 100,
      flags: ['unknown_officer'],
      // Not in post, so compared with nobody (SPEC 2.2).
      peer_group: null,
      rates: { overdue: null, lost: null, assessment_overdue: null },
      outliers: { overdue: null, lost: null, assessment_overdue: null },
    });
    expect(officerIn(report, 'AA1')).toMatchObject({ caseload: 1, points: 79, lost: 1, flags: ['unknown_officer'] });
  });

  it('a terminated case alone makes no unknown-officer row', () => {
    expect(report.officers.some((o) => o.officer_id === 'TT1')).toBe(false);
  });

  it('summary.officers counts officers.csv; officer_flags counts the unknown rows', () => {
    expect(report.summary.officers).toBe(1);
    expect(report.summary.officer_flags.unknown_officer).toBe(2);
  });
});

describe('ranking officers', () => {
  // Full-time officers, capacity 2176. Hand-worked:
  //   OA: A3 (206) seen 60 days ago at low risk → 9.5%, caseload 1, lost 1, overdue 1
  //   OB: 3 × D0 (87), one medium case seen 20 days ago → 4.0%, caseload 3, lost 0, overdue 1
  //   OC: 2 × B2 (230), both overdue → 10.6%, caseload 2, lost 0, overdue 2
  //   OD: no hours, 4 × D0 → null %, caseload 4, lost 0, overdue 0
  const exports = exportsOf({
    officers: ['OD', 'OB', 'OA', 'OC'].map((officerId) => officer({ officerId, contractedHours: officerId === 'OD' ? null : 37 })),
    cases: [
      caseRecord({ crn: 'A1', officerId: 'OA', tier: 'A3', risk: 'low', lastContact: daysAgo(60) }),
      caseRecord({ crn: 'B1', officerId: 'OB', tier: 'D0' }),
      caseRecord({ crn: 'B2', officerId: 'OB', tier: 'D0' }),
      caseRecord({ crn: 'B3', officerId: 'OB', tier: 'D0', risk: 'medium', lastContact: daysAgo(20) }),
      caseRecord({ crn: 'C1', officerId: 'OC', tier: 'B2', risk: 'medium', lastContact: daysAgo(20) }),
      caseRecord({ crn: 'C2', officerId: 'OC', tier: 'B2', risk: 'medium', lastContact: daysAgo(30) }),
      ...crns('D', 4).map((crn) => caseRecord({ crn, officerId: 'OD', tier: 'D0' })),
    ],
  });
  const ids = (sort?: 'capacity' | 'caseload' | 'lost' | 'overdue') =>
    run(exports, sort === undefined ? {} : { sort }).officers.map((o) => o.officer_id);

  it('works out the numbers it ranks on', () => {
    const report = run(exports);
    expect(report.officers.map((o) => [o.officer_id, o.capacity_pct, o.caseload, o.lost, o.overdue])).toEqual([
      ['OC', 10.6, 2, 0, 2],
      ['OA', 9.5, 1, 1, 1],
      ['OB', 4, 3, 0, 1],
      ['OD', null, 4, 0, 0],
    ]);
  });

  it('by capacity_pct descending by default, null last', () => {
    expect(ids()).toEqual(['OC', 'OA', 'OB', 'OD']);
    expect(ids('capacity')).toEqual(['OC', 'OA', 'OB', 'OD']);
  });

  it('by caseload', () => {
    expect(ids('caseload')).toEqual(['OD', 'OB', 'OC', 'OA']);
  });

  it('by lost, ties by capacity_pct', () => {
    expect(ids('lost')).toEqual(['OA', 'OC', 'OB', 'OD']);
  });

  it('by overdue, ties by capacity_pct', () => {
    expect(ids('overdue')).toEqual(['OC', 'OA', 'OB', 'OD']);
  });

  it.each(['capacity', 'caseload', 'lost', 'overdue'] as const)('sort %s: complete ties fall back to officer_id', (sort) => {
    const tied = exportsOf({ officers: ['Z2', 'Z10', 'Z1', 'Y3'].map((officerId) => officer({ officerId })) });
    expect(run(tied, { sort }).officers.map((o) => o.officer_id)).toEqual(['Y3', 'Z1', 'Z10', 'Z2']);
    const noHours = exportsOf({ officers: ['N2', 'N1'].map((officerId) => officer({ officerId, contractedHours: null })) });
    expect(run(noHours, { sort }).officers.map((o) => o.officer_id)).toEqual(['N1', 'N2']);
  });
});

describe('config', () => {
  it('custody_weight and nominal_target come from the config', () => {
    const config = structuredClone(DEFAULT_CONFIG);
    config.custody_weight = 0.4;
    config.nominal_target = 1000;
    // Untiered medium in custody: 0.4 × 79 = 31.6 of 1000; a tiered custody case scores its table, unweighted.
    const report = run(exportsOf({ cases: [caseRecord({ tier: null, risk: 'medium', status: 'custody' })] }), { config });
    expect(officerIn(report, 'O1')).toMatchObject({ points: 31.6, capacity_points: 1000, capacity_pct: 3.2 });
  });
});
