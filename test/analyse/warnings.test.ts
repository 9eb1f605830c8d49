/** SPEC 2.1 warnings: flags that do not make a case lost. */
import { describe, expect, it } from 'vitest';
import { AS_OF, analyseOne, caseRecord, daysAgo, exportsOf, officer, run } from './builders.js';

describe('risk_unknown', () => {
  it('risk empty or unreadable (null) is flagged, and scores the high-risk standard', () => {
    const result = analyseOne({ risk: null });
    expect(result.flags).toEqual(['risk_unknown']);
    expect(result.lost).toBe(false);
    expect(result.standard_days).toBe(7);
    expect(result.risk).toBeNull();
  });

  it.each(['low', 'medium', 'high', 'very_high'] as const)('risk %s is not', (risk) => {
    expect(analyseOne({ risk }).flags).not.toContain('risk_unknown');
  });
});

describe('assessment_overdue (assessment_review_days 182)', () => {
  it('assessed 182 days ago: not yet', () => {
    expect(analyseOne({ lastAssessment: daysAgo(182) }).flags).toEqual([]);
  });

  it('assessed 183 days ago: overdue', () => {
    expect(analyseOne({ lastAssessment: daysAgo(183) }).flags).toEqual(['assessment_overdue']);
  });

  it('never assessed: overdue', () => {
    const result = analyseOne({ lastAssessment: null });
    expect(result.flags).toEqual(['assessment_overdue']);
    expect(result.lost).toBe(false);
  });
});

describe('da_check_missing', () => {
  it('da_flag with no da_check', () => {
    expect(analyseOne({ daFlag: true, daCheck: null }).flags).toEqual(['da_check_missing']);
  });
  it('da_flag with a da_check', () => {
    expect(analyseOne({ daFlag: true, daCheck: daysAgo(400) }).flags).toEqual([]);
  });
  it('no da_flag', () => {
    expect(analyseOne({ daFlag: false, daCheck: null }).flags).toEqual([]);
  });
});

describe('safeguarding_check_missing', () => {
  it('safeguarding_flag with no safeguarding_check', () => {
    expect(analyseOne({ safeguardingFlag: true, safeguardingCheck: null }).flags).toEqual(['safeguarding_check_missing']);
  });
  it('safeguarding_flag with a check', () => {
    expect(analyseOne({ safeguardingFlag: true, safeguardingCheck: daysAgo(3) }).flags).toEqual([]);
  });
  it('no safeguarding_flag', () => {
    expect(analyseOne({ safeguardingFlag: false, safeguardingCheck: null }).flags).toEqual([]);
  });
});

describe('address_unknown', () => {
  it('address_known explicitly no', () => {
    expect(analyseOne({ addressKnown: false }).flags).toEqual(['address_unknown']);
  });
  it('address_known not recorded (null) is not flagged', () => {
    expect(analyseOne({ addressKnown: null }).flags).toEqual([]);
  });
  it('address_known yes', () => {
    expect(analyseOne({ addressKnown: true }).flags).toEqual([]);
  });
});

describe('enforcement_due (two or more failures to attend in the window)', () => {
  it.each([
    [0, false],
    [1, false],
    [2, true],
    [3, true],
  ])('%i failures → %s', (failures, due) => {
    const result = analyseOne({ crn: 'E1' }, { contacts: { E1: { lastContact: daysAgo(1), failedToAttend: failures } } });
    expect(result.flags.includes('enforcement_due')).toBe(due);
    expect(result.lost).toBe(false);
  });

  it('no contact history at all: not due', () => {
    expect(analyseOne({ crn: 'E1' }, { contacts: {} }).flags).toEqual([]);
  });
});

describe('sentence_expired (end_date before the as-of date, still active)', () => {
  it('ended yesterday: expired', () => {
    expect(analyseOne({ endDate: daysAgo(1) }).flags).toEqual(['sentence_expired']);
  });
  it('ends on the as-of date: not expired', () => {
    expect(analyseOne({ endDate: AS_OF }).flags).toEqual([]);
  });
  it('ends tomorrow: not expired', () => {
    expect(analyseOne({ endDate: daysAgo(-1) }).flags).toEqual([]);
  });
  it('no end date: not expired', () => {
    expect(analyseOne({ endDate: null }).flags).toEqual([]);
  });
});

describe('invalid_data and duplicate_record', () => {
  it('carry through from the record without making the case lost', () => {
    expect(analyseOne({ invalidData: true })).toMatchObject({ flags: ['invalid_data'], lost: false });
    expect(analyseOne({ duplicateRecord: true })).toMatchObject({ flags: ['duplicate_record'], lost: false });
  });
});

describe('flags', () => {
  it('are sorted codes, each once', () => {
    const result = analyseOne(
      {
        crn: 'Z9',
        officerId: null,
        risk: null,
        lastContact: daysAgo(60),
        lastAssessment: null,
        daFlag: true,
        safeguardingFlag: true,
        addressKnown: false,
        endDate: daysAgo(2),
        invalidData: true,
        duplicateRecord: true,
      },
      { contacts: { Z9: { lastContact: daysAgo(70), failedToAttend: 2 } } },
    );
    expect(result.flags).toEqual([
      'address_unknown',
      'assessment_overdue',
      'da_check_missing',
      'duplicate_record',
      'enforcement_due',
      'invalid_data',
      'not_seen',
      'overdue',
      'risk_unknown',
      'safeguarding_check_missing',
      'sentence_expired',
      'unallocated',
    ]);
    expect(result).toMatchObject({ lost: true, days_since_contact: 60, days_overdue: 53 });
  });

  it('warnings alone never make a case lost', () => {
    const result = analyseOne({
      risk: null,
      lastContact: daysAgo(8),
      lastAssessment: null,
      daFlag: true,
      safeguardingFlag: true,
      addressKnown: false,
      endDate: daysAgo(2),
      invalidData: true,
      duplicateRecord: true,
    });
    expect(result.flags).toHaveLength(9);
    expect(result.lost).toBe(false);
  });
});

describe('flag lists', () => {
  it('are sorted as text, and cases with the same flags share one frozen list', () => {
    const report = run(
      exportsOf({
        officers: [officer({ officerId: 'O1' })],
        cases: [
          caseRecord({ crn: 'A', risk: null, lastContact: daysAgo(60) }),
          caseRecord({ crn: 'B', risk: null, lastContact: daysAgo(60) }),
          caseRecord({ crn: 'C', risk: null }),
        ],
      }),
    );
    const [first, second, third] = ['A', 'B', 'C'].map((crn) => report.cases.find((result) => result.crn === crn)!.flags);
    expect(first).toEqual(['not_seen', 'overdue', 'risk_unknown']);
    expect(second).toBe(first);
    expect(third).toEqual(['risk_unknown']);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as string[]).push('warrant')).toThrow(TypeError);
  });
});
