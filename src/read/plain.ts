/**
 * Line ends, and the fast path for the common export: text with no quote character at all.
 * Records are then just lines and fields just delimiter-separated text, exactly as csv-parse
 * would read them, so one pass over the bytes does the work of csv-parse's state machine many
 * times faster, and a plain row (ASCII, the header's field count) is read without a string or an
 * array per row. The caller hands over to csv-parse at the first quote it sees.
 */
import { isSpace } from './plain-fields.js';

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

/**
 * A row read straight from the file's bytes, when every byte of its line is ASCII and it has
 * exactly `width` fields: the common row of a national export, read without a string or an
 * array per row. Field k holds bytes [k === 0 ? lineStart : fieldEnds[k - 1] + 1, fieldEnds[k]).
 */
export interface PlainRowReader {
  readonly width: number;
  /** Reads the row; false to have it decoded and handed on as fields instead (a footer, say). */
  read(bytes: Buffer, lineStart: number, fieldEnds: Int32Array, line: number): boolean;
}

/** Where PlainLines hands each line: its decoded fields, or its bytes for a PlainRowReader. */
export interface LineSink {
  /** The reader for plain rows (known once the header is read); null when there is none. */
  readonly plainRows: PlainRowReader | null;
  /** Numbers a plain row's line, and counts it a record: its reader has taken it. */
  plainRow(bytes: Buffer, lineStart: number, fieldEnds: Int32Array): boolean;
  /** One line's fields, split at the delimiter (nothing is quoted on this path). */
  fields(fields: string[]): void;
}

const LF = 10;
const CR = 13;

/**
 * Splits quote-free UTF-8 bytes into lines: each line goes to the sink's plain row reader when
 * it is ASCII with the reader's field count, else decoded and split into fields. One pass over
 * the bytes finds the line end, the delimiters and any byte that is not ASCII. The bytes come in
 * pieces; the unfinished last line waits for the rest of it.
 */
export class PlainLines {
  private fieldEnds = new Int32Array(64);
  private readonly delimiterByte: number;
  /** The unfinished last line, as the pieces that hold it (a piece with no line end is not scanned again). */
  private carry: Buffer[] = [];
  private carried = 0;

  constructor(
    private readonly delimiter: string,
    private readonly sink: LineSink,
  ) {
    // Only a one-byte delimiter can be found byte by byte; any other is split as text alone.
    this.delimiterByte = delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 ? delimiter.charCodeAt(0) : -1;
  }

  /**
   * Takes every complete line of the unfinished one and `piece`, and keeps (a copy of) what
   * follows the last line end: the caller may read into the same buffer again. The unfinished
   * line is joined only with the piece's first line, never with the whole piece, so reading a
   * file makes no copy of it.
   */
  write(piece: Buffer): void {
    let from = 0;
    while (this.carried > 0 && from < piece.length) {
      const cut = pastLineEnd(piece, from);
      if (cut === -1) break;
      const joined = this.takeCarry(piece.subarray(from, cut));
      const taken = this.take(joined, 0, joined.length, false);
      // Left over: a line that ends in a CR, which waits to see whether an LF follows.
      if (taken < joined.length) this.keep(joined.subarray(taken));
      from = cut;
    }
    if (from === piece.length) return;
    const taken = this.carried > 0 ? from : this.take(piece, from, piece.length, false);
    if (taken < piece.length) this.keep(piece.subarray(taken));
  }

  private keep(bytes: Buffer): void {
    this.carry.push(Buffer.from(bytes));
    this.carried += bytes.length;
    if (this.carried > MAX_LINE_CHARS) throw new LineTooLong();
  }

  /** The unfinished line (and `then` after it), taken away: for csv-parse, when a quote turns up. */
  takeCarry(then?: Buffer): Buffer {
    const bytes = Buffer.concat(then === undefined ? this.carry : [...this.carry, then]);
    this.carry = [];
    this.carried = 0;
    return bytes;
  }

  /** Nothing follows: the unfinished line is the last. */
  end(): void {
    if (this.carried === 0) return;
    const bytes = this.takeCarry();
    this.take(bytes, 0, bytes.length, true);
  }

  /**
   * Takes the lines of bytes[from, to) and returns where the unfinished last line starts (`to`
   * when there is none). `final`: nothing follows, so the last line needs no line end, and a CR
   * at the very end is not half a CRLF.
   */
  private take(bytes: Buffer, from: number, to: number, final: boolean): number {
    const { delimiterByte, sink } = this;
    let lineStart = from;
    while (lineStart < to) {
      const width = delimiterByte < 0 ? 0 : (sink.plainRows?.width ?? 0);
      if (width > this.fieldEnds.length) this.fieldEnds = new Int32Array(width);
      const fieldEnds = this.fieldEnds;
      let fields = 1;
      // Every byte but the delimiters, ORed together: one operation a byte tells ASCII (no bit
      // above 0x7f) and, nearly always, content (below).
      let seen = 0;
      let at = lineStart;
      let byte = 0;
      for (; at < to; at++) {
        byte = bytes[at]!;
        if (byte === delimiterByte) {
          if (fields <= width) fieldEnds[fields - 1] = at;
          fields++;
        } else {
          if (byte <= CR && (byte === LF || byte === CR)) break;
          seen |= byte;
        }
      }
      let next: number;
      if (at === to) {
        if (!final) return lineStart;
        next = to;
      } else if (byte === CR) {
        if (at + 1 === to && !final) return lineStart; // perhaps half a CRLF
        next = at + 1 < to && bytes[at + 1] === LF ? at + 2 : at + 1;
      } else next = at + 1;
      if (fields === width) fieldEnds[width - 1] = at;
      // A plain row: the reader's field count, ASCII (no bit above 0x7f), and not blank (a blank
      // line is left to the fields path to skip). Whitespace bytes (9, 11, 12, 32) OR to within
      // 0x2f, so a bit outside it is content; only a line of punctuation or control bytes needs a
      // second look.
      const plain = fields === width && seen <= 0x7f && ((seen & ~0x2f) !== 0 || hasContent(bytes, lineStart, at, delimiterByte));
      if (!(plain && sink.plainRow(bytes, lineStart, fieldEnds))) {
        sink.fields(bytes.toString('utf8', lineStart, at).split(this.delimiter));
      }
      lineStart = next;
    }
    return to;
  }
}

/** Whether bytes[from, to) hold a byte that is neither the delimiter nor whitespace. */
function hasContent(bytes: Buffer, from: number, to: number, delimiterByte: number): boolean {
  for (let at = from; at < to; at++) {
    const byte = bytes[at]!;
    if (byte !== delimiterByte && !isSpace(byte)) return true;
  }
  return false;
}

/** Just past the first line end at or after `from` (a CRLF whole, when its LF is there); -1 when there is none. */
export function pastLineEnd(bytes: Buffer, from: number): number {
  for (let at = from; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte === LF) return at + 1;
    if (byte === CR) return at + 1 < bytes.length && bytes[at + 1] === LF ? at + 2 : at + 1;
  }
  return -1;
}
