/**
 * diffReports against the hand-worked pair fixtures/weekly/2026-11-09 → 2026-11-16:
 * C1 overdue resolved, C2 newly lost (its officer left), C3 still lost (unallocated),
 * C4 reallocated O2 → O1, C5 new to the export, C6 gone (terminated), C7 unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { analyse } from '../../src/analyse/analyze.js';
import { diffReports, type DiffReport } from '../../src/analyse/diff.js';
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

const change = (report: DiffReport, crn: string) => report.cases.find((entry) => entry.crn === crn);

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
    expect(all.cases.map((entry) => entry.crn).sort()).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
  });

  it('lists current cases in priority order, then the gone ones', () => {
    expect(diff.cases.map((entry) => entry.crn)).toEqual(['C3', 'C2', 'C5', 'C4', 'C1', 'C6']);
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

  it('shows officers whose caseload moved: O1 3 → 4 (C4, C5 in; C6 out), O2 2 → 1', () => {
    expect(diff.officers.map(({ officer_id, previous_caseload, caseload, caseload_change }) => ({ officer_id, previous_caseload, caseload, caseload_change }))).toEqual([
      { officer_id: 'O1', previous_caseload: 3, caseload: 4, caseload_change: 1 },
      { officer_id: 'O2', previous_caseload: 2, caseload: 1, caseload_change: -1 },
    ]);
  });
});
