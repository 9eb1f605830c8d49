/**
 * SPEC 2.1 priority: lost first, then risk (very_high, high, unknown, medium, low), then
 * days_overdue descending, then days_since_contact descending (never seen first), then crn.
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../src/read/records.js';
import fc from 'fast-check';
import type { CaseResult } from '../../src/analyse/report.js';
import { rankCases } from '../../src/analyse/cases.js';
import { compareText } from '../../src/analyse/compare.js';
import { caseRecord, daysAgo, exportsOf, officer, run } from './builders.js';

const officers = [officer({ officerId: 'O1' }), officer({ officerId: 'L1', status: 'left' })];
const order = (cases: CaseRecord[]): string[] => run(exportsOf({ officers, cases })).cases.map((result) => result.crn);

describe('the full order on a hand-worked caseload', () => {
  // crn: why it sits where it does (lost?, risk, days_overdue, days_since_contact)
  const cases = [
    caseRecord({ crn: 'P01', officerId: 'L1', risk: 'low', lastContact: daysAgo(1) }), // lost, low, 0
    caseRecord({ crn: 'P02', risk: 'medium', lastContact: daysAgo(70) }), // lost (not_seen), medium, 70 − 14 = 56
    caseRecord({ crn: 'P03', risk: 'very_high', lastContact: null, startDate: null }), // lost (never_seen), very_high, 0
    caseRecord({ crn: 'P04', risk: 'very_high', lastContact: daysAgo(10) }), // very_high, 3
    caseRecord({ crn: 'P05', risk: 'high', lastContact: daysAgo(7) }), // high, 0
    caseRecord({ crn: 'P06', risk: null, lastContact: daysAgo(20) }), // unknown, 13
    caseRecord({ crn: 'P07', risk: 'medium', lastContact: daysAgo(30) }), // medium, 16
    caseRecord({ crn: 'P08', risk: 'medium', lastContact: daysAgo(20) }), // medium, 6
    caseRecord({ crn: 'P09', risk: 'low', lastContact: daysAgo(50) }), // low, 22
    caseRecord({ crn: 'P10', risk: 'low', lastContact: daysAgo(3) }), // low, 0
  ];
  const expected = ['P03', 'P02', 'P01', 'P04', 'P05', 'P06', 'P07', 'P08', 'P09', 'P10'];

  it('ranks lost first, then risk, then days overdue', () => {
    expect(order(cases)).toEqual(expected);
  });

  it('whatever order the cases arrive in', () => {
    expect(order([...cases].reverse())).toEqual(expected);
    expect(order([cases[5]!, cases[0]!, cases[9]!, cases[2]!, cases[7]!, cases[1]!, cases[4]!, cases[8]!, cases[3]!, cases[6]!])).toEqual(expected);
  });

  it('numbers priority 1..n in that order', () => {
    const report = run(exportsOf({ officers, cases: [...cases].reverse() }));
    expect(report.cases.map((result) => [result.crn, result.priority])).toEqual(expected.map((crn, at) => [crn, at + 1]));
  });

  it('works out the lost and days_overdue it ranks on', () => {
    const report = run(exportsOf({ officers, cases }));
    expect(report.cases.map((result) => [result.crn, result.lost, result.days_overdue])).toEqual([
      ['P03', true, 0],
      ['P02', true, 56],
      ['P01', true, 0],
      ['P04', false, 3],
      ['P05', false, 0],
      ['P06', false, 13],
      ['P07', false, 16],
      ['P08', false, 6],
      ['P09', false, 22],
      ['P10', false, 0],
    ]);
  });
});

describe('each tie-break on its own', () => {
  it('a lost low-risk case outranks a very-high-risk case that is far overdue', () => {
    expect(
      order([
        caseRecord({ crn: 'A', risk: 'very_high', lastContact: daysAgo(50) }),
        caseRecord({ crn: 'B', risk: 'low', officerId: 'L1' }),
      ]),
    ).toEqual(['B', 'A']);
  });

  it('risk: very_high, high, unknown, medium, low (unknown sits between high and medium)', () => {
    const sameContact = { lastContact: daysAgo(2) };
    expect(
      order([
        caseRecord({ crn: 'low', risk: 'low', ...sameContact }),
        caseRecord({ crn: 'medium', risk: 'medium', ...sameContact }),
        caseRecord({ crn: 'unknown', risk: null, ...sameContact }),
        caseRecord({ crn: 'high', risk: 'high', ...sameContact }),
        caseRecord({ crn: 'very_high', risk: 'very_high', ...sameContact }),
      ]),
    ).toEqual(['very_high', 'high', 'unknown', 'medium', 'low']);
  });

  it('risk outranks days_overdue', () => {
    expect(
      order([
        caseRecord({ crn: 'A', risk: 'medium', lastContact: daysAgo(50) }), // 36 overdue
        caseRecord({ crn: 'B', risk: 'high', lastContact: daysAgo(8) }), // 1 overdue
      ]),
    ).toEqual(['B', 'A']);
  });

  it('same lost and risk: more days overdue first', () => {
    expect(
      order([
        caseRecord({ crn: 'A', risk: 'medium', lastContact: daysAgo(16) }), // 2
        caseRecord({ crn: 'B', risk: 'medium', lastContact: daysAgo(40) }), // 26
        caseRecord({ crn: 'C', risk: 'medium', lastContact: daysAgo(25) }), // 11
      ]),
    ).toEqual(['B', 'C', 'A']);
  });

  it('same days_overdue (0): more days since contact first', () => {
    expect(
      order([
        caseRecord({ crn: 'A', risk: 'medium', lastContact: daysAgo(5) }),
        caseRecord({ crn: 'B', risk: 'medium', lastContact: daysAgo(12) }),
        caseRecord({ crn: 'C', risk: 'medium', lastContact: daysAgo(9) }),
      ]),
    ).toEqual(['B', 'C', 'A']);
  });

  it('same days_overdue (0): a never-seen case comes before any seen case', () => {
    expect(
      order([
        caseRecord({ crn: 'A', risk: 'medium', lastContact: daysAgo(14) }),
        caseRecord({ crn: 'B', risk: 'medium', lastContact: null, startDate: daysAgo(3) }),
      ]),
    ).toEqual(['B', 'A']);
  });

  it('same days_overdue (10): never seen (started 17 days ago) before seen 24 days ago', () => {
    expect(
      order([
        caseRecord({ crn: 'A', risk: 'medium', lastContact: daysAgo(24) }), // 24 − 14 = 10
        caseRecord({ crn: 'B', risk: 'medium', lastContact: null, startDate: daysAgo(17) }), // 17 − 7 = 10
      ]),
    ).toEqual(['B', 'A']);
  });

  it('everything equal: crn ascending, as text', () => {
    expect(
      order([
        caseRecord({ crn: 'X9' }),
        caseRecord({ crn: 'X10' }),
        caseRecord({ crn: 'B2' }),
        caseRecord({ crn: 'X100' }),
      ]),
    ).toEqual(['B2', 'X10', 'X100', 'X9']);
  });

  it('two never-seen cases with equal days_overdue fall back to crn', () => {
    expect(
      order([
        caseRecord({ crn: 'N2', lastContact: null, startDate: null }),
        caseRecord({ crn: 'N1', lastContact: null, startDate: null }),
      ]),
    ).toEqual(['N1', 'N2']);
  });
});

describe('rankCases against the SPEC order as a comparator', () => {
  // The oracle: the five-field order written out plainly, ties kept in the order given.
  const spec = (a: CaseResult, b: CaseResult): number =>
    Number(b.lost) - Number(a.lost) ||
    RISKS.indexOf(a.risk) - RISKS.indexOf(b.risk) ||
    b.days_overdue - a.days_overdue ||
    (a.days_since_contact === null ? (b.days_since_contact === null ? 0 : -1) : b.days_since_contact === null ? 1 : b.days_since_contact - a.days_since_contact) ||
    compareText(a.crn, b.crn);
  const RISKS = ['very_high', 'high', null, 'medium', 'low'] as const;
  const someCase = fc.record({
    crn: fc.constantFrom('A1', 'A2', 'B1', 'X10', 'X9', 'x1', 'É1', 'A1 '),
    lost: fc.boolean(),
    risk: fc.constantFrom(...RISKS),
    // Small ranges, so ties on every field are common; now and then the longest waits a key tells apart.
    days_overdue: fc.oneof(fc.nat(3), fc.nat(3), fc.integer({ min: 1_048_570, max: 1_048_574 })),
    days_since_contact: fc.option(fc.oneof(fc.nat(3), fc.nat(3), fc.integer({ min: 1_048_570, max: 1_048_574 }))),
    id: fc.nat(),
  });

  it('gives the same order, sorted input or not, crns repeated or not', () => {
    fc.assert(
      fc.property(fc.array(someCase, { maxLength: 60 }), fc.boolean(), (drawn, sortByCrn) => {
        const cases = (sortByCrn ? [...drawn].sort((a, b) => compareText(a.crn, b.crn)) : drawn).map((item, at) => ({ ...item, id: at })) as unknown as CaseResult[];
        const expected = [...cases].sort(spec).map((result) => (result as unknown as { id: number }).id);
        const ranked = rankCases([...cases]);
        expect(ranked.map((result) => (result as unknown as { id: number }).id)).toEqual(expected);
        expect(ranked.map((result) => result.priority)).toEqual(ranked.map((_, at) => at + 1));
      }),
      { numRuns: 500 },
    );
  });
});
