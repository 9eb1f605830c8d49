/** SPEC 1.3 / 2: a check whose column is absent is skipped and listed, never run on blanks. */
import { describe, expect, it } from 'vitest';
import { skippedChecks } from '../../src/analyse/checks.js';
import { caseIn, caseRecord, daysAgo, exportsOf, officer, officerIn, run } from './builders.js';

describe('with every column present', () => {
  it('nothing is skipped', () => {
    expect(run(exportsOf({ cases: [caseRecord()] })).checks_skipped).toEqual([]);
  });
});

describe('a missing offenders.csv column', () => {
  it('no da_check: da_check_missing is skipped and listed, and flags no case', () => {
    const report = run(
      exportsOf({
        cases: [caseRecord({ crn: 'A', daFlag: true, daCheck: null }), caseRecord({ crn: 'B', daFlag: true, daCheck: null })],
        without: { offenders: ['da_check'] },
      }),
    );
    expect(report.checks_skipped).toEqual([{ check: 'da_check_missing', file: 'offenders', missing: ['da_check'] }]);
    expect(caseIn(report, 'A').flags).toEqual([]);
    expect(caseIn(report, 'B').flags).toEqual([]);
    expect(report.summary.flags.da_check_missing).toBe(0);
  });

  it('with da_check present the same cases are flagged (the skip is what stops it)', () => {
    const report = run(exportsOf({ cases: [caseRecord({ crn: 'A', daFlag: true, daCheck: null })] }));
    expect(caseIn(report, 'A').flags).toEqual(['da_check_missing']);
  });

  it('no da_flag: da_check_missing is listed with the missing column', () => {
    const report = run(exportsOf({ cases: [caseRecord()], without: { offenders: ['da_flag'] } }));
    expect(report.checks_skipped).toEqual([{ check: 'da_check_missing', file: 'offenders', missing: ['da_flag'] }]);
  });

  it('no safeguarding_check: safeguarding_check_missing is skipped', () => {
    const report = run(
      exportsOf({ cases: [caseRecord({ safeguardingFlag: true })], without: { offenders: ['safeguarding_check'] } }),
    );
    expect(report.checks_skipped.map((entry) => entry.check)).toEqual(['safeguarding_check_missing']);
    expect(report.cases[0]!.flags).toEqual([]);
  });

  it('no last_assessment: assessment_overdue is skipped, not raised on every case', () => {
    const report = run(exportsOf({ cases: [caseRecord({ lastAssessment: null })], without: { offenders: ['last_assessment'] } }));
    expect(report.checks_skipped).toEqual([{ check: 'assessment_overdue', file: 'offenders', missing: ['last_assessment'] }]);
    expect(report.cases[0]!.flags).toEqual([]);
  });

  it('no end_date: sentence_expired is skipped', () => {
    const report = run(exportsOf({ cases: [caseRecord()], without: { offenders: ['end_date'] } }));
    expect(report.checks_skipped.map((entry) => entry.check)).toEqual(['sentence_expired']);
  });

  it('no address_known: address_unknown is skipped', () => {
    const report = run(exportsOf({ cases: [caseRecord({ addressKnown: null })], without: { offenders: ['address_known'] } }));
    expect(report.checks_skipped.map((entry) => entry.check)).toEqual(['address_unknown']);
  });
});

describe('contact checks', () => {
  const neverSeen = caseRecord({ crn: 'N', lastContact: null, startDate: daysAgo(200), risk: 'high' });

  it('no contacts.csv and no last_contact column: overdue, not_seen and never_seen are skipped', () => {
    const report = run(exportsOf({ cases: [neverSeen], contacts: null, without: { offenders: ['last_contact'] } }));
    expect(report.checks_skipped.map((entry) => entry.check)).toEqual(['overdue', 'not_seen', 'never_seen', 'enforcement_due']);
    expect(report.checks_skipped.find((entry) => entry.check === 'enforcement_due')).toEqual({
      check: 'enforcement_due',
      file: 'contacts',
      missing: ['contacts.csv'],
    });
    const result = caseIn(report, 'N');
    expect(result).toMatchObject({ overdue: false, days_overdue: 0, lost: false, flags: [] });
    expect(report.summary).toMatchObject({ lost: 0, overdue: 0 });
  });

  it('with the contact checks skipped, no officer is reported as seeing cases on time', () => {
    const report = run(
      exportsOf({
        cases: [caseRecord({ crn: 'A', lastContact: null }), caseRecord({ crn: 'B', lastContact: null, startDate: daysAgo(300) })],
        contacts: null,
        without: { offenders: ['last_contact'] },
      }),
    );
    expect(officerIn(report, 'O1')).toMatchObject({ caseload: 2, overdue: 0, lost: 0, seen_on_time_pct: null });
  });

  it('with contact data, the same officer has a seen_on_time_pct', () => {
    const report = run(exportsOf({ cases: [caseRecord({ crn: 'A' }), caseRecord({ crn: 'B', lastContact: null, startDate: daysAgo(300) })] }));
    expect(officerIn(report, 'O1').seen_on_time_pct).toBe(50);
  });

  it('the allocation checks still run when the contact checks are skipped', () => {
    const report = run(
      exportsOf({
        cases: [caseRecord({ crn: 'U', officerId: null, lastContact: null })],
        contacts: null,
        without: { offenders: ['last_contact'] },
      }),
    );
    expect(caseIn(report, 'U')).toMatchObject({ lost: true, flags: ['unallocated'] });
  });

  it('no contacts.csv but a last_contact column: the contact checks run', () => {
    const report = run(exportsOf({ cases: [neverSeen], contacts: null }));
    expect(report.checks_skipped.map((entry) => entry.check)).toEqual(['enforcement_due']);
    expect(caseIn(report, 'N')).toMatchObject({ overdue: true, days_overdue: 193, lost: true, flags: ['never_seen', 'overdue'] });
  });

  it('contacts.csv but no last_contact column: the contact checks run on the contacts', () => {
    const report = run(
      exportsOf({
        cases: [caseRecord({ crn: 'S', risk: 'medium', lastContact: null })],
        contacts: { S: { lastContact: daysAgo(20) } },
        without: { offenders: ['last_contact'] },
      }),
    );
    expect(report.checks_skipped).toEqual([]);
    expect(caseIn(report, 'S')).toMatchObject({ days_since_contact: 20, overdue: true, days_overdue: 6 });
  });

  it('contacts.csv without an outcome column: enforcement_due is skipped', () => {
    const report = run(
      exportsOf({ cases: [caseRecord({ crn: 'F' })], contacts: { F: { failedToAttend: 4 } }, without: { contacts: ['outcome'] } }),
    );
    expect(report.checks_skipped).toEqual([{ check: 'enforcement_due', file: 'contacts', missing: ['outcome'] }]);
    expect(caseIn(report, 'F').flags).toEqual([]);
  });
});

describe('officers.csv columns', () => {
  it('no last_supervision: no_supervision is skipped and flags nobody', () => {
    const report = run(exportsOf({ officers: [officer({ lastSupervision: null })], without: { officers: ['last_supervision'] } }));
    expect(report.checks_skipped).toEqual([{ check: 'no_supervision', file: 'officers', missing: ['last_supervision'] }]);
    expect(officerIn(report, 'O1').flags).toEqual([]);
  });

  it('no start_date: new_starter_high_risk is skipped', () => {
    const report = run(
      exportsOf({
        officers: [officer({ startDate: daysAgo(10) })],
        cases: [caseRecord({ risk: 'high' })],
        without: { officers: ['start_date'] },
      }),
    );
    expect(report.checks_skipped.map((entry) => entry.check)).toEqual(['new_starter_high_risk']);
    expect(officerIn(report, 'O1').flags).toEqual([]);
  });

  it('no grade: pso_high_risk is skipped', () => {
    const report = run(
      exportsOf({ officers: [officer({ grade: 'PSO' })], cases: [caseRecord({ risk: 'very_high' })], without: { officers: ['grade'] } }),
    );
    expect(report.checks_skipped.map((entry) => entry.check)).toEqual(['pso_high_risk']);
    expect(officerIn(report, 'O1').flags).toEqual([]);
  });
});

describe('skippedChecks on its own', () => {
  it('lists the contact checks once, naming both missing sources', () => {
    const all = exportsOf({ contacts: null, without: { offenders: ['last_contact'] } });
    expect(skippedChecks(all).filter((entry) => entry.check === 'overdue')).toEqual([
      { check: 'overdue', file: 'contacts', missing: ['contacts.csv', 'offenders.csv last_contact'] },
    ]);
  });
});
