/** SPEC 2.1 lost: every reason, on and just off its threshold. */
import { describe, expect, it } from 'vitest';
import { LOST_FLAGS } from '../../src/analyse/report.js';
import { analyseOne, caseRecord, configWith, daysAgo, exportsOf, officer, officerIn, run } from './builders.js';

describe('a case with an officer in post, seen recently', () => {
  it('is not lost and has no flags', () => {
    const result = analyseOne({});
    expect(result.lost).toBe(false);
    expect(result.flags).toEqual([]);
  });
});

describe('unallocated', () => {
  it('an empty officer_id is unallocated, and lost', () => {
    const result = analyseOne({ officerId: null });
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual(['unallocated']);
    expect(result.officer_id).toBeNull();
  });

  it('without a pattern (the default), a placeholder id is just an unknown officer', () => {
    const result = analyseOne({ officerId: 'UNALLOCATED_N07' });
    expect(result.flags).toEqual(['unknown_officer']);
    expect(result.lost).toBe(true);
  });

  it('an officer_id matching unallocated_pattern is unallocated, not an unknown officer', () => {
    const config = configWith((c) => (c.unallocated_pattern = '^UNALLOC'));
    const result = analyseOne({ officerId: 'UNALLOCATED_N07' }, {}, config);
    expect(result.flags).toEqual(['unallocated']);
    expect(result.lost).toBe(true);
  });

  it('the pattern does not touch ids it does not match', () => {
    const config = configWith((c) => (c.unallocated_pattern = '^UNALLOC'));
    expect(analyseOne({ officerId: 'O1' }, {}, config)).toMatchObject({ lost: false, flags: [] });
  });

  it('unallocated cases do not make an officer row, even when the pattern matches an id', () => {
    const config = configWith((c) => (c.unallocated_pattern = '^VACANT'));
    const report = run(
      exportsOf({ cases: [caseRecord({ crn: 'A', officerId: null }), caseRecord({ crn: 'B', officerId: 'VACANT1' })] }),
      { config },
    );
    expect(report.officers.map((o) => o.officer_id)).toEqual(['O1']);
    expect(officerIn(report, 'O1').caseload).toBe(0);
  });
});

describe('unknown_officer', () => {
  it('an officer_id not in officers.csv', () => {
    const result = analyseOne({ officerId: 'N99' }, { officers: [officer({ officerId: 'O1' })] });
    expect(result).toMatchObject({ lost: true, flags: ['unknown_officer'], officer_name: null, team: null });
  });
});

describe('officer_left', () => {
  it('the officer status is left', () => {
    const result = analyseOne({}, { officers: [officer({ status: 'left', statusSince: daysAgo(3) })] });
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual(['officer_left']);
  });
});

describe('officer_absent (absent_after_days 21)', () => {
  it('sick for exactly 21 days: not yet', () => {
    const result = analyseOne({}, { officers: [officer({ status: 'sick', statusSince: daysAgo(21) })] });
    expect(result.lost).toBe(false);
    expect(result.flags).toEqual([]);
  });

  it('sick for 22 days: absent', () => {
    const result = analyseOne({}, { officers: [officer({ status: 'sick', statusSince: daysAgo(22) })] });
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual(['officer_absent']);
  });

  it('sick since an unknown date: absent', () => {
    const result = analyseOne({}, { officers: [officer({ status: 'sick', statusSince: null })] });
    expect(result.flags).toEqual(['officer_absent']);
  });

  it.each(['leave', 'suspended', 'maternity_leave', 'secondment'])('%s for 22 days counts as an absence', (status) => {
    const result = analyseOne({}, { officers: [officer({ status, statusSince: daysAgo(22) })] });
    expect(result.flags).toEqual(['officer_absent']);
  });

  it.each(['leave', 'suspended', 'secondment'])('%s for 21 days does not', (status) => {
    const result = analyseOne({}, { officers: [officer({ status, statusSince: daysAgo(21) })] });
    expect(result.flags).toEqual([]);
  });

  it('an active officer with no status_since is not absent', () => {
    expect(analyseOne({}, { officers: [officer({ status: 'active', statusSince: null })] }).flags).toEqual([]);
  });

  it('a leaver is officer_left, never officer_absent', () => {
    const result = analyseOne({}, { officers: [officer({ status: 'left', statusSince: null })] });
    expect(result.flags).toEqual(['officer_left']);
  });
});

describe('not_seen (lost_after_days 56)', () => {
  it('seen 56 days ago: overdue but not lost', () => {
    const result = analyseOne({ risk: 'low', lastContact: daysAgo(56) });
    expect(result.lost).toBe(false);
    expect(result.flags).toEqual(['overdue']);
    expect(result.days_overdue).toBe(28); // 56 − 28
  });

  it('seen 57 days ago: lost', () => {
    const result = analyseOne({ risk: 'low', lastContact: daysAgo(57) });
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual(['not_seen', 'overdue']);
    expect(result.days_overdue).toBe(29);
  });
});

describe('never_seen (lost_after_days 56 since start)', () => {
  it('started 56 days ago: overdue (49 days) but not lost', () => {
    const result = analyseOne({ lastContact: null, startDate: daysAgo(56) });
    expect(result.lost).toBe(false);
    expect(result.flags).toEqual(['overdue']);
    expect(result.days_overdue).toBe(49); // 56 − 7
  });

  it('started 57 days ago: lost', () => {
    const result = analyseOne({ lastContact: null, startDate: daysAgo(57) });
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual(['never_seen', 'overdue']);
    expect(result.days_overdue).toBe(50);
  });

  it('no start date: lost', () => {
    const result = analyseOne({ lastContact: null, startDate: null });
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual(['never_seen', 'overdue']);
    expect(result.days_overdue).toBe(0);
  });

  it('a case seen once, long ago, is not_seen rather than never_seen', () => {
    const result = analyseOne({ lastContact: daysAgo(400), startDate: null });
    expect(result.flags).toContain('not_seen');
    expect(result.flags).not.toContain('never_seen');
  });
});

describe('several reasons at once', () => {
  it('officer left and not seen for 90 days', () => {
    const result = analyseOne(
      { risk: 'high', lastContact: daysAgo(90) },
      { officers: [officer({ status: 'left', statusSince: daysAgo(100) })] },
    );
    expect(result.lost).toBe(true);
    expect(result.flags).toEqual(['not_seen', 'officer_left', 'overdue']);
    expect(result.days_overdue).toBe(83);
  });

  it('unallocated and never seen, no start date', () => {
    const result = analyseOne({ officerId: null, lastContact: null, startDate: null });
    expect(result.flags).toEqual(['never_seen', 'overdue', 'unallocated']);
  });
});

describe('lost is exactly "has a lost flag"', () => {
  it('every lost case carries one of the six lost flags, every other case none', () => {
    const report = run(
      exportsOf({
        officers: [officer({ officerId: 'O1' }), officer({ officerId: 'S1', status: 'sick', statusSince: daysAgo(30) })],
        cases: [
          caseRecord({ crn: 'A' }),
          caseRecord({ crn: 'B', officerId: 'S1' }),
          caseRecord({ crn: 'C', lastContact: daysAgo(20), risk: 'high' }),
          caseRecord({ crn: 'D', lastContact: null, startDate: null }),
          caseRecord({ crn: 'E', daFlag: true, risk: null, addressKnown: false }),
        ],
      }),
    );
    const lostFlags = new Set<string>(LOST_FLAGS);
    for (const result of report.cases) expect(result.lost).toBe(result.flags.some((code) => lostFlags.has(code)));
    expect(report.cases.filter((result) => result.lost).map((result) => result.crn).sort()).toEqual(['B', 'D']);
  });
});
