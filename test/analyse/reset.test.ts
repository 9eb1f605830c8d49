/** SPEC 2.1 Probation Reset and due dates; 2.2 reset_weight. Hand-worked, on the boundaries. */
import { describe, expect, it } from 'vitest';
import { resetDate } from '../../src/analyse/cases.js';
import { AS_OF, analyseOne, caseRecord, configWith, day, daysAgo, exportsOf, officer, officerIn, run } from './builders.js';

const INFER = configWith((config) => {
  config.reset.infer = true;
});

/** Never seen for 100 days, risk medium: overdue, never_seen, lost, unless in reset. */
const UNSEEN = { lastContact: null, startDate: daysAgo(100) } as const;

describe('reset_date: start + floor(2 × (end − start) / 3)', () => {
  it('an order of 300 days: day 200', () => {
    expect(resetDate({ startDate: day('2026-01-01'), endDate: day('2026-01-01') + 300 })).toBe(day('2026-01-01') + 200);
  });

  it('an order of 10 days: floor(20 / 3) = 6, not 7', () => {
    expect(resetDate({ startDate: day('2026-01-01'), endDate: day('2026-01-11') })).toBe(day('2026-01-07'));
  });

  it('null without a start or an end date, and on every case in JSON', () => {
    expect(resetDate({ startDate: null, endDate: day('2027-01-01') })).toBeNull();
    expect(resetDate({ startDate: day('2026-01-01'), endDate: null })).toBeNull();
    expect(analyseOne({ startDate: daysAgo(100), endDate: null }).reset_date).toBeNull();
    // 2026-05-01 → 2027-05-01 is 365 days; floor(730 / 3) = 243 → 2026-12-30.
    expect(analyseOne({ startDate: day('2026-05-01'), endDate: day('2027-05-01') }).reset_date).toBe('2026-12-30');
  });
});

describe('marked for reset: the reset column or an S tier', () => {
  it('reset column yes: in reset; no overdue, not_seen or never_seen, days_overdue 0', () => {
    const result = analyseOne({ ...UNSEEN, resetMarked: true });
    expect(result.reset).toBe(true);
    expect(result.overdue).toBe(false);
    expect(result.days_overdue).toBe(0);
    expect(result.flags).toEqual([]);
    expect(result.lost).toBe(false);
  });

  it('the same case unmarked is overdue by 93 days, never seen and lost', () => {
    const result = analyseOne(UNSEEN);
    expect(result.reset).toBe(false);
    expect(result.days_overdue).toBe(93);
    expect(result.flags).toEqual(['never_seen', 'overdue']);
  });

  it('an S tier marks it: B2S; B2 does not', () => {
    expect(analyseOne({ ...UNSEEN, tier: 'B2S' }).reset).toBe(true);
    expect(analyseOne({ ...UNSEEN, tier: 'B2' }).reset).toBe(false);
  });

  it('not seen for 57 days (past lost_after_days 56): not_seen only without reset', () => {
    expect(analyseOne({ lastContact: daysAgo(57) }).flags).toEqual(['not_seen', 'overdue']);
    expect(analyseOne({ lastContact: daysAgo(57), resetMarked: true }).flags).toEqual([]);
  });

  it('allocation flags still apply in reset: unallocated, officer_left', () => {
    expect(analyseOne({ ...UNSEEN, resetMarked: true, officerId: null }).flags).toEqual(['unallocated']);
    const left = analyseOne({ ...UNSEEN, resetMarked: true }, { officers: [officer({ status: 'left' })] });
    expect(left.flags).toEqual(['officer_left']);
    expect(left.lost).toBe(true);
  });

  it('only active cases: a custody or warrant case with the column is not in reset', () => {
    expect(analyseOne({ resetMarked: true, status: 'custody' }).reset).toBe(false);
    const warrant = analyseOne({ resetMarked: true, status: 'warrant' });
    expect(warrant.reset).toBe(false);
    expect(warrant.flags).toEqual(['warrant']);
  });

  it('assessment_overdue still applies in reset (it is not a contact standard)', () => {
    expect(analyseOne({ resetMarked: true, lastAssessment: daysAgo(183) }).flags).toEqual(['assessment_overdue']);
  });
});

describe('exemptions: very high risk, MAPPA, child safeguarding', () => {
  it('very_high risk: not in reset, keeps its standard, reset_exempt', () => {
    const result = analyseOne({ ...UNSEEN, resetMarked: true, risk: 'very_high' });
    expect(result.reset).toBe(false);
    expect(result.flags).toEqual(['never_seen', 'overdue', 'reset_exempt']);
  });

  it('high risk is not an exemption', () => {
    expect(analyseOne({ ...UNSEEN, resetMarked: true, risk: 'high' }).reset).toBe(true);
  });

  it('mappa_level 0 is no exemption; 1 is the boundary; 3 too', () => {
    expect(analyseOne({ ...UNSEEN, tier: 'C1S', mappaLevel: 0 }).reset).toBe(true);
    expect(analyseOne({ ...UNSEEN, tier: 'C1S', mappaLevel: 1 }).flags).toEqual(['never_seen', 'overdue', 'reset_exempt']);
    expect(analyseOne({ ...UNSEEN, tier: 'C1S', mappaLevel: 3 }).reset).toBe(false);
  });

  it('an unreadable mappa_level (null) is treated as possibly MAPPA: exempt', () => {
    const result = analyseOne({ ...UNSEEN, resetMarked: true, mappaLevel: null, invalidData: true });
    expect(result.reset).toBe(false);
    expect(result.flags).toContain('reset_exempt');
  });

  it('safeguarding_flag: exempt', () => {
    const result = analyseOne({ resetMarked: true, safeguardingFlag: true, safeguardingCheck: daysAgo(3) });
    expect(result.reset).toBe(false);
    expect(result.flags).toEqual(['reset_exempt']);
  });

  it('an exemption without a mark is nothing: no reset_exempt', () => {
    expect(analyseOne({ risk: 'very_high', mappaLevel: 2, safeguardingFlag: true, safeguardingCheck: daysAgo(1) }).flags).toEqual([]);
  });

  it('an exemption arriving: the same marked case last week in reset, this week (now MAPPA 2) overdue again', () => {
    const lastWeek = analyseOne({ lastContact: daysAgo(20), resetMarked: true, mappaLevel: 0 });
    expect(lastWeek.reset).toBe(true);
    expect(lastWeek.overdue).toBe(false);
    const thisWeek = analyseOne({ lastContact: daysAgo(20), resetMarked: true, mappaLevel: 2 });
    expect(thisWeek.reset).toBe(false);
    expect(thisWeek.days_overdue).toBe(6); // 20 − 14 (medium)
    expect(thisWeek.next_contact_due).toBe('2026-11-10'); // 20 days ago + 14
  });
});

describe('reset.infer: the final third of a listed sentence type', () => {
  // Started 200 days ago, ends 100 days on: length 300, reset_date = start + 200 = the as-of date.
  const onTheDay = { ...UNSEEN, sentenceType: 'licence', startDate: daysAgo(200), endDate: AS_OF + 100 };

  it('on the reset date: in reset; the day before: not', () => {
    const on = analyseOne(onTheDay, {}, INFER);
    expect(on.reset_date).toBe('2026-11-16');
    expect(on.reset).toBe(true);
    // Ends 101 days on: length 301, floor(602 / 3) = 200 → still the as-of date.
    expect(analyseOne({ ...onTheDay, endDate: AS_OF + 101 }, {}, INFER).reset).toBe(true);
    // Ends 103 days on: length 303, 2/3 = 202 → two days after the as-of date.
    const before = analyseOne({ ...onTheDay, endDate: AS_OF + 103 }, {}, INFER);
    expect(before.reset_date).toBe('2026-11-18');
    expect(before.reset).toBe(false);
  });

  it('off by default', () => {
    expect(analyseOne(onTheDay).reset).toBe(false);
  });

  it('only listed sentence types, spelled any way; none without dates', () => {
    expect(analyseOne({ ...onTheDay, sentenceType: 'Community Order' }, {}, INFER).reset).toBe(true);
    expect(analyseOne({ ...onTheDay, sentenceType: 'ipp' }, {}, INFER).reset).toBe(false);
    expect(analyseOne({ ...onTheDay, sentenceType: null }, {}, INFER).reset).toBe(false);
    // A case with no end date is never inferred.
    expect(analyseOne({ ...onTheDay, endDate: null }, {}, INFER).reset).toBe(false);
    const pssOnly = configWith((config) => {
      config.reset.infer = true;
      config.reset.sentence_types = ['pss'];
    });
    expect(analyseOne(onTheDay, {}, pssOnly).reset).toBe(false);
  });

  it('inferred and very high risk: reset_exempt', () => {
    expect(analyseOne({ ...onTheDay, risk: 'very_high' }, {}, INFER).flags).toContain('reset_exempt');
  });
});

describe('due dates on every case', () => {
  it('next_contact_due: last contact + standard (medium 14); low 28', () => {
    expect(analyseOne({ lastContact: day('2026-11-10') }).next_contact_due).toBe('2026-11-24');
    expect(analyseOne({ risk: 'low', lastContact: day('2026-11-10') }).next_contact_due).toBe('2026-12-08');
  });

  it('never seen: start + first_contact_days (7); null without a start date', () => {
    expect(analyseOne({ lastContact: null, startDate: day('2026-11-12') }).next_contact_due).toBe('2026-11-19');
    expect(analyseOne({ lastContact: null, startDate: null }).next_contact_due).toBeNull();
  });

  it('null in reset, in custody, and with no contact data at all', () => {
    expect(analyseOne({ resetMarked: true }).next_contact_due).toBeNull();
    expect(analyseOne({ status: 'custody' }).next_contact_due).toBeNull();
    expect(analyseOne({ lastContact: null }, { contacts: null, without: { offenders: ['last_contact'] } }).next_contact_due).toBeNull();
  });

  it('assessment_due: last assessment + 182 for an active case; null without one or when not active', () => {
    expect(analyseOne({ lastAssessment: day('2026-06-01') }).assessment_due).toBe('2026-11-30');
    expect(analyseOne({ lastAssessment: null }).assessment_due).toBeNull();
    expect(analyseOne({ lastAssessment: day('2026-06-01'), status: 'custody' }).assessment_due).toBeNull();
    expect(analyseOne({ lastAssessment: day('2026-06-01'), resetMarked: true }).assessment_due).toBe('2026-11-30');
  });

  it('ends_in_days: end − as-of, 0 on the day, negative once past, null without an end date', () => {
    expect(analyseOne({ endDate: AS_OF + 30 }).ends_in_days).toBe(30);
    expect(analyseOne({ endDate: AS_OF }).ends_in_days).toBe(0);
    expect(analyseOne({ endDate: AS_OF - 2 }).ends_in_days).toBe(-2);
    expect(analyseOne({ endDate: null }).ends_in_days).toBeNull();
  });
});

describe('team and pdu: the officer\'s, or the case\'s own when it has no known officer', () => {
  it('known officer wins, even with no team of their own; unallocated and unknown take the columns', () => {
    const report = run(
      exportsOf({
        officers: [officer({ officerId: 'O1', team: 'North', pdu: 'Camden' }), officer({ officerId: 'O2' })],
        cases: [
          caseRecord({ crn: 'A', officerId: 'O1', team: 'South', pdu: 'Barnet' }),
          caseRecord({ crn: 'B', officerId: 'O2', team: 'South', pdu: 'Barnet' }),
          caseRecord({ crn: 'C', officerId: null, team: 'South', pdu: 'Barnet' }),
          caseRecord({ crn: 'D', officerId: 'ZZ9', team: 'West', pdu: null }),
        ],
      }),
    );
    const teamOf = (crn: string) => report.cases.find((result) => result.crn === crn)!;
    expect([teamOf('A').team, teamOf('A').pdu]).toEqual(['North', 'Camden']);
    expect([teamOf('B').team, teamOf('B').pdu]).toEqual([null, null]);
    expect([teamOf('C').team, teamOf('C').pdu]).toEqual(['South', 'Barnet']);
    expect([teamOf('D').team, teamOf('D').pdu]).toEqual(['West', null]);
  });
});

describe('summary.reset and reset_weight', () => {
  const cases = [
    caseRecord({ crn: 'R1', tier: 'B2S' }), // in reset: B2 = 115 points
    caseRecord({ crn: 'R2', tier: 'C1', resetMarked: true, risk: 'very_high' }), // exempt: C1 = 50, full
    caseRecord({ crn: 'R3', tier: 'D1' }), // not marked: 29
  ];

  it('counts the cases in reset; reset_exempt counts the marked but exempt', () => {
    const report = run(exportsOf({ cases }));
    expect(report.summary.reset).toBe(1);
    expect(report.summary.flags.reset_exempt).toBe(1);
  });

  it('reset_weight 0 (default): a case in reset scores nothing; 0.5 half its points', () => {
    expect(officerIn(run(exportsOf({ cases })), 'O1').points).toBe(50 + 29);
    const half = configWith((config) => {
      config.reset_weight = 0.5;
    });
    expect(officerIn(run(exportsOf({ cases }), { config: half }), 'O1').points).toBe(57.5 + 50 + 29);
  });

  it('a case in reset is left out of seen_on_time_pct, as custody is', () => {
    const report = run(exportsOf({ cases: [caseRecord({ crn: 'A', lastContact: daysAgo(1) }), caseRecord({ crn: 'B', lastContact: null, resetMarked: true })] }));
    expect(officerIn(report, 'O1').seen_on_time_pct).toBe(100);
  });
});
