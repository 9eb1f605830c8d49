/** SPEC 3.2 `due`: the tasks, their fields and order, on their boundaries. As of 2026-11-16. */
import { describe, expect, it } from 'vitest';
import { compareTasks, dueTasks, summariseTasks, type DueTask } from '../../src/analyse/due.js';
import type { CaseRecord } from '../../src/read/records.js';
import { AS_OF, caseRecord, day, daysAgo, exportsOf, officer, run, type ExportsSpec } from './builders.js';

/** The tasks of these cases within `within` days, as [crn, task, due, days_until]. */
function tasksOf(cases: CaseRecord[], within = 7, spec: Omit<ExportsSpec, 'cases'> = {}): [string, string, string | null, number | null][] {
  const report = run(exportsOf({ ...spec, cases }));
  return dueTasks(report, report.cases, AS_OF, within).tasks.map((task) => [task.crn, task.task, task.due, task.days_until]);
}

/** A medium case seen 1 day ago, assessed 10 days ago: its next contact is in 13 days, nothing else. */
const quiet = (overrides: Partial<CaseRecord>): CaseRecord => caseRecord(overrides);

describe('contact and first_contact', () => {
  it('due on the horizon day is in; the day after is out', () => {
    // Seen 7 days ago, medium standard 14: due in 7 days (2026-11-23).
    expect(tasksOf([quiet({ crn: 'A', lastContact: daysAgo(7) })], 7)).toEqual([['A', 'contact', '2026-11-23', 7]]);
    expect(tasksOf([quiet({ crn: 'A', lastContact: daysAgo(6) })], 7)).toEqual([]);
  });

  it('--within 0: due today only; overdue ones are always in', () => {
    expect(tasksOf([quiet({ crn: 'A', lastContact: daysAgo(14) })], 0)).toEqual([['A', 'contact', '2026-11-16', 0]]);
    expect(tasksOf([quiet({ crn: 'A', lastContact: daysAgo(40) })], 0)).toEqual([['A', 'contact', '2026-10-21', -26]]);
  });

  it('never seen: first_contact at start + 7; with no start date, due null', () => {
    expect(tasksOf([quiet({ crn: 'A', lastContact: null, startDate: day('2026-11-14') })])).toEqual([['A', 'first_contact', '2026-11-21', 5]]);
    expect(tasksOf([quiet({ crn: 'A', lastContact: null, startDate: null })])).toEqual([['A', 'first_contact', null, null]]);
  });

  it('none in reset, in custody or on warrant', () => {
    expect(tasksOf([quiet({ crn: 'A', lastContact: daysAgo(40), resetMarked: true })])).toEqual([]);
    expect(tasksOf([quiet({ crn: 'B', lastContact: daysAgo(40), status: 'custody' })])).toEqual([]);
    expect(tasksOf([quiet({ crn: 'C', lastContact: daysAgo(40), status: 'warrant' })])).toEqual([]);
  });

  it('none with no contact data at all (the contact checks are skipped)', () => {
    expect(tasksOf([quiet({ crn: 'A', lastContact: null })], 7, { contacts: null, without: { offenders: ['last_contact'] } })).toEqual([]);
  });
});

describe('assessment', () => {
  it('last assessment + 182 within the horizon; the day after is out', () => {
    // Assessed 175 days ago: due in 7 days.
    expect(tasksOf([quiet({ crn: 'A', lastAssessment: daysAgo(175) })])).toEqual([['A', 'assessment', '2026-11-23', 7]]);
    expect(tasksOf([quiet({ crn: 'A', lastAssessment: daysAgo(174) })])).toEqual([]);
  });

  it('never assessed: due null; without the column, no task', () => {
    expect(tasksOf([quiet({ crn: 'A', lastAssessment: null })])).toEqual([['A', 'assessment', null, null]]);
    expect(tasksOf([quiet({ crn: 'A', lastAssessment: null })], 7, { without: { offenders: ['last_assessment'] } })).toEqual([]);
  });

  it('still due in reset', () => {
    expect(tasksOf([quiet({ crn: 'A', lastAssessment: daysAgo(175), resetMarked: true })])).toEqual([['A', 'assessment', '2026-11-23', 7]]);
  });
});

describe('checks and ending', () => {
  it('da_check and safeguarding_check when missing, due null', () => {
    expect(tasksOf([quiet({ crn: 'A', daFlag: true, safeguardingFlag: true })])).toEqual([
      ['A', 'da_check', null, null],
      ['A', 'safeguarding_check', null, null],
    ]);
    expect(tasksOf([quiet({ crn: 'A', daFlag: true, daCheck: daysAgo(3) })])).toEqual([]);
  });

  it('ending: end date from as-of to as-of + N; past or later, none; no end date, none', () => {
    expect(tasksOf([quiet({ crn: 'A', endDate: AS_OF })])).toEqual([['A', 'ending', '2026-11-16', 0]]);
    expect(tasksOf([quiet({ crn: 'A', endDate: AS_OF + 7 })])).toEqual([['A', 'ending', '2026-11-23', 7]]);
    expect(tasksOf([quiet({ crn: 'A', endDate: AS_OF + 8 })])).toEqual([]);
    expect(tasksOf([quiet({ crn: 'A', endDate: AS_OF - 1 })])).toEqual([]);
    expect(tasksOf([quiet({ crn: 'A', endDate: null })])).toEqual([]);
  });
});

describe('fields and order', () => {
  it('officer_id, then days_until (no date first), then priority, then the kind; no officer last', () => {
    const report = run(
      exportsOf({
        officers: [officer({ officerId: 'O1', name: 'Olu', team: 'North' }), officer({ officerId: 'O2', status: 'sick', statusSince: daysAgo(3) })],
        cases: [
          quiet({ crn: 'A', officerId: 'O2', lastContact: daysAgo(10) }), // O2: contact in 4 days
          quiet({ crn: 'B', officerId: 'O1', lastContact: daysAgo(12) }), // O1: contact in 2 days
          quiet({ crn: 'C', officerId: 'O1', risk: 'low', lastContact: daysAgo(1), daFlag: true }), // O1: da_check, no date (contact in 27 days)
          quiet({ crn: 'D', officerId: null, lastContact: daysAgo(14) }), // nobody: contact today
          quiet({ crn: 'E', officerId: 'O1', risk: 'high', lastContact: daysAgo(5), endDate: AS_OF + 2 }), // O1: contact and ending in 2 days
        ],
      }),
    );
    const tasks = dueTasks(report, report.cases, AS_OF, 7).tasks;
    expect(tasks.map((task) => `${task.officer_id} ${task.crn} ${task.task} ${task.days_until}`)).toEqual([
      'O1 C da_check null',
      'O1 E contact 2', // high (priority before B, medium)
      'O1 E ending 2',
      'O1 B contact 2',
      'O2 A contact 4',
      'null D contact 0',
    ]);
    expect(tasks[0]).toEqual({
      officer_id: 'O1',
      officer_name: 'Olu',
      officer_status: 'active',
      team: 'North',
      crn: 'C',
      name: null,
      risk: 'low',
      task: 'da_check',
      due: null,
      days_until: null,
      priority: report.cases.find((result) => result.crn === 'C')!.priority,
    });
    expect(tasks[4]!.officer_status).toBe('sick');
    expect(tasks[5]!.officer_status).toBeNull();
  });

  it('compareTasks is a total order: an officer id sorts before null', () => {
    const base: DueTask = { officer_id: 'O1', officer_name: null, officer_status: null, team: null, crn: 'A', name: null, risk: null, task: 'contact', due: null, days_until: null, priority: 1 };
    expect(compareTasks(base, { ...base, officer_id: null })).toBeLessThan(0);
    expect(compareTasks({ ...base, days_until: -5 }, { ...base, days_until: 3 })).toBeLessThan(0);
    expect(compareTasks(base, base)).toBe(0);
  });

  it('summariseTasks counts the kinds, past due and undated', () => {
    const summary = summariseTasks(
      dueTasks(run(exportsOf({ cases: [quiet({ crn: 'A', lastContact: daysAgo(20), daFlag: true })] })), [], AS_OF, 7).tasks,
    );
    expect(summary.tasks).toBe(0);
    const report = run(exportsOf({ cases: [quiet({ crn: 'A', lastContact: daysAgo(20), daFlag: true })] }));
    const full = summariseTasks(dueTasks(report, report.cases, AS_OF, 7).tasks);
    expect(full).toEqual({ tasks: 2, officers: 1, past_due: 1, undated: 1, by_task: { contact: 1, first_contact: 0, assessment: 0, da_check: 1, safeguarding_check: 0, ending: 0 } });
  });
});

describe('the worklist order on many cases', () => {
  it('is compareTasks order, however the cases are ranked', () => {
    const officers = [officer({ officerId: 'O2' }), officer({ officerId: 'O10' }), officer({ officerId: 'O1' })];
    const cases = Array.from({ length: 300 }, (_, at) =>
      caseRecord({
        crn: `X${(at * 7919) % 1000}`,
        officerId: [null, 'O1', 'O2', 'O10'][at % 4]!,
        risk: (['low', 'medium', 'high', 'very_high', null] as const)[at % 5]!,
        lastContact: at % 9 === 0 ? null : daysAgo(at % 40),
        daFlag: at % 6 === 0,
        safeguardingFlag: at % 7 === 0,
        endDate: at % 3 === 0 ? AS_OF + (at % 10) : null,
      }),
    );
    const report = run(exportsOf({ officers, cases }));
    const tasks = dueTasks(report, report.cases, AS_OF, 7).tasks;
    expect(tasks.length).toBeGreaterThan(300);
    // Sorting again by the comparator (a stable sort) changes nothing: every pair is in order.
    expect([...tasks].sort(compareTasks)).toEqual(tasks);
    for (let at = 1; at < tasks.length; at++) expect(compareTasks(tasks[at - 1]!, tasks[at]!)).toBeLessThan(0);
  });
});

describe('the worklist order beyond exact numbers', () => {
  it('falls back to the comparator when the priorities are too far apart to join into one number', async () => {
    const { caseResult } = await import('../render/builders.js');
    const due = { next_contact_due: '2026-11-17', last_contact: '2026-11-03' };
    const cases = [caseResult({ crn: 'B', priority: 2 ** 52, ...due }), caseResult({ crn: 'A', priority: 3, ...due }), caseResult({ crn: 'C', priority: 7, ...due })];
    const report = run(exportsOf({ cases: [] }));
    const tasks = dueTasks(report, cases, AS_OF, 7).tasks;
    expect(tasks.filter((task) => task.task === 'contact').map((task) => task.crn)).toEqual(['A', 'C', 'B']);
    expect([...tasks].sort(compareTasks)).toEqual(tasks);
  });
});
