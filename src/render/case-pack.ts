/**
 * Cases packed into numbers, so that another thread can write their JSON (parallel-lines.ts).
 *
 * Handing a thread 100k case objects costs more than writing them (structured cloning copies
 * every property); an Int32Array is handed over free and a few thousand distinct strings cheaply.
 * So each case becomes CASE_WIDTH numbers: an index into `texts` for the strings of its own (crn,
 * name), into `words` for the strings cases share (officer, team, risk, dates, …), into `lists`
 * for its flags (shared lists: cases.ts), or the value itself for integers and booleans.
 * `caseAt` builds the very object back, its keys in the same order, so JSON.stringify writes the
 * same bytes on either thread. A value that does not fit (a non-integer, a number out of range)
 * makes `packCases` answer null, and the cases are written where they are.
 */
import type { CaseResult } from '../analyse/report.js';

/** Numbers a case takes: one a field of CaseResult. */
export const CASE_WIDTH = 30;
const NO_TEXT = -1;
/** An integer field's null (an int32 no case field can hold: packing refuses it as a value). */
const NULL_INT = -0x80000000;

export interface PackedCases {
  readonly count: number;
  readonly cells: Int32Array;
  readonly texts: string[];
  readonly words: string[];
  readonly lists: string[][];
}

class Unfit extends Error {}

class Packer {
  readonly cells: Int32Array;
  readonly texts: string[] = [];
  readonly words: string[] = [];
  readonly lists: string[][] = [];
  private readonly wordAt = new Map<string, number>();
  private readonly listAt = new Map<readonly string[], number>();

  constructor(count: number) {
    this.cells = new Int32Array(count * CASE_WIDTH);
  }

  text(value: string | null): number {
    if (value === null) return NO_TEXT;
    return this.texts.push(value) - 1;
  }

  word(value: string | null): number {
    if (value === null) return NO_TEXT;
    let at = this.wordAt.get(value);
    if (at === undefined) {
      at = this.words.push(value) - 1;
      this.wordAt.set(value, at);
    }
    return at;
  }

  int(value: number | null): number {
    if (value === null) return NULL_INT;
    if ((value | 0) !== value || value === NULL_INT) throw new Unfit();
    return value;
  }

  bool(value: boolean): number {
    if (typeof value !== 'boolean') throw new Unfit();
    return value ? 1 : 0;
  }

  /** Shared flag lists (cases.ts) are sent once each. */
  list(value: readonly string[]): number {
    let at = this.listAt.get(value);
    if (at === undefined) {
      at = this.lists.push(value as string[]) - 1;
      this.listAt.set(value, at);
    }
    return at;
  }

  /** Every field in CaseResult's order (report.ts): caseAt reads them back in the same order. */
  add(result: CaseResult, row: number): void {
    const { cells } = this;
    let at = row * CASE_WIDTH;
    cells[at++] = this.text(result.crn);
    cells[at++] = this.text(result.name);
    cells[at++] = this.word(result.officer_id);
    cells[at++] = this.word(result.officer_name);
    cells[at++] = this.word(result.team);
    cells[at++] = this.word(result.pdu);
    cells[at++] = this.word(result.manager_id);
    cells[at++] = this.word(result.risk);
    cells[at++] = this.word(result.tier);
    cells[at++] = this.word(result.sentence_type);
    cells[at++] = this.word(result.status);
    cells[at++] = this.word(result.start_date);
    cells[at++] = this.word(result.end_date);
    cells[at++] = this.word(result.last_contact);
    cells[at++] = this.int(result.days_since_contact);
    cells[at++] = this.int(result.days_since_start);
    cells[at++] = this.int(result.standard_days);
    cells[at++] = this.bool(result.overdue);
    cells[at++] = this.int(result.days_overdue);
    cells[at++] = this.bool(result.lost);
    cells[at++] = this.list(result.flags);
    cells[at++] = this.bool(result.da_flag);
    cells[at++] = this.bool(result.safeguarding_flag);
    cells[at++] = this.int(result.priority);
    cells[at++] = this.int(result.line);
    cells[at++] = this.bool(result.reset);
    cells[at++] = this.word(result.reset_date);
    cells[at++] = this.word(result.next_contact_due);
    cells[at++] = this.word(result.assessment_due);
    cells[at++] = this.int(result.ends_in_days);
  }
}

/** The cases of the ranges ([from, to) each), packed in turn; null when one holds a value packing cannot carry exactly. */
export function packCases(cases: readonly CaseResult[], ranges: readonly (readonly [number, number])[]): PackedCases | null {
  const count = ranges.reduce((sum, [from, to]) => sum + to - from, 0);
  const packer = new Packer(count);
  let row = 0;
  try {
    for (const [from, to] of ranges) for (let at = from; at < to; at++) packer.add(cases[at]!, row++);
  } catch (error) {
    if (error instanceof Unfit) return null;
    throw error;
  }
  const { cells, texts, words, lists } = packer;
  return { count, cells, texts, words, lists };
}

/** The values of a pack back from their numbers (made once, not for each case a worker builds). */
const valueAt = (list: readonly string[], at: number): string | null => (at === NO_TEXT ? null : list[at]!);
const int = (value: number): number | null => (value === NULL_INT ? null : value);

/** Case `row` of a pack, as the object it was made from (same keys, same order, same values). */
export function caseAt(packed: PackedCases, row: number): CaseResult {
  const { cells, texts, words, lists } = packed;
  let at = row * CASE_WIDTH;
  return {
    crn: valueAt(texts, cells[at++]!)!,
    name: valueAt(texts, cells[at++]!),
    officer_id: valueAt(words, cells[at++]!),
    officer_name: valueAt(words, cells[at++]!),
    team: valueAt(words, cells[at++]!),
    pdu: valueAt(words, cells[at++]!),
    manager_id: valueAt(words, cells[at++]!),
    risk: valueAt(words, cells[at++]!) as CaseResult['risk'],
    tier: valueAt(words, cells[at++]!),
    sentence_type: valueAt(words, cells[at++]!),
    status: valueAt(words, cells[at++]!) as CaseResult['status'],
    start_date: valueAt(words, cells[at++]!),
    end_date: valueAt(words, cells[at++]!),
    last_contact: valueAt(words, cells[at++]!),
    days_since_contact: int(cells[at++]!),
    days_since_start: int(cells[at++]!),
    standard_days: int(cells[at++]!)!,
    overdue: cells[at++] === 1,
    days_overdue: int(cells[at++]!)!,
    lost: cells[at++] === 1,
    flags: lists[cells[at++]!]! as CaseResult['flags'],
    da_flag: cells[at++] === 1,
    safeguarding_flag: cells[at++] === 1,
    priority: int(cells[at++]!)!,
    line: int(cells[at++]!)!,
    reset: cells[at++] === 1,
    reset_date: valueAt(words, cells[at++]!),
    next_contact_due: valueAt(words, cells[at++]!),
    assessment_due: valueAt(words, cells[at++]!),
    ends_in_days: int(cells[at]!),
  };
}
