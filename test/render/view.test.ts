import { describe, expect, it } from 'vitest';
import { NO_FILTER, redact, selectCases, type CaseFilter } from '../../src/render/view.js';
import { caseResult, managerResult, officerResult, report, view } from './builders.js';

const CASES = [
  caseResult({ crn: 'X1', flags: ['not_seen', 'overdue'], risk: 'very_high', officer_id: 'O1', team: 'Team A', pdu: 'PDU A' }),
  caseResult({ crn: 'X2', flags: ['da_check_missing'], risk: 'high', officer_id: 'O2', team: 'Team B', pdu: 'PDU A' }),
  caseResult({ crn: 'X3', flags: [], risk: 'low', officer_id: 'O1', team: 'Team A', pdu: 'PDU A' }),
  caseResult({ crn: 'X4', flags: ['unallocated', 'risk_unknown'], risk: null, officer_id: null, officer_name: null, team: null, pdu: null, manager_id: null }),
  caseResult({ crn: 'X5', flags: ['overdue'], risk: 'medium', officer_id: 'O3', team: 'Team C', pdu: 'PDU B' }),
];

const select = (filter: Partial<CaseFilter>): string[] => selectCases(CASES, { ...NO_FILTER, ...filter }).map((result) => result.crn);

describe('selectCases', () => {
  it('selects flagged cases only, unless all', () => {
    expect(select({})).toEqual(['X1', 'X2', 'X4', 'X5']);
    expect(select({ all: true })).toEqual(['X1', 'X2', 'X3', 'X4', 'X5']);
  });

  it('keeps the order it is given', () => {
    expect(selectCases([...CASES].reverse(), NO_FILTER).map((result) => result.crn)).toEqual(['X5', 'X4', 'X2', 'X1']);
  });

  it('flags: any of them', () => {
    expect(select({ flags: ['overdue'] })).toEqual(['X1', 'X5']);
    expect(select({ flags: ['overdue', 'da_check_missing'] })).toEqual(['X1', 'X2', 'X5']);
    expect(select({ flags: ['warrant'] })).toEqual([]);
  });

  it('risks: unknown matches a case with no risk', () => {
    expect(select({ risks: ['unknown'] })).toEqual(['X4']);
    expect(select({ risks: ['high', 'very_high'] })).toEqual(['X1', 'X2']);
    expect(select({ risks: ['low'], all: true })).toEqual(['X3']);
    expect(select({ risks: ['low'] })).toEqual([]);
  });

  it('officers, teams and PDUs: exact matches, never matching a null', () => {
    expect(select({ officers: ['O1'], all: true })).toEqual(['X1', 'X3']);
    expect(select({ officers: ['O1', 'O3'] })).toEqual(['X1', 'X5']);
    expect(select({ teams: ['Team B'] })).toEqual(['X2']);
    expect(select({ teams: ['Team'] })).toEqual([]);
    expect(select({ pdus: ['PDU A'] })).toEqual(['X1', 'X2']);
    expect(select({ pdus: ['PDU B', 'PDU A'] })).toEqual(['X1', 'X2', 'X5']);
  });

  it('different filters must all match', () => {
    expect(select({ pdus: ['PDU A'], flags: ['overdue'] })).toEqual(['X1']);
    expect(select({ officers: ['O1'], risks: ['low'], all: true })).toEqual(['X3']);
    expect(select({ officers: ['O2'], teams: ['Team A'] })).toEqual([]);
  });
});

describe('redact', () => {
  const full = report({
    cases: CASES,
    officers: [officerResult({ name: 'Officer One' }), officerResult({ officer_id: 'O2', name: 'Officer Two' })],
    managers: [managerResult({ name: 'Manager One' })],
  });
  const redacted = redact(full);

  it('nulls every person and officer name', () => {
    expect(redacted.cases.map((result) => [result.name, result.officer_name])).toEqual(CASES.map(() => [null, null]));
    expect(redacted.officers.map((officer) => officer.name)).toEqual([null, null]);
    expect(redacted.managers.map((manager) => manager.name)).toEqual([null]);
    expect(JSON.stringify(redacted)).not.toMatch(/Person One|Officer One|Officer Two|Manager One/);
  });

  it('keeps everything else, and does not touch the report it was given', () => {
    expect(redacted.cases.map(({ name: _name, officer_name: _officer, ...rest }) => rest)).toEqual(
      full.cases.map(({ name: _name, officer_name: _officer, ...rest }) => rest),
    );
    expect(redacted.summary).toEqual(full.summary);
    expect(full.cases[0]!.name).toBe('Person One');
    expect(full.officers[0]!.name).toBe('Officer One');
  });
});

describe('buildView', () => {
  const full = report({ cases: CASES, officers: ['O1', 'O2', 'O3'].map((id) => officerResult({ officer_id: id })) });

  it('caps cases and officers at --limit, keeping the totals and every selected case for judging', () => {
    const limited = view('cases', full, { limit: 2 });
    expect(limited.cases.map((result) => result.crn)).toEqual(['X1', 'X2']);
    expect(limited.selectedCases.map((result) => result.crn)).toEqual(['X1', 'X2', 'X4', 'X5']);
    expect(limited.casesTotal).toBe(4);
    expect(limited.officers).toHaveLength(2);
    expect(limited.officersTotal).toBe(3);
    expect(limited.limit).toBe(2);
  });

  it('shows everything without --limit', () => {
    const unlimited = view('report', full, { filter: { all: true } });
    expect(unlimited.cases).toHaveLength(5);
    expect(unlimited.officers).toHaveLength(3);
    expect(unlimited.limit).toBeNull();
  });

  it('redacts when asked, and only then', () => {
    expect(view('report', full, { redact: true }).cases.every((result) => result.name === null)).toBe(true);
    expect(view('report', full).cases.every((result) => result.name === 'Person One')).toBe(true);
  });
});
