/**
 * Reading the fields of a plain row (plain.ts: ASCII, the header's field count) from the file's
 * bytes: trimming as String.prototype.trim does, ISO dates from their digits, and memos keyed by
 * bytes, so a value a national export repeats a million times is turned into a string or parsed
 * once. PlainCells reads a row as Cells (table.ts) reads one from strings, issues and all.
 */
import { ByteKeys, type KeyFinder } from './byte-keys.js';
import type { ColumnName, FileKind } from './columns.js';
import type { IssueLog, RowCells } from './table.js';
import { byteDigitsAt, dayFromParts, INVALID, parseDate, parseIsoDay, type DateOrder, type Day, type Parsed } from './values.js';

/** Distinct texts worth remembering per memo (an export has a few hundred dates, a few words). */
const MEMO_LIMIT = 50_000;
const DASH = 45;

/** The issue messages of a cell that cannot be read, the same whichever way the row was read. */
export const cellMessage = {
  date: (text: string): string => `invalid date "${text}"`,
  value: (what: string, text: string): string => `${what} "${text}"`,
};

/** ASCII whitespace as String.prototype.trim sees it (line ends cannot occur inside a line). */
export const isSpace = (byte: number): boolean => byte === 32 || byte === 9 || byte === 11 || byte === 12;

/** A memo of distinct texts, keyed by their bytes. */
export class TextMemo<V> {
  private readonly keys = new ByteKeys();
  private readonly values: V[] = [];

  constructor(private readonly compute: (text: string) => V) {}

  get(bytes: Buffer, start: number, end: number): V {
    const known = this.keys.find(bytes, start, end);
    if (known >= 0) return this.values[known]!;
    const text = bytes.toString('latin1', start, end);
    const value = this.compute(text);
    if (this.values.length < MEMO_LIMIT) {
      this.keys.add(text, this.values.length);
      this.values.push(value);
    }
    return value;
  }
}

/** YYYY-MM-DD at bytes[start], as parseIsoDay reads it: the day, INVALID, or undefined for another form. */
export function isoDay(bytes: Buffer, start: number): Day | typeof INVALID | undefined {
  if (bytes[start + 4] !== DASH || bytes[start + 7] !== DASH) return undefined;
  const year = byteDigitsAt(bytes, start, 4);
  const month = byteDigitsAt(bytes, start + 5, 2);
  const day = byteDigitsAt(bytes, start + 8, 2);
  return year < 0 || month < 0 || day < 0 ? undefined : dayFromParts(year, month, day);
}

/** Reads the cells of a plain row from its bytes, as Cells reads them from strings (see RowCells). */
export class PlainCells<K extends FileKind> implements RowCells<K> {
  line = 0;
  invalid = false;
  private bytes: Buffer = Buffer.alloc(0);
  private lineStart = 0;
  private fieldEnds: Int32Array = new Int32Array(0);
  // The trimmed bounds of the cell `bounds` last found.
  private start = 0;
  private end = 0;
  private readonly dates: TextMemo<Parsed<Day>>;
  private readonly shared = new TextMemo((text) => text);
  private readonly parsers = new Map<(text: string) => unknown, TextMemo<unknown>>();

  constructor(
    private readonly index: Partial<Record<ColumnName<K>, number>>,
    private readonly log: IssueLog,
    dateOrder: DateOrder,
  ) {
    this.dates = new TextMemo((text) => parseIsoDay(text) ?? parseDate(text, dateOrder));
  }

  next(bytes: Buffer, lineStart: number, fieldEnds: Int32Array, line: number): void {
    this.bytes = bytes;
    this.lineStart = lineStart;
    this.fieldEnds = fieldEnds;
    this.line = line;
    this.invalid = false;
  }

  has(column: ColumnName<K>): boolean {
    return this.index[column] !== undefined;
  }

  text(column: ColumnName<K>): string {
    this.bounds(column);
    return this.bytes.toString('latin1', this.start, this.end);
  }

  optionalText(column: ColumnName<K>): string | null {
    this.bounds(column);
    return this.start === this.end ? null : this.bytes.toString('latin1', this.start, this.end);
  }

  sharedText(column: ColumnName<K>): string | null {
    this.bounds(column);
    return this.start === this.end ? null : this.shared.get(this.bytes, this.start, this.end);
  }

  date(column: ColumnName<K>): Day | null {
    const day = this.dayOf(column);
    if (day === INVALID) return this.reject(column, cellMessage.date(this.bytes.toString('latin1', this.start, this.end)));
    return day;
  }

  /** `date` without the issue: INVALID for a date that cannot be read, for a caller that hands such a row on. */
  dayOf(column: ColumnName<K>): Parsed<Day> {
    this.bounds(column);
    const { bytes, start, end } = this;
    if (start === end) return null;
    const iso = end - start === 10 ? isoDay(bytes, start) : undefined;
    return iso === undefined ? this.dates.get(bytes, start, end) : iso;
  }

  /** The number `keys` holds for the cell's bytes; -1 when it holds none (or the cell is empty). */
  find(column: ColumnName<K>, keys: KeyFinder): number {
    this.bounds(column);
    return this.start === this.end ? -1 : keys.find(this.bytes, this.start, this.end);
  }

  parse<T>(column: ColumnName<K>, parser: (text: string) => Parsed<T> | T, what = 'unknown value'): T | null {
    this.bounds(column);
    let memo = this.parsers.get(parser);
    if (memo === undefined) this.parsers.set(parser, (memo = new TextMemo(parser)));
    const value = memo.get(this.bytes, this.start, this.end) as Parsed<T> | T;
    if (value === INVALID) return this.reject(column, cellMessage.value(what, this.bytes.toString('latin1', this.start, this.end)));
    return value as T | null;
  }

  /** Sets start and end to the column's cell, trimmed; an empty range when the column is absent. */
  private bounds(column: ColumnName<K>): void {
    const at = this.index[column];
    if (at === undefined) {
      this.start = this.end = 0;
      return;
    }
    const { bytes, fieldEnds } = this;
    let start = at === 0 ? this.lineStart : fieldEnds[at - 1]! + 1;
    let end = fieldEnds[at]!;
    while (start < end && isSpace(bytes[start]!)) start++;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    this.start = start;
    this.end = end;
  }

  private reject(column: string, message: string): null {
    this.invalid = true;
    this.log.add(this.line, column, 'invalid_value', `${column}: ${message}`);
    return null;
  }
}

/** Whether field 0 of a plain row looks like a footer as isFooterRow (table.ts) has it: /^\s*(totals?|counts?)\b/i. */
export function looksLikeFooter(bytes: Buffer, lineStart: number, fieldEnd: number): boolean {
  let at = lineStart;
  while (at < fieldEnd && isSpace(bytes[at]!)) at++;
  if (fieldEnd - at < 5) return false;
  const word = bytes.toString('latin1', at, at + 5).toLowerCase();
  if (word !== 'total' && word !== 'count') return false;
  at += 5;
  if (at < fieldEnd && (bytes[at]! | 0x20) === 0x73) at++; // an s
  return at === fieldEnd || !isWordByte(bytes[at]!);
}

/** A regular expression's \w: ASCII letters, digits and underscore. */
function isWordByte(byte: number): boolean {
  const lower = byte | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f;
}
