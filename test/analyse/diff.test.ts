/**
 * diffReports against the hand-worked pair fixtures/weekly/2026-11-09 → 2026-11-16:
 * C1 overdue resolved, C2 newly lost (its officer left), C3 still lost (unallocated),
 * C4 reallocated O2 → O1, C5 new to the export, C6 gone (terminated), C7 unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyse } from '../../src/analyse/analyze.js';
import { diffReports, statusChange, type DiffReport } from '../../src/analyse/diff.js';
import type { OfficerResult } from '../../src/analyse/report.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { readExports } from '../../src/read/exports.js';
import { parseDate, type Day } from '../../src/read/values.js';
import { FIXTURES } from '../helpers/cli.js';

async function reportOf(folder: string, asOfText: string) {
  const asOf = parseDate(asOfText) as Day;
  const exports = await readExports({ dir: join(FIXTURES, 'weekly', folder) }, { asOf, config: DEFAULT_CONFIG });
  return analyse(exports, { asOf, config: DEFAULT_CONFIG });
}

let diff: DiffReport;
let all: DiffReport;

beforeAll(async () => {
  const previous = await reportOf('2026-11-09', '2026-11-09');
  const current = await reportOf('2026-11-16', '2026-11-16');
  diff = diffReports(previous, current);
  all = diffReports(previous, current, { all: true });
});

const change = (report: DiffReport, crn: string) => [...report.cases, ...report.unchanged].find((entry) => entry.crn === crn);

describe('diffReports', () => {
  it('resolves a flag that cleared: C1 seen 2026-11-12, no longer overdue', () => {
    expect(change(diff, 'C1')).toMatchObject({ change: 'changed', was_overdue: true, overdue: false, flags_resolved: ['overdue'], flags_new: [] });
  });

  it('finds a case newly lost: C2, whose officer left on 2026-11-10', () => {
    expect(change(diff, 'C2')).toMatchObject({ change: 'changed', lost: true, was_lost: false, flags_new: ['officer_left'] });
  });

  it('keeps a case still lost in the list, its flag still open: C3, unallocated both weeks', () => {
    expect(change(diff, 'C3')).toMatchObject({ change: 'unchanged', lost: true, was_lost: true, flags_open: ['unallocated'], flags_new: [] });
  });

  it('notices a reallocation: C4 moved from O2 to O1', () => {
    expect(change(diff, 'C4')).toMatchObject({ change: 'changed', reallocated: true, previous_officer_id: 'O2', officer_id: 'O1', flags_new: [] });
  });

  it('reports a case new to the export with its flags as new: C5', () => {
    expect(change(diff, 'C5')).toMatchObject({ change: 'appeared', previous_officer_id: null, flags_new: ['da_check_missing'] });
  });

  it('reports a case gone from the analysis (terminated): C6, with no current priority', () => {
    expect(change(diff, 'C6')).toMatchObject({ change: 'disappeared', officer_id: null, previous_officer_id: 'O1', priority: null });
  });

  it('leaves an unchanged, unflagged case out unless all is asked for: C7', () => {
    expect(change(diff, 'C7')).toBeUndefined();
    expect(change(all, 'C7')).toMatchObject({ change: 'unchanged', flags_new: [], flags_resolved: [], flags_open: [] });
    expect(all.unchanged.map((entry) => entry.crn)).toEqual(['C3', 'C7']);
    expect(all.cases).toEqual(diff.cases);
  });

  it('lists only the cases with news as changed, current ones in priority order, then the gone ones', () => {
    expect(diff.cases.map((entry) => entry.crn)).toEqual(['C2', 'C5', 'C4', 'C1', 'C6']);
    expect(diff.cases.every((entry) => entry.change !== 'unchanged')).toBe(true);
    expect(diff.summary.changed).toBe(5);
  });

  it('lists a case still lost and otherwise unchanged apart: C3', () => {
    expect(diff.unchanged.map((entry) => entry.crn)).toEqual(['C3']);
  });

  it('says the officer of C2 left, on the case and among the officers', () => {
    expect(change(diff, 'C2')!.officer_status_change).toBe('left');
    expect(change(diff, 'C1')!.officer_status_change).toBeNull();
    expect(diff.officers.find((officer) => officer.officer_id === 'O2')).toMatchObject({ status: 'left', previous_status: 'active', status_change: 'left' });
    expect(diff.summary).toMatchObject({ officers_left: 1, officers_absent: 0, officers_returned: 0, officers_joined: 0, officers_removed: 0 });
  });

  it('sums it up', () => {
    expect(diff.previous_as_of).toBe('2026-11-09');
    expect(diff.summary).toMatchObject({
      cases: 6,
      previous_cases: 6,
      appeared: 1,
      disappeared: 1,
      reallocated: 1,
      newly_lost: 1,
      still_lost: 1,
      no_longer_lost: 0,
      newly_overdue: 0,
    });
    expect(diff.summary.flags_new.officer_left).toBe(1);
    expect(diff.summary.flags_new.da_check_missing).toBe(1);
    expect(diff.summary.flags_resolved.overdue).toBe(1);
  });

  it('shows officers whose status or caseload changed, status changes first: O2 left 2 → 1, O1 3 → 4 (C4, C5 in; C6 out)', () => {
    expect(diff.officers.map(({ officer_id, previous_caseload, caseload, caseload_change }) => ({ officer_id, previous_caseload, caseload, caseload_change }))).toEqual([
      { officer_id: 'O2', previous_caseload: 2, caseload: 1, caseload_change: -1 },
      { officer_id: 'O1', previous_caseload: 3, caseload: 4, caseload_change: 1 },
    ]);
  });
});

describe('statusChange: what became of an officer between two rosters (null: not on it)', () => {
  it.each([
    ['active', 'left', 'left'],
    ['sick', 'left', 'left'],
    ['active', 'sick', 'absent'],
    ['active', 'career break', 'absent'],
    ['sick', 'suspended', 'absent'],
    ['left', 'sick', 'absent'],
    ['sick', 'active', 'returned'],
    ['left', 'active', 'returned'],
    [null, 'active', 'joined'],
    [null, 'sick', 'joined'],
    ['active', null, 'removed'],
    ['left', null, 'removed'],
    ['active', 'active', null],
    ['sick', 'sick', null],
    [null, null, null],
  ] as const)('%s → %s: %s', (was, is, expected) => {
    expect(statusChange(was, is)).toBe(expected);
  });
});

describe('officer status changes with no case moving', () => {
  const officer = (officer_id: string, status: string | null): OfficerResult => ({
    officer_id, name: null, grade: null, team: 'T', pdu: null, manager_id: null, status, status_since: null, contracted_hours: 37,
    caseload: 0, by_risk: { very_high: 0, high: 0, medium: 0, low: 0, unknown: 0 } as OfficerResult['by_risk'], points: 0,
    capacity_points: null, capacity_pct: null, overdue: 0, lost: 0, seen_on_time_pct: null, flags: [], reduction_pct: 0,
    peer_group: null, rates: { overdue: null, lost: null, assessment_overdue: null }, outliers: { overdue: null, lost: null, assessment_overdue: null },
  });

  it('are reported, each with its kind, and counted in the summary', async () => {
    const previous = await reportOf('2026-11-09', '2026-11-09');
    const current = await reportOf('2026-11-16', '2026-11-16');
    const before = { ...previous, officers: [...previous.officers, officer('P1', 'active'), officer('P2', 'sick'), officer('P3', 'active'), officer('P5', 'active')] };
    const after = { ...current, officers: [...current.officers, officer('P1', 'sick'), officer('P2', 'active'), officer('P4', 'active'), officer('P5', 'active')] };
    const result = diffReports(before, after);
    expect(result.officers.filter((entry) => entry.officer_id.startsWith('P')).map((entry) => [entry.officer_id, entry.status_change])).toEqual([
      ['P1', 'absent'],
      ['P2', 'returned'],
      ['P3', 'removed'],
      ['P4', 'joined'],
    ]);
    expect(result.summary).toMatchObject({ officers_left: 1, officers_absent: 1, officers_returned: 1, officers_joined: 1, officers_removed: 1 });
  });
});
