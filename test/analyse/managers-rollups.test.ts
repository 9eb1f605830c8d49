/** SPEC 2.2 managers, teams and PDUs on a small hand-worked region. */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/read/records.js';
import { caseRecord, configWith, crns, daysAgo, exportsOf, officer, run } from './builders.js';

/*
 * officer  grade team   pdu   manager status          hours  cases                                  caseload points  lost overdue
 * M1       SPO   North  PDU1  -       active          37     -                                      0        0       0    0
 * O1       PO    North  PDU1  M1      active          37     A1 B2 on time; A2 C1 seen 20 days ago  2        165     0    1
 * O2       PO    North  PDU1  M1      sick 30 days    37     B1 D0 (officer_absent)                 1        29      1    0
 * O3       PSO   South  PDU1  M2      left            37     C1 A3 (officer_left)                   1        206     1    0
 * O4       PO    South  PDU2  M2      active          18.5   D1 C3 low seen 60 days (not_seen);     2        127     1    1
 *                                                            D2 custody B2 (the custody table: 48)
 * O5       PO    -      -     -       active          37     -                                      0        0       0    0
 * X1 (not in officers.csv): E1
 * M2 is not in officers.csv.
 */
const region = exportsOf({
  officers: [
    officer({ officerId: 'M1', name: 'Maya Patel', grade: 'SPO', team: 'North', pdu: 'PDU1' }),
    officer({ officerId: 'O1', team: 'North', pdu: 'PDU1', managerId: 'M1' }),
    officer({ officerId: 'O2', team: 'North', pdu: 'PDU1', managerId: 'M1', status: 'sick', statusSince: daysAgo(30) }),
    officer({ officerId: 'O3', grade: 'PSO', team: 'South', pdu: 'PDU1', managerId: 'M2', status: 'left', statusSince: daysAgo(5) }),
    officer({ officerId: 'O4', team: 'South', pdu: 'PDU2', managerId: 'M2', contractedHours: 18.5 }),
    officer({ officerId: 'O5' }),
  ],
  cases: [
    caseRecord({ crn: 'A1', officerId: 'O1', tier: 'B2' }),
    caseRecord({ crn: 'A2', officerId: 'O1', tier: 'C1', risk: 'medium', lastContact: daysAgo(20) }),
    caseRecord({ crn: 'B1', officerId: 'O2', tier: 'D0' }),
    caseRecord({ crn: 'C1', officerId: 'O3', tier: 'A3' }),
    caseRecord({ crn: 'D1', officerId: 'O4', tier: 'C3', risk: 'low', lastContact: daysAgo(60) }),
    caseRecord({ crn: 'D2', officerId: 'O4', tier: 'B2', status: 'custody' }),
    caseRecord({ crn: 'E1', officerId: 'X1' }),
    caseRecord({ crn: 'T1', officerId: 'O1', status: 'terminated' }),
  ],
});

describe('the officers behind the rollups', () => {
  it('have the caseloads, points, lost and overdue of the table above', () => {
    const rows = Object.fromEntries(run(region).officers.map((o) => [o.officer_id, [o.caseload, o.points, o.lost, o.overdue]]));
    expect(rows).toEqual({
      M1: [0, 0, 0, 0],
      O1: [2, 165, 0, 1],
      O2: [1, 29, 1, 0],
      O3: [1, 206, 1, 0],
      O4: [2, 127, 1, 1],
      O5: [0, 0, 0, 0],
      X1: [1, 79, 1, 0],
    });
  });
});

describe('managers', () => {
  it('sum their officers’ caseloads, lost and overdue; named from officers.csv when there', () => {
    expect(run(region).managers).toEqual([
      { manager_id: 'M1', name: 'Maya Patel', officers: ['O1', 'O2'], caseload: 3, lost: 1, overdue: 1, flags: [] },
      { manager_id: 'M2', name: null, officers: ['O3', 'O4'], caseload: 3, lost: 2, overdue: 1, flags: [] },
    ]);
  });

  const spanOf = (first: number, second: number) => {
    const cases: CaseRecord[] = [
      ...crns('A', first).map((crn) => caseRecord({ crn, officerId: 'O1' })),
      ...crns('B', second).map((crn) => caseRecord({ crn, officerId: 'O2' })),
    ];
    const exports = exportsOf({
      officers: [officer({ officerId: 'O1', managerId: 'M9' }), officer({ officerId: 'O2', managerId: 'M9' })],
      cases,
    });
    return exports;
  };

  it('span_exceeded: 250 + 250 = 500 cases is within the span of 500', () => {
    const [manager] = run(spanOf(250, 250)).managers;
    expect(manager).toMatchObject({ manager_id: 'M9', caseload: 500, flags: [] });
  });

  it('span_exceeded: 250 + 251 = 501 cases is above it', () => {
    const [manager] = run(spanOf(250, 251)).managers;
    expect(manager).toMatchObject({ manager_id: 'M9', caseload: 501, flags: ['span_exceeded'] });
  });

  it('manager_span comes from the config', () => {
    const config = configWith((c) => (c.manager_span = 2));
    expect(run(spanOf(1, 1), { config }).managers[0]!.flags).toEqual([]);
    expect(run(spanOf(2, 1), { config }).managers[0]!.flags).toEqual(['span_exceeded']);
  });

  it('rank by caseload descending, then manager_id', () => {
    const exports = exportsOf({
      officers: [
        officer({ officerId: 'O1', managerId: 'MB' }),
        officer({ officerId: 'O2', managerId: 'MA' }),
        officer({ officerId: 'O3', managerId: 'MC' }),
      ],
      cases: [caseRecord({ crn: 'A', officerId: 'O1' }), caseRecord({ crn: 'B', officerId: 'O3' }), caseRecord({ crn: 'C', officerId: 'O3' })],
    });
    expect(run(exports).managers.map((m) => [m.manager_id, m.caseload])).toEqual([
      ['MC', 2],
      ['MB', 1],
      ['MA', 0],
    ]);
  });
});

describe('teams', () => {
  it('roll up officers in post, absent, left, cases, lost, overdue, average caseload and capacity', () => {
    expect(run(region).teams).toEqual([
      // M1, O1, O2 in post (O2 absent); 3 cases / 3 = 1.0; 194 points of 3 × 2176 = 6528 → 2.97…% → 3.0;
      // available: M1 and O1, 194 of 4352 → 4.45…% → 4.5
      { name: 'North', officers_in_post: 3, absent: 1, left: 0, cases: 3, lost: 1, overdue: 1, average_caseload: 1, capacity_pct: 3, available_capacity_pct: 4.5 },
      // O4 in post, O3 left (his case still counts); 3 cases / 1 = 3.0; 206 + 127 = 333 of 1088 → 30.60…% → 30.6 (O4 available)
      { name: 'South', officers_in_post: 1, absent: 0, left: 1, cases: 3, lost: 2, overdue: 1, average_caseload: 3, capacity_pct: 30.6, available_capacity_pct: 30.6 },
      // No team: O5 (0 of 2176), and E1, whose officer X1 is not in officers.csv and which has no team of its own
      { name: null, officers_in_post: 1, absent: 0, left: 0, cases: 1, lost: 1, overdue: 0, average_caseload: 1, capacity_pct: 0, available_capacity_pct: 0 },
    ]);
  });

  it('every analysed case is in exactly one row: E1 (officer X1, not in officers.csv) in the no-team row', () => {
    const total = run(region).teams.reduce((sum, team) => sum + team.cases, 0);
    expect(total).toBe(7); // of 7 analysed cases (T1 is terminated)
  });

  it('a case whose officer is unknown counts in its own team column; an unallocated one too', () => {
    const exports = exportsOf({
      officers: [officer({ officerId: 'O1', team: 'North', pdu: 'PDU1' })],
      cases: [
        caseRecord({ crn: 'A1', officerId: 'O1', team: 'South' }), // a known officer's team wins
        caseRecord({ crn: 'B1', officerId: 'X9', team: 'South', pdu: 'PDU2' }),
        caseRecord({ crn: 'C1', officerId: null, team: 'South' }),
      ],
    });
    const report = run(exports);
    expect(report.teams.map((team) => [team.name, team.cases, team.officers_in_post])).toEqual([
      ['North', 1, 1],
      ['South', 2, 0],
    ]);
    expect(report.cases.find((result) => result.crn === 'B1')).toMatchObject({ team: 'South', pdu: 'PDU2' });
    expect(report.cases.find((result) => result.crn === 'A1')).toMatchObject({ team: 'North', pdu: 'PDU1' });
  });

  it('capacity of those available leaves the absent out; with nobody available it is null', () => {
    const exports = exportsOf({
      officers: [officer({ officerId: 'S1', team: 'Away', status: 'sick', statusSince: daysAgo(30) })],
      cases: [caseRecord({ crn: 'A1', officerId: 'S1', tier: 'B2' })],
    });
    // 115 points of S1's 2176 → 5.28…% → 5.3; nobody available to carry them
    expect(run(exports).teams[0]).toMatchObject({ name: 'Away', capacity_pct: 5.3, available_capacity_pct: null });
  });
});

describe('PDUs', () => {
  it('roll up the same way', () => {
    expect(run(region).pdus).toEqual([
      // M1, O1, O2, O3: 3 in post, O2 absent, O3 left; 4 cases / 3 = 1.33 → 1.3; 400 of 6528 → 6.13% → 6.1;
      // available M1, O1: 400 of 4352 → 9.19…% → 9.2
      { name: 'PDU1', officers_in_post: 3, absent: 1, left: 1, cases: 4, lost: 2, overdue: 1, average_caseload: 1.3, capacity_pct: 6.1, available_capacity_pct: 9.2 },
      // O4: 127 of 1088 → 11.67…% → 11.7
      { name: 'PDU2', officers_in_post: 1, absent: 0, left: 0, cases: 2, lost: 1, overdue: 1, average_caseload: 2, capacity_pct: 11.7, available_capacity_pct: 11.7 },
      { name: null, officers_in_post: 1, absent: 0, left: 0, cases: 1, lost: 1, overdue: 0, average_caseload: 1, capacity_pct: 0, available_capacity_pct: 0 },
    ]);
  });

  it('a team of leavers only has no average caseload and no capacity', () => {
    const exports = exportsOf({
      officers: [officer({ officerId: 'L1', team: 'Gone', status: 'left' })],
      cases: [caseRecord({ officerId: 'L1', tier: 'B2' })],
    });
    expect(run(exports).teams).toEqual([
      { name: 'Gone', officers_in_post: 0, absent: 0, left: 1, cases: 1, lost: 1, overdue: 0, average_caseload: null, capacity_pct: null, available_capacity_pct: null },
    ]);
  });
});
