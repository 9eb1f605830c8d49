/** src/cli/exit-code.ts: --fail-on and --quiet as pure functions of a hand-made view. */
import { describe, expect, it } from 'vitest';
import { decideExitCode, hasFinding, somethingFlagged, type FailOn } from '../../src/cli/exit-code.js';
import type { Report } from '../../src/analyse/report.js';
import { caseResult, managerResult, officerResult, report, view } from './builders.js';

const KINDS: FailOn[] = ['lost', 'overdue', 'warnings', 'any'];

/** What hasFinding says for each kind, as the list of kinds found. */
const findings = (fromReport: Report, kind: Parameters<typeof view>[0] = 'report', filter = {}): FailOn[] =>
  KINDS.filter((failOn) => hasFinding(view(kind, fromReport, { filter }), failOn));

describe('hasFinding', () => {
  it('finds nothing in a clean report', () => {
    expect(findings(report({ cases: [caseResult()], officers: [officerResult()], managers: [managerResult()] }))).toEqual([]);
  });

  it('lost: a case with a lost flag (which is not a warning)', () => {
    expect(findings(report({ cases: [caseResult({ flags: ['officer_left'] })] }))).toEqual(['lost', 'any']);
  });

  it('overdue: an overdue case, which is also a warning', () => {
    expect(findings(report({ cases: [caseResult({ flags: ['overdue'] })] }))).toEqual(['overdue', 'warnings', 'any']);
  });

  it('warnings: any flag that does not make a case lost', () => {
    for (const flag of ['risk_unknown', 'da_check_missing', 'warrant', 'duplicate_record'] as const) {
      expect([flag, findings(report({ cases: [caseResult({ flags: [flag] })] }))]).toEqual([flag, ['warnings', 'any']]);
    }
  });

  it('any: officer and manager flags count too, and only for any', () => {
    expect(findings(report({ cases: [caseResult()], officers: [officerResult({ flags: ['over_capacity'] })] }))).toEqual(['any']);
    expect(findings(report({ cases: [caseResult()], managers: [managerResult({ flags: ['span_exceeded'] })] }))).toEqual(['any']);
  });

  it('any: judges every officer, not only the ones --limit shows', () => {
    const officers = [officerResult({ officer_id: 'O1' }), officerResult({ officer_id: 'O2', flags: ['over_capacity'] })];
    const limited = view('officers', report({ cases: [caseResult()], officers }), { limit: 1 });
    expect(limited.officers.map((officer) => officer.officer_id)).toEqual(['O1']);
    expect(hasFinding(limited, 'any')).toBe(true);
  });

  it('judges the cases the view selects, not the ones --limit shows', () => {
    const cases = [caseResult({ crn: 'X1', flags: ['overdue'] }), caseResult({ crn: 'X2', flags: ['never_seen'] })];
    const limited = view('cases', report({ cases }), { limit: 1 });
    expect(limited.cases).toHaveLength(1);
    expect(hasFinding(limited, 'lost')).toBe(true);
  });

  it('judges only the cases the filters select', () => {
    const cases = [caseResult({ crn: 'X1', flags: ['overdue'], team: 'A' }), caseResult({ crn: 'X2', flags: ['never_seen'], team: 'B' })];
    expect(findings(report({ cases }), 'cases', { teams: ['A'] })).toEqual(['overdue', 'warnings', 'any']);
    expect(findings(report({ cases }), 'cases', { teams: ['B'] })).toEqual(['lost', 'any']);
  });
});

describe('decideExitCode', () => {
  const overdueOnly = view('report', report({ cases: [caseResult({ flags: ['overdue'] })] }));

  it('is 0 without --fail-on, whatever is found', () => {
    expect(decideExitCode(overdueOnly, [])).toBe(0);
  });

  it('is 1 when any of the kinds asked for is found, else 0', () => {
    expect(decideExitCode(overdueOnly, ['overdue'])).toBe(1);
    expect(decideExitCode(overdueOnly, ['lost'])).toBe(0);
    expect(decideExitCode(overdueOnly, ['lost', 'overdue'])).toBe(1);
    expect(decideExitCode(view('report', report({ cases: [caseResult()] })), KINDS)).toBe(0);
  });
});

describe('somethingFlagged (what --quiet stays silent without)', () => {
  const clean = report({ cases: [caseResult()], officers: [officerResult()], managers: [managerResult()] });
  const flaggedCase = report({ cases: [caseResult({ flags: ['address_unknown'] })], officers: [officerResult()] });
  const flaggedOfficer = report({ cases: [caseResult()], officers: [officerResult({ flags: ['no_supervision'] })] });
  const flaggedManager = report({ cases: [caseResult()], managers: [managerResult({ flags: ['span_exceeded'] })] });

  it('is false for every view of a clean report', () => {
    for (const kind of ['report', 'cases', 'officers', 'teams', 'validate'] as const) {
      expect([kind, somethingFlagged(view(kind, clean))]).toEqual([kind, false]);
    }
  });

  it('report and cases: a flagged case among those selected', () => {
    expect(somethingFlagged(view('report', flaggedCase))).toBe(true);
    expect(somethingFlagged(view('cases', flaggedCase))).toBe(true);
    expect(somethingFlagged(view('cases', flaggedCase, { filter: { teams: ['elsewhere'] } }))).toBe(false);
  });

  it('report: a flagged officer or manager too (the report shows them), so --quiet agrees with --fail-on any', () => {
    for (const flagged of [flaggedOfficer, flaggedManager]) {
      const reportView = view('report', flagged);
      expect(somethingFlagged(reportView)).toBe(true);
      expect(somethingFlagged(reportView)).toBe(hasFinding(reportView, 'any'));
    }
    expect(somethingFlagged(view('cases', flaggedOfficer))).toBe(false); // cases shows cases only
  });

  it('officers: judges every officer, not only the ones --limit shows', () => {
    const officers = [officerResult({ officer_id: 'O1' }), officerResult({ officer_id: 'O2', flags: ['no_supervision'] })];
    expect(somethingFlagged(view('officers', report({ officers }), { limit: 1 }))).toBe(true);
  });

  it('officers: a flagged officer; teams: a flagged manager', () => {
    expect(somethingFlagged(view('officers', flaggedOfficer))).toBe(true);
    expect(somethingFlagged(view('officers', flaggedCase))).toBe(false);
    expect(somethingFlagged(view('teams', flaggedManager))).toBe(true);
    expect(somethingFlagged(view('teams', flaggedOfficer))).toBe(false);
  });

  it('validate: data issues', () => {
    const withIssue: Report = { ...clean, issues: [{ file: 'offenders.csv', line: 3, column: 'risk', code: 'invalid_value', message: 'risk: unknown value "x"' }] as Report['issues'] };
    expect(somethingFlagged(view('validate', withIssue))).toBe(true);
  });
});
