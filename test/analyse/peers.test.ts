/**
 * SPEC 2.2 peers: quartiles (QUARTILE.INC), pooled targets and met/near/far, worked by hand.
 * Every officer below has caseload 10 and 10 active cases unless a test says otherwise, so an
 * officer with 3 overdue cases has an overdue rate of 0.3.
 */
import { describe, expect, it } from 'vitest';
import { comparePeers, peerStatus, quantileInc, type PeerCounts } from '../../src/analyse/peers.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { caseRecord, configWith, crns, daysAgo, exportsOf, officer, officerIn, run } from './builders.js';

const SETTINGS = DEFAULT_CONFIG.outliers;

function peer(officerId: string, overrides: Partial<PeerCounts> = {}): PeerCounts {
  return { officerId, status: 'active', team: 'T1', pdu: 'P1', caseload: 10, active: 10, overdue: 0, lost: 0, assessmentOverdue: 0, ...overrides };
}

/** Officers O1, O2, … of PDU P1 with these overdue counts out of 10 active cases. */
const withOverdue = (...counts: number[]): PeerCounts[] => counts.map((overdue, at) => peer(`O${at + 1}`, { overdue }));

const overdueStatuses = (officers: PeerCounts[], settings: Config['outliers'] = SETTINGS) =>
  comparePeers(officers, settings).officers.map((result) => result.outliers.overdue);

describe('quantileInc (QUARTILE.INC)', () => {
  it('interpolates between closest ranks at (n − 1) × p', () => {
    // [1, 2, 3, 4]: Q1 at position 0.75 → 1 + 0.75 × 1; Q3 at 2.25 → 3 + 0.25 × 1.
    expect(quantileInc([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileInc([1, 2, 3, 4], 0.75)).toBe(3.25);
    // Five values: positions 1 and 3 fall on values exactly.
    expect(quantileInc([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantileInc([10, 20, 30, 40, 50], 0.75)).toBe(40);
    expect(quantileInc([7], 0.75)).toBe(7);
    expect(quantileInc([2, 4], 0)).toBe(2);
    expect(quantileInc([2, 4], 1)).toBe(4);
  });
});

describe('peerStatus', () => {
  it('met at or under the target, near up to one IQR above it, far beyond', () => {
    expect(peerStatus(0.2, 0.2, 0.1)).toBe('met');
    expect(peerStatus(0.1, 0.2, 0.1)).toBe('met');
    expect(peerStatus(0.25, 0.2, 0.1)).toBe('near');
    expect(peerStatus(0.31, 0.2, 0.1)).toBe('far');
    // With no spread at all, anything above the target is far.
    expect(peerStatus(0.21, 0.2, 0)).toBe('far');
  });
});

describe('comparePeers: targets, IQR and statuses', () => {
  it('five officers 0..0.6: target pooled, Q1 0.1, Q3 0.3, one near and one far', () => {
    // Rates 0, .1, .2, .3, .6; pooled target 12/50 = 0.24; sorted positions 1 and 3 → Q1 .1, Q3 .3.
    const { officers, groups } = comparePeers(withOverdue(0, 1, 2, 3, 6), SETTINGS);
    expect(officers.map((result) => result.outliers.overdue)).toEqual(['met', 'met', 'met', 'near', 'far']);
    expect(officers.map((result) => result.rates.overdue)).toEqual([0, 0.1, 0.2, 0.3, 0.6]);
    expect(groups.find((group) => group.rate === 'overdue')).toEqual({
      group: 'P1', rate: 'overdue', officers: 5, target: 0.24, q1: 0.1, q3: 0.3, iqr: 0.2, met: 3, near: 1, far: 1,
    });
  });

  it('an officer exactly on the target has met it', () => {
    // Rates 0, .1, .2, .5: target 8/40 = 0.2, the third officer's rate exactly.
    // Q1 = 0 + 0.75 × 0.1 = 0.075, Q3 = 0.2 + 0.25 × 0.3 = 0.275, IQR 0.2: 0.5 − 0.2 = 0.3 is far.
    expect(overdueStatuses(withOverdue(0, 1, 2, 5))).toEqual(['met', 'met', 'met', 'far']);
  });

  it('exactly one IQR above the target is near, not far', () => {
    // Rates 0 .. 0.4: target 10/50 = 0.2, IQR 0.3 − 0.1 = 0.2; 0.4 − 0.2 = 0.2 (0.19999… in floating point).
    expect(overdueStatuses(withOverdue(0, 1, 2, 3, 4))).toEqual(['met', 'met', 'met', 'near', 'near']);
  });

  it('everyone equal: everyone meets the target, nobody is an outlier', () => {
    const { officers, groups } = comparePeers(withOverdue(2, 2, 2, 2), SETTINGS);
    expect(officers.map((result) => result.outliers)).toEqual(
      Array(4).fill({ overdue: 'met', lost: 'met', assessment_overdue: 'met' }),
    );
    expect(groups[0]).toMatchObject({ target: 0.2, iqr: 0 });
  });

  it('the target is pooled (sum ÷ sum), not the mean of the rates', () => {
    // 1/10, 1/10, 1/10 and 20/40: mean of rates 0.2, pooled 23/70 = 0.329 (3 decimals).
    const officers = [...withOverdue(1, 1, 1), peer('O4', { caseload: 40, active: 40, overdue: 20 })];
    expect(comparePeers(officers, SETTINGS).groups.find((group) => group.rate === 'overdue')!.target).toBe(0.329);
  });

  it('rates are shown to 3 decimals', () => {
    const officers = [...withOverdue(0, 0, 0), peer('O4', { active: 3, overdue: 1 })];
    expect(comparePeers(officers, SETTINGS).officers[3]!.rates.overdue).toBe(0.333);
  });
});

describe('comparePeers: who is compared with whom', () => {
  it('a group below outliers.min_group is not compared: peer_group named, rates and statuses null', () => {
    const { officers, groups } = comparePeers(withOverdue(0, 1, 9), SETTINGS);
    expect(officers[2]).toEqual({
      peer_group: 'P1',
      rates: { overdue: null, lost: null, assessment_overdue: null },
      outliers: { overdue: null, lost: null, assessment_overdue: null },
    });
    expect(groups).toEqual([]);
    // outliers.min_group 3 compares the same three.
    expect(overdueStatuses(withOverdue(0, 1, 9), { ...SETTINGS, min_group: 3 })).toEqual(['met', 'met', 'far']);
  });

  it('a zero denominator: the officer is not compared on that rate, and does not count toward the group size', () => {
    // O4 holds only custody cases: no active case, so no overdue or assessment rate; lost is still compared.
    const officers = [...withOverdue(0, 1, 2), peer('O4', { active: 0, lost: 1 })];
    const { officers: results } = comparePeers(officers, SETTINGS);
    expect(results[3]!.rates).toEqual({ overdue: null, lost: 0.1, assessment_overdue: null });
    // Only three are compared on overdue: below min_group 4, so nobody is.
    expect(results.map((result) => result.outliers.overdue)).toEqual([null, null, null, null]);
    expect(results.map((result) => result.outliers.lost)).toEqual(['met', 'met', 'met', 'far']);
  });

  it('only officers in post with a caseload from min_caseload to max_caseload inclusive', () => {
    const officers = [
      peer('IN10', { caseload: 10, active: 10 }),
      peer('IN150', { caseload: 150, active: 150 }),
      peer('IN20', { caseload: 20, active: 20 }),
      peer('IN30', { caseload: 30, active: 30 }),
      peer('SMALL', { caseload: 9, active: 9 }),
      peer('BIG', { caseload: 151, active: 151 }),
      peer('SICK', { status: 'sick' }),
      peer('LEFT', { status: 'left' }),
      peer('UNKNOWN', { status: null, pdu: null, team: null }),
    ];
    const groups = comparePeers(officers, SETTINGS).officers.map((result) => result.peer_group);
    expect(groups).toEqual(['P1', 'P1', 'P1', 'P1', null, null, null, null, null]);
  });

  it('officers with no pdu are compared with nobody; group_by team and region regroup', () => {
    const officers = [
      peer('A1', { pdu: 'PA', team: 'T1', overdue: 0 }),
      peer('A2', { pdu: 'PA', team: 'T1', overdue: 0 }),
      peer('B1', { pdu: 'PB', team: 'T1', overdue: 0 }),
      peer('B2', { pdu: 'PB', team: 'T1', overdue: 9 }),
      peer('N1', { pdu: null, team: null, overdue: 1 }),
    ];
    const byPdu = comparePeers(officers, { ...SETTINGS, min_group: 2 }).officers;
    expect(byPdu.map((result) => result.peer_group)).toEqual(['PA', 'PA', 'PB', 'PB', null]);
    const byTeam = comparePeers(officers, { ...SETTINGS, group_by: 'team' }).officers;
    expect(byTeam.map((result) => result.peer_group)).toEqual(['T1', 'T1', 'T1', 'T1', null]);
    // Team T1: rates 0, 0, 0, .9; target 9/40 = .225, Q1 0, Q3 0.225, IQR .225: .9 is far.
    expect(byTeam.map((result) => result.outliers.overdue)).toEqual(['met', 'met', 'met', 'far', null]);
    const byRegion = comparePeers(officers, { ...SETTINGS, group_by: 'region' }).officers;
    expect(byRegion.map((result) => result.peer_group)).toEqual(['region', 'region', 'region', 'region', 'region']);
  });

  it('a rate whose check was skipped is compared for nobody', () => {
    const { officers, groups } = comparePeers(withOverdue(0, 1, 2, 9), SETTINGS, new Set(['overdue'] as const));
    expect(officers.every((result) => result.outliers.overdue === null && result.rates.overdue === null)).toBe(true);
    expect(groups.map((group) => group.rate)).toEqual(['lost', 'assessment_overdue']);
  });
});

describe('peers in the report', () => {
  // PDU P1: four officers with 10 active cases each; O4 has 6 not seen for 20 days (medium risk,
  // standard 14: overdue), the others none. Overdue rates 0, 0, 0, 0.6: target 0.15, IQR 0.15.
  const officers = ['O1', 'O2', 'O3', 'O4'].map((officerId) => officer({ officerId, pdu: 'P1', team: 'T1' }));
  const cases = officers.flatMap(({ officerId }) =>
    crns(officerId, 10).map((crn, at) =>
      caseRecord({ crn, officerId, lastContact: officerId === 'O4' && at < 6 ? daysAgo(20) : daysAgo(1) }),
    ),
  );

  it('fills peer_group, rates and outliers, flags the far officer and counts them in the summary', () => {
    const report = run(exportsOf({ officers, cases }));
    const o4 = officerIn(report, 'O4');
    expect(o4.peer_group).toBe('P1');
    expect(o4.rates).toEqual({ overdue: 0.6, lost: 0, assessment_overdue: 0 });
    expect(o4.outliers).toEqual({ overdue: 'far', lost: 'met', assessment_overdue: 'met' });
    expect(o4.flags).toContain('outlier');
    expect(officerIn(report, 'O1').flags).not.toContain('outlier');
    expect(report.summary.outliers).toEqual({ overdue: 1, lost: 0, assessment_overdue: 0 });
    expect(report.summary.officer_flags.outlier).toBe(1);
    expect(report.peer_groups.find((group) => group.rate === 'overdue')).toMatchObject({ group: 'P1', target: 0.15, iqr: 0.15, far: 1 });
  });

  it('--sort overdue_rate ranks by the rate, highest first', () => {
    const report = run(exportsOf({ officers, cases }), { sort: 'overdue_rate' });
    expect(report.officers[0]!.officer_id).toBe('O4');
  });

  it('config outliers.min_caseload above every caseload: nobody compared, nobody flagged', () => {
    const config = configWith((config) => (config.outliers.min_caseload = 11));
    const report = run(exportsOf({ officers, cases }), { config });
    expect(report.peer_groups).toEqual([]);
    expect(report.officers.every((result) => result.peer_group === null && !result.flags.includes('outlier'))).toBe(true);
  });
});
