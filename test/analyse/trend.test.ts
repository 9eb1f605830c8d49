/** SPEC 3.2 trend: week-to-week counts, team series and lost streaks, from hand-made week summaries. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analyse/analyze.js';
import type { OfficerSort } from '../../src/analyse/officers.js';
import { CASE_FLAGS, type CaseFlag, type GroupResult, type Report } from '../../src/analyse/report.js';
import { buildTrend, summariseExport, type WeekSummary } from '../../src/analyse/trend.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { readExports } from '../../src/read/exports.js';
import type { Exports } from '../../src/read/records.js';
import { parseDate, type Day } from '../../src/read/values.js';
import { FIXTURES } from '../helpers/cli.js';
import { AS_OF, caseRecord, configWith, daysAgo, exportsOf, officer } from './builders.js';

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

describe('summariseExport', () => {
  it('keeps the counts and lost crns; the lost cases in full only when asked', () => {
    const exports = exportsOf({
      officers: [officer({ team: 'T', pdu: 'P' })],
      cases: [caseRecord({ crn: 'B', officerId: null }), caseRecord({ crn: 'A', officerId: 'GONE' }), caseRecord({ crn: 'OK' })],
    });
    const summary = summariseExport(exports, { asOf: AS_OF, config: DEFAULT_CONFIG }, false);
    expect(summary).toMatchObject({ as_of: '2026-11-16', cases: 3, lost: 2, lost_crns: ['A', 'B'], lost_cases: null });
    // The two lost cases have no team: they count in the no-team row, so no case falls out of the series.
    expect(summary.teams.map((entry) => entry.name)).toEqual(['T', null]);
    const latest = summariseExport(exports, { asOf: AS_OF, config: DEFAULT_CONFIG }, true);
    expect(latest.lost_cases!.map((lost) => [lost.crn, lost.flags])).toEqual([
      ['A', ['unknown_officer']],
      ['B', ['unallocated']],
    ]);
  });
});

/** The oracle: a week's figures read off the whole Report, as the SPEC defines them. */
function summaryOfReport(report: Report, keepCases: boolean): WeekSummary {
  const lost = report.cases.filter((result) => result.lost);
  return {
    as_of: report.as_of,
    cases: report.summary.cases,
    lost: report.summary.lost,
    overdue: report.summary.overdue,
    flags: { ...report.summary.flags },
    over_capacity: report.summary.officer_flags.over_capacity,
    issues: report.summary.issues,
    teams: report.teams,
    pdus: report.pdus,
    lost_crns: lost.map((result) => result.crn).sort(),
    lost_cases: keepCases
      ? lost.map(({ crn, name, officer_id, team, pdu, risk, flags, priority }) => ({ crn, name, officer_id, team, pdu, risk, flags, priority }))
      : null,
  };
}

describe('summariseExport: the week summary without the whole report', () => {
  /** Both ways, as JSON text: the same keys in the same order, so the output cannot differ by a byte. */
  function expectSameSummary(exports: Exports, options: { asOf?: Day; config?: Config; sort?: OfficerSort } = {}): WeekSummary {
    const analyseOptions = { asOf: options.asOf ?? AS_OF, config: options.config ?? DEFAULT_CONFIG, ...(options.sort ? { sort: options.sort } : {}) };
    const report = analyse(exports, analyseOptions);
    for (const keepCases of [false, true]) {
      expect(JSON.stringify(summariseExport(exports, analyseOptions, keepCases))).toBe(JSON.stringify(summaryOfReport(report, keepCases)));
    }
    return summariseExport(exports, analyseOptions, true);
  }

  it('equals the figures of the whole report: priorities, flags, officers over capacity, teams and PDUs', () => {
    const exports = exportsOf({
      officers: [
        // On 9 hours: capacity 2176 × 9 / 37 = 529.3 points; its cases score 206 (A3) + 115 (B2)
        // + 79 + 146 (by risk) + 0 (in reset) + 79 × 0.35 (custody) = 573.65: over capacity.
        officer({ officerId: 'O1', team: 'T1', pdu: 'P', contractedHours: 9 }),
        officer({ officerId: 'O2', team: 'T2', pdu: 'P', status: 'left' }),
        officer({ officerId: 'O3', team: 'T2', pdu: 'P', status: 'sick', statusSince: daysAgo(60) }),
      ],
      cases: [
        caseRecord({ crn: 'OK1', tier: 'A3' }),
        caseRecord({ crn: 'OK2', tier: 'B2', lastAssessment: null }),
        // Lost, in an order their priorities must follow: risk first, then days overdue.
        caseRecord({ crn: 'L-LOW', officerId: null, risk: 'low', lastContact: daysAgo(200) }),
        caseRecord({ crn: 'L-VH', officerId: 'O2', risk: 'very_high', lastContact: daysAgo(20) }),
        caseRecord({ crn: 'L-VH2', officerId: 'O3', risk: 'very_high', lastContact: daysAgo(90) }),
        caseRecord({ crn: 'L-GONE', officerId: 'NOBODY', risk: null, team: 'T9', pdu: 'P9' }),
        caseRecord({ crn: 'L-NEVER', lastContact: null, startDate: daysAgo(400) }),
        caseRecord({ crn: 'OVERDUE', risk: 'high', lastContact: daysAgo(30) }),
        caseRecord({ crn: 'RESET', tier: 'C1S', lastContact: daysAgo(300) }),
        caseRecord({ crn: 'CUSTODY', status: 'custody', lastContact: null }),
        caseRecord({ crn: 'ENDED', status: 'terminated', officerId: null }),
      ],
    });
    const summary = expectSameSummary(exports);
    // The hand-worked figures the two agree on: a terminated case is not analysed.
    expect(summary.cases).toBe(10);
    expect(summary.lost_cases!.map((lost) => [lost.crn, lost.priority])).toEqual([
      ['L-VH2', 1],
      ['L-VH', 2],
      ['L-GONE', 3],
      ['L-NEVER', 4],
      ['L-LOW', 5],
    ]);
    expect(summary.over_capacity).toBe(1);
    // A case with no known officer counts in its own team's row (L-GONE), or the no-team row (L-LOW).
    expect(summary.teams.map((team) => [team.name, team.cases, team.lost])).toEqual([
      ['T1', 6, 1],
      ['T2', 2, 2],
      ['T9', 1, 1],
      [null, 1, 1],
    ]);
  });

  it('equals it with checks skipped, an unallocated pattern, and another officer sort', () => {
    const exports = exportsOf({
      officers: [officer({ officerId: 'O1', team: 'T1' }), officer({ officerId: 'VACANT1', team: 'T1' })],
      cases: [
        caseRecord({ crn: 'A', officerId: 'VACANT1' }),
        caseRecord({ crn: 'B', lastAssessment: null, endDate: daysAgo(3) }),
        caseRecord({ crn: 'C', lastContact: null }),
      ],
      contacts: null,
      without: { offenders: ['last_contact', 'last_assessment'] },
    });
    const config = configWith((changed) => {
      changed.unallocated_pattern = '^VACANT';
    });
    const summary = expectSameSummary(exports, { config, sort: 'caseload' });
    expect(summary.lost_crns).toEqual(['A']);
    expect(summary.flags.overdue).toBe(0); // no contact data: the contact checks are skipped
  });

  it.each([
    ['trend/2026-10-26', '2026-10-26'],
    ['trend/2026-11-16', '2026-11-16'],
    ['weekly/2026-11-09', '2026-11-09'],
    ['weekly/2026-11-16', '2026-11-16'],
    ['north-london', '2026-11-16'],
    ['shapes/dirty', '2026-11-16'],
  ])('equals it on fixtures/%s', async (folder, asOfText) => {
    const asOf = parseDate(asOfText) as Day;
    const exports = await readExports({ dir: join(FIXTURES, folder) }, { asOf, config: DEFAULT_CONFIG });
    const summary = expectSameSummary(exports, { asOf });
    expect(summary.cases).toBeGreaterThan(0);
  });
});
