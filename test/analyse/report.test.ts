/** The report as a whole: summary counts, determinism, the as-of date and config thresholds. */
import { describe, expect, it } from 'vitest';
import { CASE_FLAGS, OFFICER_FLAGS } from '../../src/analyse/report.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import type { Exports, Issue } from '../../src/read/records.js';
import { AS_OF, analyseOne, caseIn, caseRecord, configWith, daysAgo, exportsOf, officer, officerIn, run } from './builders.js';

const issue: Issue = { file: 'offenders.csv', line: 7, column: 'risk', code: 'invalid_value', message: 'risk: "extreme" is not a risk level' };

/*
 * crn  status      why                                              lost overdue flags
 * A    active      seen yesterday                                   -    -       -
 * B    active      low, seen 60 days ago                            yes  yes     not_seen, overdue
 * C    active      high, seen 10 days ago, da_flag without a check  -    yes     da_check_missing, overdue
 * D    active      unallocated, safeguarding flag with a check      yes  -       unallocated
 * E    custody     risk unknown, never seen                         -    -       risk_unknown
 * F    warrant     officer S1 sick 40 days                          yes  -       officer_absent, warrant
 * G    terminated  -
 * H    active      invalid data, address unknown                    -    -       address_unknown, invalid_data
 */
const exports: Exports = {
  ...exportsOf({
    officers: [
      officer({ officerId: 'O1', lastSupervision: null }),
      officer({ officerId: 'S1', status: 'sick', statusSince: daysAgo(40) }),
    ],
    cases: [
      caseRecord({ crn: 'A' }),
      caseRecord({ crn: 'B', risk: 'low', lastContact: daysAgo(60) }),
      caseRecord({ crn: 'C', risk: 'high', lastContact: daysAgo(10), daFlag: true }),
      caseRecord({ crn: 'D', officerId: null, safeguardingFlag: true, safeguardingCheck: daysAgo(30) }),
      caseRecord({ crn: 'E', status: 'custody', risk: null, lastContact: null }),
      caseRecord({ crn: 'F', status: 'warrant', officerId: 'S1' }),
      caseRecord({ crn: 'G', status: 'terminated', daFlag: true }),
      caseRecord({ crn: 'H', invalidData: true, addressKnown: false }),
    ],
  }),
  inputs: [{ file: 'offenders', path: 'offenders.csv', rows: 9, used: 8, rejected: 1, ignored_columns: [], column_hints: [] }],
  issues: [issue],
};

describe('the report', () => {
  const report = run(exports);

  it('carries the schema version, the as-of date, the config, the inputs and the issues', () => {
    expect(report.schema_version).toBe(1);
    expect(report.as_of).toBe('2026-11-16');
    expect(report.config).toEqual(DEFAULT_CONFIG);
    expect(report.inputs).toEqual(exports.inputs);
    expect(report.issues).toEqual([issue]);
  });

  it('has the case flags of the table above', () => {
    expect(Object.fromEntries(report.cases.map((result) => [result.crn, result.flags]))).toEqual({
      A: [],
      B: ['not_seen', 'overdue'],
      C: ['da_check_missing', 'overdue'],
      D: ['unallocated'],
      E: ['risk_unknown'],
      F: ['officer_absent', 'warrant'],
      H: ['address_unknown', 'invalid_data'],
    });
  });

  it('counts the summary by hand', () => {
    const flags = Object.fromEntries(CASE_FLAGS.map((code) => [code, 0]));
    Object.assign(flags, {
      not_seen: 1,
      overdue: 2,
      da_check_missing: 1,
      unallocated: 1,
      risk_unknown: 1,
      officer_absent: 1,
      warrant: 1,
      address_unknown: 1,
      invalid_data: 1,
    });
    const officerFlags = Object.fromEntries(OFFICER_FLAGS.map((code) => [code, 0]));
    Object.assign(officerFlags, { absent_with_cases: 1, no_supervision: 1 });
    expect(report.summary).toEqual({
      cases: 7,
      active: 5,
      custody: 1,
      warrant: 1,
      terminated: 1,
      officers: 2,
      lost: 3, // B, D, F
      overdue: 2, // B, C
      reset: 0,
      da_flagged: 1, // C (G is terminated)
      safeguarding_flagged: 1, // D
      flags,
      officer_flags: officerFlags,
      outliers: { overdue: 0, lost: 0, assessment_overdue: 0 }, // two officers: no peer group of 4
      issues: 1,
    });
  });

  it('ranks the cases: lost ones first by risk, then the rest by risk', () => {
    // Lost: D and F medium (0 overdue, seen 1 day ago, so by crn), then B (low, though 32 days overdue).
    // Not lost: C high (3 overdue), E unknown, then A and H medium (0, 1 day) → crn.
    expect(report.cases.map((result) => result.crn)).toEqual(['D', 'F', 'B', 'C', 'E', 'A', 'H']);
  });
});

describe('determinism', () => {
  it('analysing the same exports twice gives deep-equal reports, and the same JSON', () => {
    const first = run(exports);
    const second = run(exports);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('the exports are not changed by the analysis', () => {
    const before = structuredClone(exports);
    run(exports);
    run(exports, { sort: 'caseload' });
    expect(exports).toEqual(before);
  });

  it('the order of the rows does not change the report’s cases, officers or rollups', () => {
    const shuffled: Exports = { ...exports, cases: [...exports.cases].reverse() };
    const a = run(exports);
    const b = run(shuffled);
    expect(b.cases).toEqual(a.cases.map((result) => ({ ...result })));
    expect(b.officers).toEqual(a.officers);
    expect(b.managers).toEqual(a.managers);
    expect(b.teams).toEqual(a.teams);
    expect(b.summary).toEqual(a.summary);
  });
});

describe('as of one date', () => {
  it('moving the as-of date ten days on adds ten days since contact', () => {
    const now = analyseOne({ risk: 'low', lastContact: daysAgo(20) });
    const report = run(exportsOf({ cases: [caseRecord({ risk: 'low', lastContact: daysAgo(20) })] }), { asOf: AS_OF + 10 });
    expect(now).toMatchObject({ days_since_contact: 20, overdue: false });
    expect(report.as_of).toBe('2026-11-26');
    expect(report.cases[0]).toMatchObject({ days_since_contact: 30, overdue: true, days_overdue: 2 });
  });
});

describe('config thresholds are honoured', () => {
  it('lost_after_days: 31 days unseen is lost at 30, not at the default 56', () => {
    const record = { risk: 'low' as const, lastContact: daysAgo(31) };
    expect(analyseOne(record).lost).toBe(false);
    const config = configWith((c) => (c.lost_after_days = 30));
    expect(analyseOne(record, {}, config)).toMatchObject({ lost: true, flags: ['not_seen', 'overdue'] });
    expect(analyseOne({ risk: 'low', lastContact: daysAgo(30) }, {}, config).lost).toBe(false);
  });

  it('lost_after_days also moves never_seen', () => {
    const config = configWith((c) => (c.lost_after_days = 20));
    expect(analyseOne({ lastContact: null, startDate: daysAgo(21) }, {}, config).flags).toEqual(['never_seen', 'overdue']);
    expect(analyseOne({ lastContact: null, startDate: daysAgo(21) }).flags).toEqual(['overdue']);
  });

  it('contact_standards: medium at 21 days makes 15 days on time; unknown at 28 makes 20 days on time', () => {
    const config = configWith((c) => {
      c.contact_standards.medium = 21;
      c.contact_standards.unknown = 28;
    });
    expect(analyseOne({ risk: 'medium', lastContact: daysAgo(15) })).toMatchObject({ overdue: true, days_overdue: 1 });
    expect(analyseOne({ risk: 'medium', lastContact: daysAgo(15) }, {}, config)).toMatchObject({
      standard_days: 21,
      overdue: false,
      days_overdue: 0,
    });
    expect(analyseOne({ risk: 'medium', lastContact: daysAgo(25) }, {}, config).days_overdue).toBe(4);
    expect(analyseOne({ risk: null, lastContact: daysAgo(20) }, {}, config)).toMatchObject({ standard_days: 28, overdue: false });
  });

  it('first_contact_days: 14 makes a case started 10 days ago not yet overdue', () => {
    const config = configWith((c) => (c.first_contact_days = 14));
    expect(analyseOne({ lastContact: null, startDate: daysAgo(10) }).days_overdue).toBe(3);
    expect(analyseOne({ lastContact: null, startDate: daysAgo(10) }, {}, config)).toMatchObject({ overdue: false, days_overdue: 0 });
    expect(analyseOne({ lastContact: null, startDate: daysAgo(20) }, {}, config).days_overdue).toBe(6);
  });

  it('absent_after_days: 7 makes an officer sick for 8 days absent', () => {
    const config = configWith((c) => (c.absent_after_days = 7));
    const officers = [officer({ status: 'sick', statusSince: daysAgo(8) })];
    expect(analyseOne({}, { officers }).flags).toEqual([]);
    expect(analyseOne({}, { officers }, config).flags).toEqual(['officer_absent']);
  });

  it('assessment_review_days: 90 makes an assessment 91 days old overdue', () => {
    const config = configWith((c) => (c.assessment_review_days = 90));
    expect(analyseOne({ lastAssessment: daysAgo(91) }).flags).toEqual([]);
    expect(analyseOne({ lastAssessment: daysAgo(91) }, {}, config).flags).toEqual(['assessment_overdue']);
    expect(analyseOne({ lastAssessment: daysAgo(90) }, {}, config).flags).toEqual([]);
  });

  it('supervision_days: 30 makes supervision 31 days ago too old', () => {
    const config = configWith((c) => (c.supervision_days = 30));
    const exportsWith = exportsOf({ officers: [officer({ lastSupervision: daysAgo(31) })] });
    expect(officerIn(run(exportsWith), 'O1').flags).toEqual([]);
    expect(officerIn(run(exportsWith, { config }), 'O1').flags).toEqual(['no_supervision']);
  });

  it('points: the tier and risk tables come from the config', () => {
    const config = configWith((c) => {
      c.points.community.B2 = 200;
      c.points.risks.unknown = 10;
    });
    const exportsWith = exportsOf({ cases: [caseRecord({ crn: 'A', tier: 'B2' }), caseRecord({ crn: 'B', tier: null, risk: null })] });
    expect(officerIn(run(exportsWith), 'O1').points).toBe(261); // 115 + 146
    expect(officerIn(run(exportsWith, { config }), 'O1').points).toBe(210); // 200 + 10
  });

  it('the report carries the config it was given', () => {
    const config = configWith((c) => (c.lost_after_days = 30));
    expect(run(exportsOf(), { config }).config.lost_after_days).toBe(30);
  });

  it('changing a copy of the config never touches the defaults', () => {
    expect(DEFAULT_CONFIG.lost_after_days).toBe(56);
    expect(DEFAULT_CONFIG.contact_standards).toEqual({ very_high: 7, high: 7, medium: 14, low: 28, unknown: 7 });
  });
});

describe('a case with an unknown officer in the report', () => {
  it('takes no team, pdu or manager from anywhere', () => {
    const report = run(exportsOf({ officers: [officer({ team: 'North', pdu: 'P', managerId: 'M1' })], cases: [caseRecord({ officerId: 'N99' })] }));
    expect(caseIn(report, 'X000001')).toMatchObject({ officer_id: 'N99', officer_name: null, team: null, pdu: null, manager_id: null });
  });

  it('a known officer’s team, pdu, manager and name are copied onto the case', () => {
    const report = run(
      exportsOf({ officers: [officer({ name: 'Sam Lee', team: 'North', pdu: 'P', managerId: 'M1' })], cases: [caseRecord()] }),
    );
    expect(caseIn(report, 'X000001')).toMatchObject({ officer_id: 'O1', officer_name: 'Sam Lee', team: 'North', pdu: 'P', manager_id: 'M1' });
  });
});
