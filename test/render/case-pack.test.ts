/**
 * Cases packed into numbers for the thread that writes half a long report's lines
 * (src/render/case-pack.ts): what is built back must stringify to the very bytes of the case.
 */
import { describe, expect, it } from 'vitest';
import { caseAt, packCases, type PackedCases } from '../../src/render/case-pack.js';
import { caseResultSchema, type CaseResult } from '../../src/analyse/report.js';
import { caseResult } from './builders.js';
import { analyseOne, daysAgo } from '../analyse/builders.js';

/** What a worker thread is handed: the pack as structured cloning copies it. */
const handedOver = (packed: PackedCases): PackedCases => structuredClone(packed);

function roundTrip(cases: CaseResult[]): string[] {
  const packed = packCases(cases, [[0, cases.length]]);
  expect(packed).not.toBeNull();
  const received = handedOver(packed!);
  return cases.map((_, row) => JSON.stringify(caseAt(received, row)));
}

const SHARED_FLAGS = Object.freeze(['not_seen', 'overdue']) as CaseResult['flags'];

const awkward: [string, Partial<CaseResult>][] = [
  ['every nullable field null', {
    name: null, officer_id: null, officer_name: null, team: null, pdu: null, manager_id: null, risk: null, tier: null, sentence_type: null,
    start_date: null, end_date: null, last_contact: null, days_since_contact: null, days_since_start: null, reset_date: null,
    next_contact_due: null, assessment_due: null, ends_in_days: null,
  }],
  ['text that JSON escapes', { name: 'Line\nbreak "quoted" \\ tab\t \u001b[31m', team: 'Team "A"', sentence_type: '\u2028' }],
  ['text beyond ASCII, and a lone surrogate', { name: 'Zoë Ñúñez 😀', officer_name: 'Łukasz', pdu: '\ud800' }],
  ['negative and large integers', { ends_in_days: -3650, days_since_contact: 2_000_000_000, days_overdue: 1_999_999_986, line: 2 ** 31 - 1 }],
  ['every boolean true', { overdue: true, lost: true, da_flag: true, safeguarding_flag: true, reset: true }],
  ['the empty string', { name: '', team: '', crn: '' }],
];

describe('packCases and caseAt', () => {
  it.each(awkward)('give back a case with %s, byte for byte', (_name, overrides) => {
    const cases = [caseResult(overrides), caseResult({ crn: 'X2', flags: SHARED_FLAGS }), caseResult({ crn: 'X3', flags: SHARED_FLAGS })];
    expect(roundTrip(cases)).toEqual(cases.map((each) => JSON.stringify(each)));
  });

  it('builds every field of a case, in the order of the report schema and of analysis', () => {
    const analysed = analyseOne({ crn: 'X1', lastContact: daysAgo(60) });
    const packed = handedOver(packCases([analysed], [[0, 1]])!);
    const keys = Object.keys(caseResultSchema.shape);
    expect(Object.keys(analysed)).toEqual(keys);
    expect(Object.keys(caseAt(packed, 0))).toEqual(keys);
    expect(JSON.stringify(caseAt(packed, 0))).toBe(JSON.stringify(analysed));
  });

  it('packs the cases of each range in turn', () => {
    const cases = Array.from({ length: 10 }, (_, at) => caseResult({ crn: `X${at}`, priority: at + 1 }));
    const packed = handedOver(packCases(cases, [[1, 3], [5, 6], [8, 10]])!);
    expect(packed.count).toBe(5);
    expect(Array.from({ length: 5 }, (_, row) => caseAt(packed, row).crn)).toEqual(['X1', 'X2', 'X5', 'X8', 'X9']);
  });

  it('sends a shared flag list and a repeated text once', () => {
    const cases = Array.from({ length: 50 }, (_, at) => caseResult({ crn: `X${at}`, flags: SHARED_FLAGS }));
    const packed = packCases(cases, [[0, 50]])!;
    expect(packed.lists).toHaveLength(1);
    expect(packed.words.filter((word) => word === 'Team A')).toHaveLength(1);
  });

  it.each<[string, Partial<CaseResult>]>([
    ['a fraction', { days_since_contact: 1.5 }],
    ['a number beyond 32 bits', { line: 2 ** 31 }],
    ['the number that stands for null', { ends_in_days: -(2 ** 31) }],
    ['a boolean that is not one', { overdue: 'yes' as unknown as boolean }],
  ])('answers null for a case holding %s, so the case is written where it is', (_name, overrides) => {
    expect(packCases([caseResult(), caseResult(overrides)], [[0, 2]])).toBeNull();
  });
});
