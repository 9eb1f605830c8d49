/**
 * Cases (and a worklist's tasks, which pack the same way by their own fields, TASK_FIELDS)
 * packed into numbers, so that another thread can write their JSON (parallel-lines.ts).
 *
 * Handing a thread 100k case objects costs more than writing them (structured cloning copies
 * every property); an Int32Array is handed over free and a few thousand distinct strings cheaply.
 * So each case becomes CASE_WIDTH numbers: an index into `texts` for the strings of its own (crn,
 * name), into `words` for the strings cases share (officer, team, risk, dates, …), into `lists`
 * for its flags (shared lists: cases.ts), or the value itself for integers and booleans.
 * case-lines.ts writes a packed case's JSON, the very bytes JSON.stringify gives for the case.
 * A value that does not fit (a non-integer, a number out of range) makes `packCases` answer
 * null, and the cases are written where they are.
 */
import type { DueTask } from '../analyse/due.js';
import type { CaseResult } from '../analyse/report.js';

/** How a field is packed: its own text, a shared word, an integer, a boolean, or a shared list. */
export type FieldKind = 'text' | 'word' | 'int' | 'bool' | 'list';

/** CaseResult's fields in its order (report.ts), each with how it is packed: Packer.add packs them in this order, and case-lines.ts reads them so. */
export const CASE_FIELDS: readonly (readonly [keyof CaseResult, FieldKind])[] = [
  ['crn', 'text'],
  ['name', 'text'],
  ['officer_id', 'word'],
  ['officer_name', 'word'],
  ['team', 'word'],
  ['pdu', 'word'],
  ['manager_id', 'word'],
  ['risk', 'word'],
  ['tier', 'word'],
  ['sentence_type', 'word'],
  ['status', 'word'],
  ['start_date', 'word'],
  ['end_date', 'word'],
  ['last_contact', 'word'],
  ['days_since_contact', 'int'],
  ['days_since_start', 'int'],
  ['standard_days', 'int'],
  ['overdue', 'bool'],
  ['days_overdue', 'int'],
  ['lost', 'bool'],
  ['flags', 'list'],
  ['da_flag', 'bool'],
  ['safeguarding_flag', 'bool'],
  ['priority', 'int'],
  ['line', 'int'],
  ['reset', 'bool'],
  ['reset_date', 'word'],
  ['next_contact_due', 'word'],
  ['assessment_due', 'word'],
  ['ends_in_days', 'int'],
];

/** Numbers a case takes: one a field of CaseResult. */
export const CASE_WIDTH = CASE_FIELDS.length;

/** A due task's fields (due.ts) in its order, each with how it is packed, as Packer.addTask packs them. */
export const TASK_FIELDS: readonly (readonly [keyof DueTask, FieldKind])[] = [
  ['officer_id', 'word'],
  ['officer_name', 'word'],
  ['officer_status', 'word'],
  ['team', 'word'],
  ['crn', 'text'],
  ['name', 'text'],
  ['risk', 'word'],
  ['task', 'word'],
  ['due', 'word'],
  ['days_until', 'int'],
  ['priority', 'int'],
];

/** The kinds of row packed: a case of a report, or a task of a worklist. */
export type RowKind = 'case' | 'task';

/** Each kind of row's fields, by the name a worker is told. */
export const ROW_FIELDS: Record<RowKind, readonly (readonly [string, FieldKind])[]> = { case: CASE_FIELDS, task: TASK_FIELDS };
/** A text or word field's null. */
export const NO_TEXT = -1;
/** An integer field's null (an int32 no case field can hold: packing refuses it as a value). */
export const NULL_INT = -0x80000000;

/**
 * Rows packed: `count` rows of as many cells as their kind has fields (CASE_FIELDS or
 * TASK_FIELDS), and the texts they point at. Words and lists are numbered across the packs of
 * one RowPacker: `words` and `lists` are the ones first used in this pack, numbered on from the
 * previous pack's.
 */
export interface PackedCases {
  /** What the rows are (CASE_FIELDS or TASK_FIELDS): each takes as many cells as its kind has fields. */
  readonly kind: RowKind;
  readonly count: number;
  readonly cells: Int32Array;
  readonly texts: string[];
  readonly words: string[];
  readonly lists: string[][];
}

class Unfit extends Error {}

class Packer {
  cells: Int32Array = new Int32Array(0);
  texts: string[] = [];
  /** Every word and list packed so far, and how many of them earlier packs carried. */
  readonly words: string[] = [];
  readonly lists: string[][] = [];
  wordsSent = 0;
  listsSent = 0;
  private readonly wordAt = new Map<string, number>();
  private readonly listAt = new Map<readonly string[], number>();

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

  /** Every field in CASE_FIELDS' order (a test checks the lines against JSON.stringify of the case). */
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

  /** Every field in TASK_FIELDS' order. */
  addTask(task: DueTask, row: number): void {
    const { cells } = this;
    let at = row * TASK_FIELDS.length;
    cells[at++] = this.word(task.officer_id);
    cells[at++] = this.word(task.officer_name);
    cells[at++] = this.word(task.officer_status);
    cells[at++] = this.word(task.team);
    cells[at++] = this.text(task.crn);
    cells[at++] = this.text(task.name);
    cells[at++] = this.word(task.risk);
    cells[at++] = this.word(task.task);
    cells[at++] = this.word(task.due);
    cells[at++] = this.int(task.days_until);
    cells[at++] = this.int(task.priority);
  }
}

/**
 * Packs rows (cases, or due tasks) a group at a time, numbering words and lists across the
 * groups, so that another thread can start on the first group while later ones are packed
 * (parallel-lines.ts).
 */
export class RowPacker<T extends CaseResult | DueTask> {
  private readonly packer = new Packer();
  /** A value did not pack: this packer packs nothing more. */
  private failed = false;

  constructor(readonly kind: T extends DueTask ? 'task' : 'case') {}

  /** The rows of the ranges ([from, to) each), packed in turn; null when one holds a value packing cannot carry exactly. */
  pack(rows: readonly T[], ranges: readonly (readonly [number, number])[]): PackedCases | null {
    if (this.failed) return null;
    const { packer, kind } = this;
    const count = ranges.reduce((sum, [from, to]) => sum + to - from, 0);
    packer.cells = new Int32Array(count * ROW_FIELDS[kind].length);
    packer.texts = [];
    let row = 0;
    try {
      for (const [from, to] of ranges) {
        if (kind === 'case') for (let at = from; at < to; at++) packer.add(rows[at] as CaseResult, row++);
        else for (let at = from; at < to; at++) packer.addTask(rows[at] as DueTask, row++);
      }
    } catch (error) {
      if (!(error instanceof Unfit)) throw error;
      this.failed = true;
      return null;
    }
    const words = packer.words.slice(packer.wordsSent);
    const lists = packer.lists.slice(packer.listsSent);
    packer.wordsSent = packer.words.length;
    packer.listsSent = packer.lists.length;
    return { kind, count, cells: packer.cells, texts: packer.texts, words, lists };
  }
}

/** The cases of the ranges ([from, to) each), packed in turn by a packer of their own; null when one holds a value packing cannot carry exactly. */
export function packCases(cases: readonly CaseResult[], ranges: readonly (readonly [number, number])[]): PackedCases | null {
  return new RowPacker<CaseResult>('case').pack(cases, ranges);
}
