/** SPEC 2.1: which flags apply to custody, warrant and terminated cases. */
import { describe, expect, it } from 'vitest';
import { analyseOne, caseRecord, daysAgo, exportsOf, officer, officerIn, run } from './builders.js';

describe('custody', () => {
  it('is exempt from contact standards: never seen with no start date is neither overdue nor lost', () => {
    const result = analyseOne({ status: 'custody', lastContact: null, startDate: null });
    expect(result).toMatchObject({ status: 'custody', overdue: false, days_overdue: 0, lost: false, flags: [] });
  });

  it('is exempt from lost: unallocated, unknown, left and absent officers do not make it lost', () => {
    const cases = [
      caseRecord({ crn: 'A', status: 'custody', officerId: null }),
      caseRecord({ crn: 'B', status: 'custody', officerId: 'N99' }),
      caseRecord({ crn: 'C', status: 'custody', officerId: 'L1' }),
      caseRecord({ crn: 'D', status: 'custody', officerId: 'S1' }),
      caseRecord({ crn: 'E', status: 'custody', lastContact: daysAgo(300) }),
    ];
    const report = run(
      exportsOf({
        officers: [officer({ officerId: 'O1' }), officer({ officerId: 'L1', status: 'left' }), officer({ officerId: 'S1', status: 'sick', statusSince: null })],
        cases,
      }),
    );
    for (const result of report.cases) {
      expect(result.lost, result.crn).toBe(false);
      expect(result.flags, result.crn).toEqual([]);
    }
    expect(report.summary.lost).toBe(0);
  });

  it('still reports its last contact and days since contact', () => {
    const result = analyseOne({ status: 'custody', risk: 'high', lastContact: daysAgo(100) });
    expect(result).toMatchObject({ last_contact: expect.any(String), days_since_contact: 100, standard_days: 7, overdue: false });
  });

  it('keeps the every-case warnings, not the active-only ones', () => {
    const result = analyseOne(
      {
        status: 'custody',
        risk: null,
        daFlag: true,
        daCheck: null,
        safeguardingFlag: true,
        safeguardingCheck: null,
        addressKnown: false,
        invalidData: true,
        duplicateRecord: true,
        lastAssessment: null, // assessment_overdue: active only
        endDate: daysAgo(10), // sentence_expired: active only
      },
      { contacts: { X000001: { failedToAttend: 3 } } }, // enforcement_due: active only
    );
    expect(result.flags).toEqual([
      'address_unknown',
      'da_check_missing',
      'duplicate_record',
      'invalid_data',
      'risk_unknown',
      'safeguarding_check_missing',
    ]);
    expect(result.lost).toBe(false);
  });
});

describe('warrant', () => {
  it('gets the warrant flag, and is not lost by itself', () => {
    const result = analyseOne({ status: 'warrant' });
    expect(result).toMatchObject({ status: 'warrant', lost: false, flags: ['warrant'] });
  });

  it('is exempt from overdue, not_seen and never_seen', () => {
    const notSeen = analyseOne({ status: 'warrant', risk: 'high', lastContact: daysAgo(200) });
    expect(notSeen).toMatchObject({ overdue: false, days_overdue: 0, lost: false, flags: ['warrant'] });
    const neverSeen = analyseOne({ status: 'warrant', lastContact: null, startDate: null });
    expect(neverSeen).toMatchObject({ overdue: false, days_overdue: 0, lost: false, flags: ['warrant'] });
  });

  it.each([
    ['unallocated', { officerId: null }, []],
    ['unknown_officer', { officerId: 'N99' }, []],
    ['officer_left', {}, [officer({ status: 'left' })]],
    ['officer_absent', {}, [officer({ status: 'sick', statusSince: daysAgo(22) })]],
  ] as const)('keeps the allocation flag %s, and is lost', (code, overrides, officers) => {
    const result = analyseOne({ status: 'warrant', lastContact: null, startDate: null, ...overrides }, officers.length > 0 ? { officers: [...officers] } : {});
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual([code, 'warrant'].sort());
  });

  it('is exempt from assessment_overdue, enforcement_due and sentence_expired', () => {
    const result = analyseOne(
      { status: 'warrant', lastAssessment: null, endDate: daysAgo(30) },
      { contacts: { X000001: { failedToAttend: 5 } } },
    );
    expect(result.flags).toEqual(['warrant']);
  });

  it('keeps the every-case warnings', () => {
    const result = analyseOne({ status: 'warrant', risk: null, daFlag: true, addressKnown: false });
    expect(result.flags).toEqual(['address_unknown', 'da_check_missing', 'risk_unknown', 'warrant']);
  });
});

describe('terminated', () => {
  const exports = exportsOf({
    officers: [officer({ officerId: 'O1' })],
    cases: [
      caseRecord({ crn: 'T1', status: 'terminated', risk: 'very_high', lastContact: null, startDate: null, officerId: null }),
      caseRecord({ crn: 'T2', status: 'terminated', officerId: 'O1', tier: 'A3' }),
      caseRecord({ crn: 'A1', officerId: 'O1', tier: 'B2' }),
    ],
  });

  it('is left out of cases and counted in summary.terminated', () => {
    const report = run(exports);
    expect(report.cases.map((result) => result.crn)).toEqual(['A1']);
    expect(report.summary).toMatchObject({ cases: 1, active: 1, terminated: 2, lost: 0, overdue: 0 });
  });

  it('is not on the officer caseload and scores no points', () => {
    const o1 = officerIn(run(exports), 'O1');
    expect(o1.caseload).toBe(1);
    expect(o1.by_risk).toEqual({ very_high: 0, high: 0, medium: 1, low: 0, unknown: 0 });
    expect(o1.points).toBe(115);
  });

  it('a terminated case never counts toward a flag', () => {
    const report = run(
      exportsOf({ cases: [caseRecord({ crn: 'T', status: 'terminated', risk: null, officerId: 'GONE', daFlag: true })] }),
    );
    expect(report.cases).toEqual([]);
    expect(Object.values(report.summary.flags).every((count) => count === 0)).toBe(true);
    expect(report.officers.map((o) => o.officer_id)).toEqual(['O1']); // no unknown-officer row for GONE
  });
});

describe('summary counts by status', () => {
  it('counts active, custody and warrant among analysed cases', () => {
    const report = run(
      exportsOf({
        cases: [
          caseRecord({ crn: 'A1' }),
          caseRecord({ crn: 'A2' }),
          caseRecord({ crn: 'C1', status: 'custody' }),
          caseRecord({ crn: 'W1', status: 'warrant' }),
          caseRecord({ crn: 'W2', status: 'warrant' }),
          caseRecord({ crn: 'T1', status: 'terminated' }),
        ],
      }),
    );
    expect(report.summary).toMatchObject({ cases: 5, active: 2, custody: 1, warrant: 2, terminated: 1 });
    expect(report.summary.flags.warrant).toBe(2);
  });
});
