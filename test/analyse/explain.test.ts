/**
 * explain (SPEC 3.3): each flag's state, rule, config value and evidence, on hand-worked cases
 * at each rule's boundary. Every case is analysed too, and what explain says is set must be
 * exactly the analysis's flags.
 */
import { describe, expect, it } from 'vitest';
import { explainCase, FLAG_RULES, type CaseEvidence, type CaseExplanation, type ContactEvidence, type FlagExplanation } from '../../src/analyse/explain.js';
import { CASE_FLAGS, type CaseFlag } from '../../src/analyse/report.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import type { CaseRecord, Issue, OfficerRecord } from '../../src/read/records.js';
import { formatDay } from '../../src/read/values.js';
import { AS_OF, caseRecord, configWith, daysAgo, exportsOf, officer, run } from './builders.js';

const FILES = { officers: 'officers.csv', offenders: 'offenders.csv', contacts: 'contacts.csv' };

interface Setup {
  /** The case's officer on the roster (default: O1, active); null for none. */
  officer?: OfficerRecord | null;
  /** Counted contacts in contacts.csv, as [days ago, line]; the latest is the last contact. */
  seen?: [daysAgo: number, line: number] | null;
  /** failed_to_attend contacts in the window, as [days ago, line]. */
  failures?: [daysAgo: number, line: number][];
  issues?: Issue[];
  config?: Config;
  /** Columns the export lacks (checks skipped). */
  without?: { offenders?: string[]; contacts?: string[] };
  /** No contacts.csv at all. */
  noContacts?: boolean;
}

/** Analyses the one case, then explains it from the same facts. */
function explain(overrides: Partial<CaseRecord>, setup: Setup = {}): CaseExplanation {
  const record = caseRecord({ lastContact: null, ...overrides });
  const roster = setup.officer === undefined ? officer() : setup.officer;
  const contact = (days: number, line: number, outcome: string): ContactEvidence => ({ date: daysAgo(days), line, outcome });
  const evidence: CaseEvidence = {
    lastContact: setup.seen ? contact(setup.seen[0], setup.seen[1], 'attended') : null,
    failures: (setup.failures ?? []).map(([days, line]) => contact(days, line, 'failed_to_attend')),
    issues: setup.issues ?? [],
  };
  const config = setup.config ?? DEFAULT_CONFIG;
  const exports = exportsOf({
    officers: roster === null ? [] : [roster],
    cases: [record],
    contacts: setup.noContacts ? null : { [record.crn]: { lastContact: evidence.lastContact?.date ?? null, failedToAttend: evidence.failures.length } },
    without: setup.without ?? {},
  });
  const report = run(exports, { config });
  const explanation = explainCase({
    asOf: AS_OF,
    config,
    checksSkipped: report.checks_skipped,
    files: setup.noContacts ? { ...FILES, contacts: null } : FILES,
    record,
    result: report.cases[0] ?? null,
    officer: roster,
    evidence,
  });
  // By construction: what explain says is set is what the analysis set.
  expect(explanation.rules.filter((rule) => rule.set).map((rule) => rule.flag).sort()).toEqual(report.cases[0]?.flags ?? []);
  expect(explanation.flags).toEqual(report.cases[0]?.flags ?? []);
  return explanation;
}

function rule(explanation: CaseExplanation, flag: CaseFlag): FlagExplanation {
  return explanation.rules.find((entry) => entry.flag === flag)!;
}

describe('every flag', () => {
  it('has a rule in plain words, and every explanation lists every flag in the SPEC order', () => {
    for (const code of CASE_FLAGS) expect(FLAG_RULES[code].rule.length).toBeGreaterThan(10);
    expect(explain({}).rules.map((entry) => entry.flag)).toEqual([...CASE_FLAGS]);
  });

  it('a case with nothing wrong: every flag not set, each with a reason', () => {
    const explanation = explain({}, { seen: [1, 10] });
    expect(explanation.summary).toBe('not flagged');
    expect(explanation.rules.every((entry) => entry.state === 'not_set' && entry.reason !== '')).toBe(true);
  });
});

describe('not_seen: more than lost_after_days since the last counted contact', () => {
  it('56 days is not lost; the contact is cited by file and line', () => {
    const not_seen = rule(explain({}, { seen: [56, 1042] }), 'not_seen');
    expect(not_seen).toMatchObject({ set: false, state: 'not_set', config: { lost_after_days: 56 } });
    expect(not_seen.reason).toBe(`last attended contact ${day(56)} (contacts.csv:1042), 56 days ≤ lost_after_days 56`);
    expect(not_seen.evidence).toEqual([{ file: 'contacts.csv', line: 1042, what: `last attended contact ${day(56)}` }]);
  });

  it('57 days is lost', () => {
    const explanation = explain({}, { seen: [57, 1042] });
    expect(rule(explanation, 'not_seen')).toMatchObject({ set: true, state: 'set', lost: true });
    expect(rule(explanation, 'not_seen').reason).toBe(`last attended contact ${day(57)} (contacts.csv:1042), 57 days > lost_after_days 56`);
    expect(explanation.summary).toBe('lost (not_seen); warnings: overdue');
  });

  it('uses the configured lost_after_days', () => {
    const config = configWith((c) => (c.lost_after_days = 30));
    const not_seen = rule(explain({}, { seen: [31, 5], config }), 'not_seen');
    expect(not_seen).toMatchObject({ set: true, config: { lost_after_days: 30 } });
    expect(not_seen.reason).toContain('31 days > lost_after_days 30');
  });

  it('a later last_contact in offenders.csv is the evidence, on the case line', () => {
    const not_seen = rule(explain({ line: 12, lastContact: daysAgo(3) }, { seen: [60, 7] }), 'not_seen');
    expect(not_seen.set).toBe(false);
    expect(not_seen.reason).toBe(`last_contact ${day(3)} (offenders.csv:12), 3 days ≤ lost_after_days 56`);
  });

  it('on the same day in both, the contacts.csv row is cited', () => {
    expect(rule(explain({ line: 12, lastContact: daysAgo(60) }, { seen: [60, 7] }), 'not_seen').reason).toContain('(contacts.csv:7)');
  });
});

describe('never_seen: never seen, and more than lost_after_days since start_date', () => {
  it('56 days since start is not yet lost', () => {
    const never_seen = rule(explain({ line: 4, startDate: daysAgo(56) }), 'never_seen');
    expect(never_seen.set).toBe(false);
    expect(never_seen.reason).toBe(`never seen; start_date ${day(56)} (offenders.csv:4), 56 days ≤ lost_after_days 56`);
    expect(rule(explain({ startDate: daysAgo(56) }), 'not_seen').reason).toContain('never_seen applies instead');
  });

  it('57 days since start is lost', () => {
    expect(rule(explain({ startDate: daysAgo(57) }), 'never_seen')).toMatchObject({ set: true, state: 'set' });
  });

  it('with no start_date it is lost, and says so', () => {
    const never_seen = rule(explain({ line: 4, startDate: null }), 'never_seen');
    expect(never_seen.set).toBe(true);
    expect(never_seen.reason).toBe('never seen; no start_date (offenders.csv:4)');
  });

  it('a case seen once is not never_seen, with the contact cited', () => {
    expect(rule(explain({}, { seen: [200, 9] }), 'never_seen').reason).toBe(`seen: last attended contact ${day(200)} (contacts.csv:9), 200 days`);
  });
});

describe('overdue: past the contact standard for the risk', () => {
  it('medium: 14 days is on time, 15 days is 1 day overdue', () => {
    const onTime = explain({ risk: 'medium' }, { seen: [14, 3] });
    expect(rule(onTime, 'overdue')).toMatchObject({ set: false, config: { 'contact_standards.medium': 14, first_contact_days: 7 } });
    expect(rule(onTime, 'overdue').reason).toContain('14 days ≤ contact_standards.medium 14');
    const late = explain({ risk: 'medium' }, { seen: [15, 3] });
    expect(rule(late, 'overdue').reason).toBe(`last attended contact ${day(15)} (contacts.csv:3), 15 days > contact_standards.medium 14: 1 day overdue`);
    expect(late).toMatchObject({ overdue: true, days_overdue: 1, standard_days: 14, days_since_contact: 15 });
  });

  it('unknown risk takes the unknown standard (7)', () => {
    const explanation = explain({ risk: null }, { seen: [8, 3] });
    expect(rule(explanation, 'overdue').config).toEqual({ 'contact_standards.unknown': 7, first_contact_days: 7 });
    expect(rule(explanation, 'overdue').set).toBe(true);
    expect(rule(explanation, 'risk_unknown')).toMatchObject({ set: true, reason: 'risk empty or unreadable (offenders.csv:2)' });
  });

  it('never seen: 7 days since start is on time, 8 days is 1 day overdue', () => {
    expect(rule(explain({ startDate: daysAgo(7) }), 'overdue').reason).toContain('7 days ≤ first_contact_days 7');
    const late = explain({ startDate: daysAgo(8) });
    expect(rule(late, 'overdue').reason).toContain('8 days > first_contact_days 7: 1 day overdue');
    expect(late.days_overdue).toBe(1);
  });
});

describe('the officer', () => {
  it('officer_absent: 21 days absent is not yet, 22 days is; the officer row is cited', () => {
    const sick = (days: number): OfficerRecord => officer({ line: 40, status: 'sick', statusSince: daysAgo(days) });
    const notYet = rule(explain({}, { seen: [1, 2], officer: sick(21) }), 'officer_absent');
    expect(notYet).toMatchObject({ set: false, config: { absent_after_days: 21 } });
    expect(notYet.reason).toBe(`officer O1 status sick since ${day(21)} (officers.csv:40), 21 days ≤ absent_after_days 21`);
    const absent = rule(explain({}, { seen: [1, 2], officer: sick(22) }), 'officer_absent');
    expect(absent).toMatchObject({ set: true, evidence: [{ file: 'officers.csv', line: 40, what: 'officer O1' }] });
    expect(absent.reason).toContain('22 days > absent_after_days 21');
  });

  it('officer_absent since an unknown date', () => {
    const absent = rule(explain({}, { seen: [1, 2], officer: officer({ status: 'leave', statusSince: null }) }), 'officer_absent');
    expect(absent.set).toBe(true);
    expect(absent.reason).toContain('since an unknown date');
  });

  it('officer_left', () => {
    const explanation = explain({}, { seen: [1, 2], officer: officer({ line: 7, status: 'left', statusSince: daysAgo(3) }) });
    expect(rule(explanation, 'officer_left')).toMatchObject({ set: true, reason: `officer O1 status left since ${day(3)} (officers.csv:7)` });
    expect(rule(explanation, 'officer_absent').set).toBe(false);
  });

  it('unknown_officer: the case row is the evidence', () => {
    const explanation = explain({ line: 83, officerId: 'N07E530' }, { seen: [1, 2], officer: null });
    expect(rule(explanation, 'unknown_officer')).toMatchObject({ set: true, reason: 'officer_id N07E530 (offenders.csv:83) is not in officers.csv' });
    expect(rule(explanation, 'officer_left').reason).toBe('officer N07E530 is not in officers.csv (offenders.csv:83)');
  });

  it('unallocated: empty officer_id, or matching unallocated_pattern', () => {
    const empty = explain({ officerId: null }, { seen: [1, 2], officer: null });
    expect(rule(empty, 'unallocated')).toMatchObject({ set: true, reason: 'officer_id empty (offenders.csv:2)', config: { unallocated_pattern: null } });
    expect(rule(empty, 'unknown_officer').set).toBe(false);
    const config = configWith((c) => (c.unallocated_pattern = '^UNALLOC'));
    const matched = explain({ officerId: 'UNALLOC_N07' }, { seen: [1, 2], officer: null, config });
    expect(rule(matched, 'unallocated')).toMatchObject({ set: true, reason: 'officer_id UNALLOC_N07 (offenders.csv:2) matches unallocated_pattern ^UNALLOC' });
    expect(rule(explain({}, { seen: [1, 2], config }), 'unallocated').reason).toBe('officer_id O1 (offenders.csv:2) does not match unallocated_pattern ^UNALLOC');
  });
});

describe('warnings', () => {
  it('enforcement_due: one failure is not enough, two are; each is cited', () => {
    expect(rule(explain({}, { seen: [1, 2], failures: [[30, 100]] }), 'enforcement_due')).toMatchObject({
      set: false,
      reason: `1 failed_to_attend contact in 365 days: ${day(30)} (contacts.csv:100); < 2`,
    });
    const due = rule(explain({}, { seen: [1, 2], failures: [[30, 100], [364, 7]] }), 'enforcement_due');
    expect(due.set).toBe(true);
    expect(due.reason).toBe(`2 failed_to_attend contacts in 365 days: ${day(30)} (contacts.csv:100), ${day(364)} (contacts.csv:7); ≥ 2`);
    expect(due.evidence.map((evidence) => evidence.line)).toEqual([100, 7]);
  });

  it('assessment_overdue: 182 days old is in date, 183 is not, empty is overdue', () => {
    expect(rule(explain({ lastAssessment: daysAgo(182) }, { seen: [1, 2] }), 'assessment_overdue').reason).toContain('182 days ≤ assessment_review_days 182');
    expect(rule(explain({ lastAssessment: daysAgo(183) }, { seen: [1, 2] }), 'assessment_overdue').set).toBe(true);
    expect(rule(explain({ lastAssessment: null }, { seen: [1, 2] }), 'assessment_overdue')).toMatchObject({ set: true, reason: 'last_assessment empty (offenders.csv:2)' });
  });

  it('sentence_expired: ending on the as-of date is not expired, the day before is', () => {
    expect(rule(explain({ endDate: AS_OF }, { seen: [1, 2] }), 'sentence_expired').set).toBe(false);
    expect(rule(explain({ endDate: daysAgo(1) }, { seen: [1, 2] }), 'sentence_expired')).toMatchObject({
      set: true,
      reason: `end_date ${day(1)} (offenders.csv:2) is before the as-of date ${day(0)}`,
    });
  });

  it('checks missing, address unknown only when explicitly no', () => {
    expect(rule(explain({ daFlag: true, daCheck: null }, { seen: [1, 2] }), 'da_check_missing')).toMatchObject({ set: true, reason: 'da_flag yes, da_check empty (offenders.csv:2)' });
    expect(rule(explain({ daFlag: true, daCheck: daysAgo(5) }, { seen: [1, 2] }), 'da_check_missing').set).toBe(false);
    expect(rule(explain({ safeguardingFlag: true }, { seen: [1, 2] }), 'safeguarding_check_missing').set).toBe(true);
    expect(rule(explain({ addressKnown: null }, { seen: [1, 2] }), 'address_unknown')).toMatchObject({ set: false, reason: 'address_known empty (offenders.csv:2)' });
    expect(rule(explain({ addressKnown: false }, { seen: [1, 2] }), 'address_unknown').set).toBe(true);
  });

  it('invalid_data and duplicate_record cite their issues', () => {
    const issues: Issue[] = [
      { file: 'x/offenders.csv', line: 9, column: 'last_assessment', code: 'invalid_value', message: 'last_assessment: invalid date "31/02/2026"' },
      { file: 'x/offenders.csv', line: 9, column: 'crn', code: 'duplicate_record', message: 'crn X000001 is listed on lines 3 and 9; line 9 is read' },
    ];
    const explanation = explain({ line: 9, invalidData: true, duplicateRecord: true }, { seen: [1, 2], issues });
    expect(rule(explanation, 'invalid_data')).toMatchObject({ set: true, reason: 'offenders.csv:9: last_assessment: invalid date "31/02/2026"' });
    expect(rule(explanation, 'duplicate_record')).toMatchObject({ set: true, reason: 'offenders.csv:9: crn X000001 is listed on lines 3 and 9; line 9 is read' });
  });
});

describe('statuses and skipped checks', () => {
  it('custody: the active-case rules are not applicable, and say why', () => {
    const explanation = explain({ status: 'custody', startDate: daysAgo(400) });
    for (const code of ['unallocated', 'not_seen', 'never_seen', 'overdue', 'assessment_overdue'] as const) {
      expect(rule(explanation, code).state).toBe('not_applicable');
    }
    expect(rule(explanation, 'never_seen').reason).toBe('applies to active cases; this case is custody (offenders.csv:2)');
    expect(rule(explanation, 'da_check_missing').state).toBe('not_set');
  });

  it('warrant: the allocation rules still apply', () => {
    const explanation = explain({ status: 'warrant' }, { officer: officer({ status: 'left' }) });
    expect(rule(explanation, 'officer_left').set).toBe(true);
    expect(rule(explanation, 'warrant').set).toBe(true);
    expect(rule(explanation, 'not_seen').state).toBe('not_applicable');
  });

  it('a check whose column is missing is skipped, naming the column', () => {
    const explanation = explain({ daFlag: true }, { seen: [1, 2], without: { offenders: ['da_check'] } });
    expect(rule(explanation, 'da_check_missing')).toMatchObject({ set: false, state: 'skipped', reason: 'check skipped: no da_check' });
  });

  it('with no contacts.csv and no last_contact, the contact checks are skipped', () => {
    const explanation = explain({}, { noContacts: true, without: { offenders: ['last_contact'] } });
    expect(rule(explanation, 'never_seen')).toMatchObject({ state: 'skipped', reason: 'check skipped: no contacts.csv or offenders.csv last_contact' });
    expect(rule(explanation, 'enforcement_due').state).toBe('skipped');
  });

  it('a terminated case is explained as left out of the analysis', () => {
    const explanation = explain({ status: 'terminated' });
    expect(explanation).toMatchObject({ analysed: false, priority: null, flags: [], rules: [], evidence: [{ file: 'offenders.csv', line: 2 }] });
    expect(explanation.summary).toContain('terminated');
  });
});

/** A day `days` before the as-of date, as the explanation writes it. */
function day(days: number): string {
  return formatDay(daysAgo(days));
}

describe('Probation Reset', () => {
  it('a case in reset: the contact-standard flags are not applicable, and say why', () => {
    const explanation = explain({ resetMarked: true, risk: 'high', startDate: daysAgo(400) }, { seen: [100, 7] });
    expect(explanation.flags).toEqual([]);
    for (const flag of ['overdue', 'not_seen', 'never_seen'] as const) {
      expect(rule(explanation, flag)).toMatchObject({ state: 'not_applicable', set: false });
      expect(rule(explanation, flag).reason).toBe('in Probation Reset: marked by reset column yes (offenders.csv:2); no contact standard applies');
    }
    expect(rule(explanation, 'reset_exempt')).toMatchObject({ state: 'not_set', reason: 'marked by reset column yes (offenders.csv:2), no exemption applies: in reset' });
  });

  it('a marked case with an exemption: reset_exempt names each exemption, and the standard applies', () => {
    const explanation = explain({ tier: 'B2S', risk: 'very_high', mappaLevel: 2, safeguardingFlag: true, safeguardingCheck: daysAgo(3) }, { seen: [100, 7] });
    expect(rule(explanation, 'reset_exempt')).toMatchObject({ state: 'set' });
    expect(rule(explanation, 'reset_exempt').reason).toBe('marked by tier B2S (offenders.csv:2), exempt: risk very_high, MAPPA level 2, safeguarding_flag yes');
    expect(rule(explanation, 'not_seen')).toMatchObject({ state: 'set' });
  });

  it('an unreadable MAPPA level is an exemption, and says so', () => {
    const explanation = explain({ resetMarked: true, mappaLevel: null }, { seen: [1, 7] });
    expect(rule(explanation, 'reset_exempt').reason).toContain('mappa_level unreadable (treated as MAPPA)');
  });

  it('a case not marked says what it was checked for', () => {
    expect(rule(explain({ tier: 'B2' }, { seen: [1, 7] }), 'reset_exempt').reason).toBe('not marked for reset (reset column no or empty, tier B2) (offenders.csv:2)');
  });
});
