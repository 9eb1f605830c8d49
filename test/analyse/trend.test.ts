/** SPEC 3.2 trend: week-to-week counts, team series and lost streaks, from hand-made week summaries. */
import { describe, expect, it } from 'vitest';
import { CASE_FLAGS, type CaseFlag, type GroupResult } from '../../src/analyse/report.js';
import { buildTrend, summariseWeek, type WeekSummary } from '../../src/analyse/trend.js';
import { caseRecord, exportsOf, officer, run } from './builders.js';

const noFlags = (): Record<CaseFlag, number> => Object.fromEntries(CASE_FLAGS.map((code) => [code, 0])) as Record<CaseFlag, number>;

function group(name: string | null, lost: number): GroupResult {
  return { name, officers_in_post: 1, absent: 0, left: 0, cases: 10, lost, overdue: 0, average_caseload: 10, capacity_pct: 50, available_capacity_pct: 50 };
}

/** A week whose lost cases are `lost` (crns), each with priority its position + 1. */
function week(asOf: string, lost: string[], overrides: Partial<WeekSummary> = {}): WeekSummary {
  return {
    as_of: asOf,
    cases: 10,
    lost: lost.length,
    overdue: 0,
    flags: noFlags(),
    over_capacity: 0,
    issues: 0,
    teams: [],
    pdus: [],
    lost_crns: [...lost].sort(),
    lost_cases: lost.map((crn, at) => ({ crn, name: null, officer_id: null, team: null, pdu: null, risk: null, flags: ['unallocated'], priority: at + 1 })),
    ...overrides,
  };
}

describe('buildTrend: persistent streaks', () => {
  // A: lost every week. B: lost, not lost, lost again. C: lost only in the latest. D: lost, then gone.
  const weeks = [
    week('2026-10-26', ['A', 'B', 'D']),
    week('2026-11-02', ['A', 'D']),
    week('2026-11-09', ['A', 'B']),
    week('2026-11-16', ['C', 'B', 'A']),
  ];
  const trend = buildTrend(weeks);

  it('counts consecutive exports up to the latest: a week not lost ends the streak', () => {
    expect(trend.persistent.map(({ crn, weeks_lost, lost_since }) => ({ crn, weeks_lost, lost_since }))).toEqual([
      { crn: 'A', weeks_lost: 4, lost_since: '2026-10-26' },
      // B was lost on 10-26 too, but not on 11-02: its streak starts again on 11-09.
      { crn: 'B', weeks_lost: 2, lost_since: '2026-11-09' },
      { crn: 'C', weeks_lost: 1, lost_since: '2026-11-16' },
    ]);
  });

  it('ties in weeks_lost go by priority in the latest export', () => {
    const tied = buildTrend([week('2026-11-09', ['X', 'Y']), week('2026-11-16', ['Y', 'X'])]);
    expect(tied.persistent.map((lost) => lost.crn)).toEqual(['Y', 'X']);
  });

  it('orders the weeks by date whatever order they come in', () => {
    expect(buildTrend([...weeks].reverse()).persistent).toEqual(trend.persistent);
    expect(buildTrend([...weeks].reverse()).weeks.map((point) => point.as_of)).toEqual(weeks.map((entry) => entry.as_of));
  });

  it('newly lost, still lost and resolved, week on week (null for the first)', () => {
    expect(trend.weeks.map(({ lost, newly_lost, still_lost, resolved }) => ({ lost, newly_lost, still_lost, resolved }))).toEqual([
      { lost: 3, newly_lost: null, still_lost: null, resolved: null },
      { lost: 2, newly_lost: 0, still_lost: 2, resolved: 1 }, // B resolved
      { lost: 2, newly_lost: 1, still_lost: 1, resolved: 1 }, // B back, D resolved (gone)
      { lost: 3, newly_lost: 1, still_lost: 2, resolved: 0 }, // C new
    ]);
    // Lost now = lost before + newly lost − resolved, every week.
    for (let at = 1; at < trend.weeks.length; at++) {
      const { lost, newly_lost, resolved } = trend.weeks[at]!;
      expect(lost).toBe(trend.weeks[at - 1]!.lost + newly_lost! - resolved!);
    }
  });

  it('one export: every lost case has weeks_lost 1', () => {
    const single = buildTrend([week('2026-11-16', ['A'])]);
    expect(single.persistent).toMatchObject([{ crn: 'A', weeks_lost: 1, lost_since: '2026-11-16' }]);
    expect(single.weeks[0]!.newly_lost).toBeNull();
  });
});

describe('buildTrend: team and PDU series', () => {
  it('one point per export for every team of any export; null where a team is missing', () => {
    const trend = buildTrend([
      week('2026-11-02', [], { teams: [group('Alpha', 1), group(null, 0)] }),
      week('2026-11-09', [], { teams: [group('Alpha', 2), group('Beta', 3)] }),
    ]);
    expect(trend.teams.map((series) => series.name)).toEqual(['Alpha', 'Beta', null]);
    expect(trend.teams[1]!.points).toEqual([
      { as_of: '2026-11-02', cases: null, lost: null, overdue: null, capacity_pct: null },
      { as_of: '2026-11-09', cases: 10, lost: 3, overdue: 0, capacity_pct: 50 },
    ]);
    expect(trend.teams[0]!.points.map((point) => point.lost)).toEqual([1, 2]);
  });
});

describe('summariseWeek', () => {
  it('keeps the counts and lost crns; the lost cases in full only when asked', () => {
    const report = run(
      exportsOf({
        officers: [officer({ team: 'T', pdu: 'P' })],
        cases: [caseRecord({ crn: 'B', officerId: null }), caseRecord({ crn: 'A', officerId: 'GONE' }), caseRecord({ crn: 'OK' })],
      }),
    );
    const summary = summariseWeek(report, false);
    expect(summary).toMatchObject({ as_of: '2026-11-16', cases: 3, lost: 2, lost_crns: ['A', 'B'], lost_cases: null });
    // The two lost cases have no team: they count in the no-team row, so no case falls out of the series.
    expect(summary.teams.map((entry) => entry.name)).toEqual(['T', null]);
    const latest = summariseWeek(report, true);
    expect(latest.lost_cases!.map((lost) => [lost.crn, lost.flags])).toEqual([
      ['A', ['unknown_officer']],
      ['B', ['unallocated']],
    ]);
  });
});
