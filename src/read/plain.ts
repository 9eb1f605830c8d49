/**
 * Line ends, and the fast path for the common export: text with no quote character at all.
 * Records are then just lines and fields just delimiter-separated text, exactly as csv-parse
 * would read them, so indexOf and slice do the work of csv-parse's byte-at-a-time state
 * machine several times faster. The caller hands over to csv-parse at the first quote it sees.
 */

/**
 * The one definition of a line end (SPEC 1.2): CRLF, LF or CR, in any mixture, a CRLF counting
 * once. Longest first: csv-parse's `record_delimiter` tries them in this order.
 */
export const LINE_ENDS: readonly string[] = ['\r\n', '\n', '\r'];

/** A line (or a quoted record) longer than this is not an export: an input error, not a hang. */
export const MAX_LINE_CHARS = 16 * 2 ** 20;

/** Thrown when a line passes MAX_LINE_CHARS; the reader names the line. */
export class LineTooLong extends Error {
  constructor() {
    super('line too long');
  }
}

/** Line breaks inside a record's fields (csv-parse keeps them in quoted fields). */
export function lineBreaksWithin(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let at = 0; at < field.length; at++) {
      const code = field.charCodeAt(at);
      if (code === 10) breaks++;
      else if (code === 13) {
        breaks++;
        if (field.charCodeAt(at + 1) === 10) at++;
      }
    }
  }
  return breaks;
}

/** Where the first line of `text` ends (its length when no line end is in it). */
export function firstLineEnd(text: string): number {
  const newline = text.search(/[\r\n]/);
  return newline === -1 ? text.length : newline;
}

/** Length of the line end at `at` (2 for CRLF, 1 for LF or CR, 0 for none). */
export function lineEndLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === 10) return 1;
  if (code !== 13) return 0;
  return text.charCodeAt(at + 1) === 10 ? 2 : 1;
}

export type RecordSink = (fields: string[], extraLines: number) => void;

export class PlainSplitter {
  /** The unfinished last line, kept as the chunks that hold it so a long line costs no copies. */
  private carry: string[] = [];
  private carried = 0;

  constructor(
    private readonly delimiter: string,
    private readonly emit: RecordSink,
  ) {}

  /** Emits every complete line of carry + text and keeps the unfinished last one. */
  write(text: string): void {
    if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
      this.hold(text);
      return;
    }
    this.hold(this.split(this.carried === 0 ? text : this.takeCarry() + text, false));
  }

  /** The unfinished line, handed to csv-parse when a quote turns up. */
  takeCarry(): string {
    const rest = this.carry.length === 1 ? this.carry[0]! : this.carry.join('');
    this.carry = [];
    this.carried = 0;
    return rest;
  }

  end(): void {
    const rest = this.takeCarry();
    if (rest !== '') this.split(rest, true);
  }

  private hold(rest: string): void {
    if (rest === '') return;
    this.carry.push(rest);
    this.carried += rest.length;
    if (this.carried > MAX_LINE_CHARS) throw new LineTooLong();
  }

  /**
   * Emits the lines of `text` and returns what is left after the last line end: the start of a
   * line, or a line whose CR may be half a CRLF cut by the chunk. `final`: nothing follows.
   * Each search starts where the last one left off, so a line costs its own length.
   */
  private split(text: string, final: boolean): string {
    const { delimiter, emit } = this;
    const length = text.length;
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    let nextDelimiter = text.indexOf(delimiter);
    let lineStart = 0;
    for (;;) {
      if (nextLf !== -1 && nextLf < lineStart) nextLf = text.indexOf('\n', lineStart);
      if (nextCr !== -1 && nextCr < lineStart) nextCr = text.indexOf('\r', lineStart);
      let lineEnd: number;
      let endLength = 1;
      if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
        if (nextCr === length - 1 && !final) return text.slice(lineStart);
        lineEnd = nextCr;
        if (nextLf === nextCr + 1) endLength = 2;
      } else if (nextLf !== -1) lineEnd = nextLf;
      else {
        if (!final) return text.slice(lineStart);
        if (lineStart === length) return '';
        lineEnd = length;
      }
      const fields: string[] = [];
      let fieldStart = lineStart;
      for (;;) {
        if (nextDelimiter !== -1 && nextDelimiter < fieldStart) nextDelimiter = text.indexOf(delimiter, fieldStart);
        if (nextDelimiter === -1 || nextDelimiter >= lineEnd) break;
        fields.push(text.slice(fieldStart, nextDelimiter));
        fieldStart = nextDelimiter + delimiter.length;
      }
      fields.push(text.slice(fieldStart, lineEnd));
      emit(fields, 0);
      lineStart = lineEnd + endLength;
      if (lineStart >= length) return '';
    }
  }
}
