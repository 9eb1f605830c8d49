/**
 * Cases packed into numbers for the thread that writes part of a long report's lines
 * (src/render/case-pack.ts), and their lines encoded from the pack (src/render/case-lines.ts):
 * the bytes must be those JSON.stringify and a UTF-8 write give for the case itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_FIELDS, packCases, RowPacker, TASK_FIELDS, type PackedCases } from '../../src/render/case-pack.js';
import { DUE_TASKS, dueTaskSchema, type DueTask } from '../../src/analyse/due.js';
import { CaseLineEncoder } from '../../src/render/case-lines.js';
import { frameLine, JSON_LINES, NDJSON_LINES, type LineFrame } from '../../src/render/lines.js';
import { caseResultSchema, type CaseResult } from '../../src/analyse/report.js';
import { caseResult } from './builders.js';
import { analyseOne, daysAgo } from '../analyse/builders.js';

/** What a worker thread is handed: the pack as structured cloning copies it. */
const handedOver = (packed: PackedCases): PackedCases => structuredClone(packed);

/** The lines of packed rows [0, count) as elements from `first` of an array ending at `last`. */
function encoded(packed: PackedCases, count: number, frame: LineFrame = JSON_LINES, first = 0, last = count - 1): string {
  const parts: Buffer[] = [];
  const encoder = new CaseLineEncoder(packed, frame, (bytes) => parts.push(Buffer.from(bytes)));
  for (let row = 0; row < count; row++) encoder.line(row, first + row, last);
  encoder.end();
  return Buffer.concat(parts).toString('utf8');
}

/** The lines as this thread writes them: JSON.stringify of each case, framed. */
const stringified = (cases: readonly CaseResult[], frame: LineFrame = JSON_LINES): string =>
  cases.map((each, index) => frameLine(JSON.stringify(each), index, cases.length - 1, frame)).join('');

function roundTrip(cases: CaseResult[], frame: LineFrame = JSON_LINES): string {
  const packed = packCases(cases, [[0, cases.length]]);
  expect(packed).not.toBeNull();
  return encoded(handedOver(packed!), cases.length, frame);
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

describe('packCases and CaseLineEncoder', () => {
  it.each(awkward)('write a case with %s, byte for byte', (_name, overrides) => {
    const cases = [caseResult(overrides), caseResult({ crn: 'X2', flags: SHARED_FLAGS }), caseResult({ crn: 'X3', flags: SHARED_FLAGS })];
    expect(roundTrip(cases)).toBe(stringified(cases));
    expect(roundTrip(cases, NDJSON_LINES)).toBe(stringified(cases, NDJSON_LINES));
  });

  it('write any case as JSON.stringify does', () => {
    const text = fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null });
    const int = fc.option(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), { nil: null });
    const overrides = fc.record({ name: text, team: text, officer_name: text, days_since_contact: int, ends_in_days: int, overdue: fc.boolean(), flags: fc.constantFrom(SHARED_FLAGS, [] as CaseResult['flags']) });
    fc.assert(
      fc.property(fc.array(overrides, { minLength: 1, maxLength: 5 }), (each) => {
        const cases = each.map((fields, at) => caseResult({ crn: `X${at}`, ...fields }));
        expect(roundTrip(cases)).toBe(stringified(cases));
      }),
    );
  });

  it('write every field of a case, in the order of the report schema and of analysis', () => {
    const analysed = analyseOne({ crn: 'X1', lastContact: daysAgo(60) });
    const keys = Object.keys(caseResultSchema.shape);
    expect(Object.keys(analysed)).toEqual(keys);
    expect(CASE_FIELDS.map(([key]) => key)).toEqual(keys);
    expect(roundTrip([analysed])).toBe(stringified([analysed]));
  });

  it('pack the cases of each range in turn, and number their lines by their place in the whole array', () => {
    const cases = Array.from({ length: 10 }, (_, at) => caseResult({ crn: `X${at}`, priority: at + 1 }));
    const packed = handedOver(packCases(cases, [[5, 6], [8, 10]])!);
    expect(packed.count).toBe(3);
    // Elements 7 to 9 of an array ending at 9: a comma after all but the last.
    expect(encoded(packed, 3, JSON_LINES, 7, 9)).toBe(
      [cases[5], cases[8], cases[9]].map((each, at) => frameLine(JSON.stringify(each), 7 + at, 9, JSON_LINES)).join(''),
    );
  });

  it('leave room in a buffer for shared words of any length: names in an export have no limit', () => {
    const words = { team: 'T'.repeat(5_000), officer_name: 'Ö"'.repeat(3_000), sentence_type: '\u0001'.repeat(2_000) };
    // About 29 KB a line: a hundred lines fill several buffers, each line at some buffer's end.
    const cases = Array.from({ length: 100 }, (_, at) => caseResult({ crn: `X${at}`, ...(at % 3 === 0 ? {} : words) }));
    expect(roundTrip(cases)).toBe(stringified(cases));
  });

  it('start a new buffer when a line would not fit, and one of its own for a line longer than a buffer', () => {
    const long = 'x'.repeat(400_000);
    const cases = Array.from({ length: 6 }, (_, at) => caseResult({ crn: `X${at}`, name: at === 3 ? `${long}${long}${long}"` : long }));
    const sizes: number[] = [];
    const packed = packCases(cases, [[0, 6]])!;
    const encoder = new CaseLineEncoder(packed, JSON_LINES, (bytes) => sizes.push(bytes.length));
    for (let row = 0; row < 6; row++) encoder.line(row, row, 5);
    encoder.end();
    expect(sizes.length).toBeGreaterThan(2);
    expect(roundTrip(cases)).toBe(stringified(cases));
  });

  it('write groups packed in turn by one packer with one encoder: each group brings only its new words and lists', () => {
    const teams = ['Team A', 'Team B', 'Team "C"', 'Team A'];
    const overdue = Object.freeze(['overdue']) as CaseResult['flags'];
    const cases = Array.from({ length: 12 }, (_, at) =>
      caseResult({ crn: `X${at}`, team: teams[at % 4]!, flags: at < 6 ? SHARED_FLAGS : overdue, priority: at + 1 }),
    );
    const packer = new RowPacker<CaseResult>('case');
    const groups: [number, number][][] = [[[0, 2]], [[2, 3], [5, 9]], [[9, 12]]];
    const packs = groups.map((ranges) => handedOver(packer.pack(cases, ranges)!));
    // Team A, B and C are new in the first two groups; the third brings no word and one list.
    expect(packs.map((pack) => pack.words.filter((word) => word.startsWith('Team')))).toEqual([['Team A', 'Team B'], ['Team "C"'], []]);
    expect(packs.map((pack) => pack.lists.length)).toEqual([1, 1, 0]);
    const parts: Buffer[] = [];
    let encoder: CaseLineEncoder | null = null;
    groups.forEach((ranges, group) => {
      if (encoder === null) encoder = new CaseLineEncoder(packs[group]!, JSON_LINES, (bytes) => parts.push(Buffer.from(bytes)));
      else encoder.next(packs[group]!);
      let row = 0;
      for (const [from, to] of ranges) for (let index = from; index < to; index++) encoder.line(row++, index, 11);
    });
    encoder!.end();
    const written = [0, 1, 2, 5, 6, 7, 8, 9, 10, 11].map((index) => frameLine(JSON.stringify(cases[index]), index, 11, JSON_LINES)).join('');
    expect(Buffer.concat(parts).toString('utf8')).toBe(written);
  });

  it("write a worklist's tasks as JSON.stringify does, whatever they hold", () => {
    const text = fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null });
    const task = fc.record({
      officer_id: text,
      officer_name: text,
      officer_status: text,
      team: text,
      crn: fc.string({ unit: 'binary', maxLength: 12 }),
      name: text,
      risk: fc.constantFrom('low', 'medium', 'high', 'very_high', null),
      task: fc.constantFrom(...DUE_TASKS),
      due: fc.option(fc.constantFrom('2026-11-20', '2026-12-01'), { nil: null }),
      days_until: fc.option(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), { nil: null }),
      priority: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    }) as fc.Arbitrary<DueTask>;
    expect(TASK_FIELDS.map(([key]) => key)).toEqual(Object.keys(dueTaskSchema.shape));
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 6 }), (tasks) => {
        const packed = handedOver(new RowPacker<DueTask>('task').pack(tasks, [[0, tasks.length]])!);
        expect(Object.keys(tasks[0]!)).toEqual(Object.keys(dueTaskSchema.shape));
        expect(encoded(packed, tasks.length)).toBe(tasks.map((each, index) => frameLine(JSON.stringify(each), index, tasks.length - 1, JSON_LINES)).join(''));
      }),
    );
  });

  it('packs nothing more once a value could not be packed', () => {
    const packer = new RowPacker<CaseResult>('case');
    const cases = [caseResult(), caseResult({ line: 0.5 }), caseResult({ crn: 'X3' })];
    expect(packer.pack(cases, [[0, 1]])).not.toBeNull();
    expect(packer.pack(cases, [[1, 2]])).toBeNull();
    expect(packer.pack(cases, [[2, 3]])).toBeNull();
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
