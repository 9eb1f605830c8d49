/**
 * contacts.csv's quote-free lines read straight from the file's bytes: the bulk of a national
 * export (millions of rows, four fields read of each) folds into the cases without a string or
 * an array per row. Only a row of the plainest form takes this path: ASCII, exactly the header's
 * field count, a known crn, a readable date on or before the as-of date. Every other line is
 * decoded and handed to the row handler of contacts.ts as the one-stream reader would hand it,
 * so its issues (and its line number) are exactly the same.
 */
import { ByteKeys } from './byte-keys.js';
import { isBlank } from './csv.js';
import type { HeaderMap } from './columns.js';
import type { ContactFold, ContactSettings } from './contacts.js';
import { dayFromParts, INVALID, normaliseWord, parseDate, parseIsoDay, parseOutcome, type Day, type Parsed } from './values.js';
import { contactRules, countsAsContact, isRecentFailure, type ContactRules } from '../analyse/contacts.js';

const LF = 10;
const CR = 13;
const DASH = 45;
const ZERO = 48;

/** Distinct texts worth remembering per column (an export has a few hundred dates, a few words). */
const MEMO_LIMIT = 50_000;

/** The crns of the cases (in their order) as byte keys: built once per thread. */
export function crnKeys(caseIndex: ReadonlyMap<string, number>): ByteKeys {
  const keys = new ByteKeys(caseIndex.size);
  for (const [crn, at] of caseIndex) keys.add(crn, at);
  return keys;
}

/** ASCII whitespace as String.prototype.trim sees it (line ends cannot occur inside a line). */
const isSpace = (byte: number): boolean => byte === 32 || byte === 9 || byte === 11 || byte === 12;

/** A memo of one column's distinct texts, keyed by their bytes. */
class TextMemo<V> {
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

export class ContactLines {
  /** Physical lines taken so far. */
  lines = 0;
  /** Records among them (blank lines are not records). */
  records = 0;
  private readonly fieldEnds: Int32Array;
  private readonly width: number;
  private readonly delimiterByte: number;
  private readonly crnAt: number;
  private readonly dateAt: number;
  /** -1 when the file has no such column. */
  private readonly outcomeAt: number;
  private readonly typeAt: number;
  private readonly asOf: Day;
  private readonly rules: ContactRules;
  private readonly dates: TextMemo<Parsed<Day>>;
  private readonly outcomes = new TextMemo(parseOutcome);
  private readonly types = new TextMemo(normaliseWord);
  private readonly noOutcome = parseOutcome('');
  private readonly noType = normaliseWord('');

  constructor(
    header: HeaderMap<'contacts'>,
    width: number,
    private readonly delimiter: string,
    settings: ContactSettings,
    private readonly fold: ContactFold,
    private readonly crns: ByteKeys,
    /** Where every line the fast path does not take goes: contacts.ts's checked row handler. */
    private readonly onRecord: (fields: string[], line: number) => void,
  ) {
    this.width = width;
    this.fieldEnds = new Int32Array(width);
    this.delimiterByte = delimiter.charCodeAt(0);
    const { crn, date, outcome, type } = header.index;
    this.crnAt = crn!;
    this.dateAt = date!;
    this.outcomeAt = outcome ?? -1;
    this.typeAt = type ?? -1;
    this.asOf = settings.asOf;
    this.rules = contactRules(settings.asOf, settings.counting, { outcome: outcome !== undefined, type: type !== undefined });
    this.dates = new TextMemo((text) => parseIsoDay(text) ?? parseDate(text, settings.dateOrder));
  }

  /** Only a single ASCII delimiter can be found byte by byte. */
  static canRead(delimiter: string): boolean {
    return delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && delimiter !== '\r' && delimiter !== '\n';
  }

  /**
   * Takes the lines of bytes[from, to) and returns where the unfinished last line starts (to
   * when there is none). `final`: nothing follows, so the last line needs no line end, and a CR
   * at the very end is not half a CRLF.
   */
  take(bytes: Buffer, from: number, to: number, final: boolean): number {
    const { delimiterByte, width, fieldEnds } = this;
    let lineStart = from;
    while (lineStart < to) {
      let fields = 1;
      let ascii = true;
      let at = lineStart;
      let byte = 0;
      for (; at < to; at++) {
        byte = bytes[at]!;
        if (byte === LF || byte === CR) break;
        if (byte === delimiterByte) {
          if (fields <= width) fieldEnds[fields - 1] = at;
          fields++;
        } else if (byte > 0x7f) ascii = false;
      }
      let next: number;
      if (at === to) {
        if (!final) return lineStart;
        next = to;
      } else if (byte === CR) {
        if (at + 1 === to && !final) return lineStart; // perhaps half a CRLF
        next = at + 1 < to && bytes[at + 1] === LF ? at + 2 : at + 1;
      } else next = at + 1;
      const line = ++this.lines;
      if (fields === width) fieldEnds[width - 1] = at;
      if (!(fields === width && ascii && this.fast(bytes, lineStart))) this.slow(bytes, lineStart, at, line);
      lineStart = next;
    }
    return to;
  }

  /** Folds a plain row in; false when it needs the row handler (an issue, or an unusual form). */
  private fast(bytes: Buffer, lineStart: number): boolean {
    const { fieldEnds, crnAt, dateAt } = this;
    let start = crnAt === 0 ? lineStart : fieldEnds[crnAt - 1]! + 1;
    let end = fieldEnds[crnAt]!;
    while (start < end && isSpace(bytes[start]!)) start++;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    if (start === end) return false;
    const position = this.crns.find(bytes, start, end);
    if (position < 0) return false;

    start = dateAt === 0 ? lineStart : fieldEnds[dateAt - 1]! + 1;
    end = fieldEnds[dateAt]!;
    while (start < end && isSpace(bytes[start]!)) start++;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    const date = end - start === 10 ? isoDay(bytes, start) : undefined;
    const day = date === undefined ? this.dates.get(bytes, start, end) : date;
    if (day === null || day === INVALID || day > this.asOf) return false;

    const outcome = this.word(this.outcomes, this.outcomeAt, this.noOutcome, bytes, lineStart);
    const type = this.word(this.types, this.typeAt, this.noType, bytes, lineStart);
    this.fold.add(position, day, countsAsContact(outcome, type, this.rules), isRecentFailure(outcome, day, this.rules));
    this.records++;
    return true;
  }

  /** The normalised word in field `field` (`absent` when the file has no such column). */
  private word(memo: TextMemo<string>, field: number, absent: string, bytes: Buffer, lineStart: number): string {
    if (field < 0) return absent;
    let start = field === 0 ? lineStart : this.fieldEnds[field - 1]! + 1;
    let end = this.fieldEnds[field]!;
    while (start < end && isSpace(bytes[start]!)) start++;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    return memo.get(bytes, start, end);
  }

  /** A line as the one-stream reader sees it: decoded, split, blank lines skipped. */
  private slow(bytes: Buffer, start: number, end: number, line: number): void {
    const fields = bytes.toString('utf8', start, end).split(this.delimiter);
    if (isBlank(fields)) return;
    this.records++;
    this.onRecord(fields, line);
  }
}

/** The number the `count` ASCII digits at bytes[start] write; -1 when one is not a digit. */
function digitsAt(bytes: Buffer, start: number, count: number): number {
  let value = 0;
  for (let at = start; at < start + count; at++) {
    const digit = bytes[at]! - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** YYYY-MM-DD at bytes[start], as parseIsoDay reads it: the day, INVALID, or undefined for another form. */
function isoDay(bytes: Buffer, start: number): Day | typeof INVALID | undefined {
  if (bytes[start + 4] !== DASH || bytes[start + 7] !== DASH) return undefined;
  const year = digitsAt(bytes, start, 4);
  const month = digitsAt(bytes, start + 5, 2);
  const day = digitsAt(bytes, start + 8, 2);
  return year < 0 || month < 0 || day < 0 ? undefined : dayFromParts(year, month, day);
}
