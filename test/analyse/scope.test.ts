/** SPEC 3.3: a filter scopes the whole report: summary, officers, managers, teams and cases. */
import { describe, expect, it } from 'vitest';
import { NO_SCOPE, scopeReport } from '../../src/analyse/scope.js';
import { summarise } from '../../src/analyse/summary.js';
import { caseRecord, daysAgo, exportsOf, officer, run } from './builders.js';

/*
 * officer  team   pdu   manager  cases
 * M1       North  P1    -        -
 * O1       North  P1    M1       A1 very_high, seen yesterday; A2 low, da_flag, seen 60 days ago (not_seen)
 * O2       South  P1    M1       B1 high, seen yesterday, custody
 * O3       South  P2    M2       C1 very_high, started 100 days ago, never seen (never_seen)
 * X9 (not on the roster): D1 low, its own team North (unknown_officer)
 * T1 terminated (O1)
 */
const full = run(
  exportsOf({
    officers: [
      officer({ officerId: 'M1', name: 'Maya Patel', grade: 'SPO', team: 'North', pdu: 'P1' }),
      officer({ officerId: 'O1', team: 'North', pdu: 'P1', managerId: 'M1' }),
      officer({ officerId: 'O2', team: 'South', pdu: 'P1', managerId: 'M1' }),
      officer({ officerId: 'O3', team: 'South', pdu: 'P2', managerId: 'M2' }),
    ],
    cases: [
      caseRecord({ crn: 'A1', officerId: 'O1', risk: 'very_high', lastContact: daysAgo(1) }),
      caseRecord({ crn: 'A2', officerId: 'O1', risk: 'low', daFlag: true, daCheck: daysAgo(100), lastContact: daysAgo(60) }),
      caseRecord({ crn: 'B1', officerId: 'O2', risk: 'high', lastContact: daysAgo(1), status: 'custody' }),
      caseRecord({ crn: 'C1', officerId: 'O3', risk: 'very_high', lastContact: null, startDate: daysAgo(100) }),
      caseRecord({ crn: 'D1', officerId: 'X9', risk: 'low', team: 'North', lastContact: daysAgo(1) }),
      caseRecord({ crn: 'T1', officerId: 'O1', status: 'terminated' }),
    ],
  }),
);

const crnsOf = (report: { cases: { crn: string }[] }): string[] => report.cases.map((result) => result.crn).sort();
const idsOf = (report: { officers: { officer_id: string }[] }): string[] => report.officers.map((officer) => officer.officer_id).sort();

describe('summarise', () => {
  it('is the summary analyse builds, from the same cases and officers', () => {
    expect(summarise(full.cases, full.officers, { terminated: 1, issues: full.summary.issues })).toEqual(full.summary);
    expect(full.summary).toMatchObject({ cases: 5, active: 4, custody: 1, terminated: 1, officers: 4, da_flagged: 1 });
  });
});

describe('scopeReport', () => {
  it('without a filter is the report itself', () => {
    expect(scopeReport(full, NO_SCOPE)).toBe(full);
  });

  it('--team keeps the team’s cases (an unknown officer’s by its own team) and officers, and recounts the summary', () => {
    const north = scopeReport(full, { ...NO_SCOPE, teams: ['North'] });
    expect(crnsOf(north)).toEqual(['A1', 'A2', 'D1']);
    // M1 holds no case but is in North; X9 holds a North case
    expect(idsOf(north)).toEqual(['M1', 'O1', 'X9']);
    expect(north.summary).toMatchObject({ cases: 3, active: 3, custody: 0, terminated: null, officers: 2, lost: 2, da_flagged: 1 });
    expect(north.summary.flags.not_seen).toBe(1);
    expect(north.summary.flags.unknown_officer).toBe(1);
    expect(north.teams.map((team) => [team.name, team.cases, team.officers_in_post])).toEqual([['North', 3, 2]]);
    // D1 has no PDU of its own: the no-PDU row
    expect(north.pdus.map((pdu) => [pdu.name, pdu.cases])).toEqual([
      ['P1', 2],
      [null, 1],
    ]);
    // M1 oversees O1 here only; the name still comes from the whole roster
    expect(north.managers).toEqual([{ manager_id: 'M1', name: 'Maya Patel', officers: ['O1'], caseload: 2, lost: 1, overdue: 1, flags: [] }]);
  });

  it('--risk (a case-only filter) lists only the officers holding a case in scope, with their full rows', () => {
    const veryHigh = scopeReport(full, { ...NO_SCOPE, risks: ['very_high'] });
    expect(crnsOf(veryHigh)).toEqual(['A1', 'C1']);
    expect(idsOf(veryHigh)).toEqual(['O1', 'O3']);
    expect(veryHigh.officers.find((officer) => officer.officer_id === 'O1')!.caseload).toBe(2); // the whole caseload
    expect(veryHigh.summary).toMatchObject({ cases: 2, lost: 1, officers: 2 });
    expect(veryHigh.teams.map((team) => [team.name, team.cases])).toEqual([
      ['North', 1],
      ['South', 1],
    ]);
    expect(veryHigh.managers.map((manager) => manager.manager_id)).toEqual(['M1', 'M2']);
  });

  it('--officer and --flag combine with the rest (and)', () => {
    expect(crnsOf(scopeReport(full, { ...NO_SCOPE, officers: ['O1'] }))).toEqual(['A1', 'A2']);
    expect(idsOf(scopeReport(full, { ...NO_SCOPE, officers: ['O1'] }))).toEqual(['O1']);
    const lostInSouth = scopeReport(full, { ...NO_SCOPE, flags: ['never_seen', 'not_seen'], teams: ['South'] });
    expect(crnsOf(lostInSouth)).toEqual(['C1']);
    expect(idsOf(lostInSouth)).toEqual(['O3']);
  });

  it('a filter nothing matches leaves an empty view, not the whole one', () => {
    const none = scopeReport(full, { ...NO_SCOPE, teams: ['North'], risks: ['high'] });
    expect(none.cases).toEqual([]);
    expect(none.officers).toEqual([]);
    expect(none.summary.cases).toBe(0);
  });
});
