/**
 * The JSON lines of packed cases (case-pack.ts), encoded straight into bytes: the very bytes
 * JSON.stringify and a UTF-8 write would give, without building an object, a string per case
 * and then its UTF-8. Each shared value (an officer, a team, a date, a list of flags) is turned
 * into JSON once and copied after; the keys are constant bytes; integers are written digit by
 * digit. The lines worker writes its share of a long report so (parallel-lines.ts), faster than
 * JSON.stringify; the thread that renders writes its own share with JSON.stringify, from the
 * case objects it has, and a property test holds the two to the same bytes.
 */
import { NO_TEXT, NULL_INT, ROW_FIELDS, type FieldKind, type PackedCases } from './case-pack.js';
import { lineEnd, type LineFrame } from './lines.js';

/** Bytes a buffer holds before it is handed on. */
const BUFFER_BYTES = 1 << 20;
/** Room for the keys, numbers and flags of a line; its texts and words are counted apiece. */
const LINE_ROOM = 4096;
/** A UTF-16 code unit takes at most 6 bytes in JSON (\u001f; UTF-8 at most 3). */
const BYTES_PER_CHAR = 6;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));
const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** Each field's key as it opens: `{"crn":`, `,"name":`, …; the same with a constant value after it. */
function keyPieces(fields: readonly (readonly [string, FieldKind])[], after: string): Uint8Array[] {
  return fields.map(([key], at) => ascii(`${at === 0 ? '{' : ','}${JSON.stringify(key)}:${after}`));
}
const NULL_BYTES = ascii('null');

// Where each kind of piece starts among an encoder's pieces (see CaseLineEncoder.pieces), for
// rows of `width` fields.
const KEY = 0;
const keyNull = (width: number): number => width;
const keyTrue = (width: number): number => 2 * width;
const keyFalse = (width: number): number => 3 * width;
const nullPiece = (width: number): number => 4 * width;
const indentPiece = (width: number): number => 4 * width + 1;

/**
 * Byte strings end to end in one array, each copied by its number: one loop over one array.
 * Most pieces of a line are a few bytes; read from an array of their own, each paid for that
 * array (a national report's worker share took 570-650 ms to encode so, 430-440 ms this way).
 * Pieces are added as the packs bring new words and lists.
 */
class Pieces {
  bytes = new Uint8Array(1 << 16);
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  count = 0;
  private used = 0;

  /** Adds a piece; its number. */
  add(piece: Uint8Array): number {
    if (this.used + piece.length > this.bytes.length) this.bytes = grown(this.bytes, this.used + piece.length);
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.ends = grown(this.ends, this.count + 1);
    }
    this.bytes.set(piece, this.used);
    this.starts[this.count] = this.used;
    this.used += piece.length;
    this.ends[this.count] = this.used;
    return this.count++;
  }
}

/** A copy of `array` with room for at least `least` elements (twice its length, or more). */
function grown<T extends Uint8Array | Int32Array>(array: T, least: number): T {
  const larger = new (array.constructor as new (length: number) => T)(Math.max(least, array.length * 2));
  larger.set(array);
  return larger;
}

/** Writes packed rows (cases, or due tasks) as JSON lines into buffers, handing each full buffer to `flush`. */
export class CaseLineEncoder {
  // Buffers of their own (never slices of a shared pool): a worker hands them over whole.
  private buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  private used = 0;
  /**
   * Every constant piece of a line: each field's key, alone and with null, true and false after
   * it (a row's width apiece, from KEY, keyNull, keyTrue and keyFalse), then null, the indent,
   * then each word's JSON and each flag list's as the packs bring them (wordPiece, listPiece).
   */
  private readonly pieces = new Pieces();
  private readonly wordPiece: number[] = [];
  private readonly listPiece: number[] = [];
  private longestWord = 0;
  /** Room for a line but its own texts: the words at their longest (an export's names have no limit). */
  private room = 0;
  private packed!: PackedCases;
  private readonly width: number;
  private readonly kinds: readonly FieldKind[];
  /** The fields of a row's own texts (a case's crn and name), counted row by row. */
  private readonly textFields: readonly number[];
  private readonly wordFields: number;

  constructor(
    packed: PackedCases,
    private readonly frame: LineFrame,
    private readonly flush: (bytes: Buffer) => void,
  ) {
    const fields = ROW_FIELDS[packed.kind];
    this.width = fields.length;
    this.kinds = fields.map(([, kind]) => kind);
    this.textFields = this.kinds.flatMap((kind, field) => (kind === 'text' ? [field] : []));
    this.wordFields = this.kinds.filter((kind) => kind === 'word').length;
    const pieces = [...keyPieces(fields, ''), ...keyPieces(fields, 'null'), ...keyPieces(fields, 'true'), ...keyPieces(fields, 'false'), NULL_BYTES, ascii(frame.indent)];
    for (const piece of pieces) this.pieces.add(piece);
    this.next(packed);
  }

  /** Takes the next pack of the same packer (case-pack.ts RowPacker): its rows are numbered from 0. */
  next(packed: PackedCases): void {
    const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value));
    for (const word of packed.words) {
      this.wordPiece.push(this.pieces.add(json(word)));
      if (word.length > this.longestWord) this.longestWord = word.length;
    }
    for (const list of packed.lists) this.listPiece.push(this.pieces.add(json(list)));
    this.room = LINE_ROOM + this.frame.indent.length + this.wordFields * (this.longestWord * BYTES_PER_CHAR + 2);
    this.packed = packed;
  }

  /** Packed row `row` as element `index` of an array whose last element is `last`. */
  line(row: number, index: number, last: number): void {
    const { cells, texts } = this.packed;
    const { width, kinds, textFields } = this;
    const base = row * width;
    let textLength = 0;
    for (const field of textFields) {
      const text = cells[base + field]!;
      if (text !== NO_TEXT) textLength += texts[text]!.length;
    }
    const room = this.room + textLength * BYTES_PER_CHAR;
    if (this.used + room > this.buffer.length) {
      this.end();
      if (room > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(room);
    }
    this.copy(indentPiece(width));
    for (let field = 0; field < width; field++) {
      const value = cells[base + field]!;
      switch (kinds[field]) {
        case 'text':
          this.copy(KEY + field);
          if (value === NO_TEXT) this.copy(nullPiece(width));
          else this.text(texts[value]!);
          break;
        case 'word':
          if (value === NO_TEXT) this.copy(keyNull(width) + field);
          else {
            this.copy(KEY + field);
            this.copy(this.wordPiece[value]!);
          }
          break;
        case 'int':
          this.copy(KEY + field);
          if (value === NULL_INT) this.copy(nullPiece(width));
          else this.int(value);
          break;
        case 'bool':
          this.copy((value === 1 ? keyTrue(width) : keyFalse(width)) + field);
          break;
        case 'list':
          this.copy(KEY + field);
          this.copy(this.listPiece[value]!);
          break;
      }
    }
    const { buffer } = this;
    buffer[this.used++] = 0x7d; // }
    const end = lineEnd(index, last, this.frame);
    for (let at = 0; at < end.length; at++) buffer[this.used++] = end.charCodeAt(at);
  }

  /** Hands on what is written (the buffer is not used again: the receiver may keep it). */
  end(): void {
    if (this.used === 0) return;
    this.flush(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
    this.used = 0;
  }

  /** Piece number `piece` (see `pieces`). */
  private copy(piece: number): void {
    const { buffer } = this;
    const { bytes, starts, ends } = this.pieces;
    let used = this.used;
    for (let at = starts[piece]!, end = ends[piece]!; at < end; at++) buffer[used++] = bytes[at]!;
    this.used = used;
  }

  /** A string as JSON.stringify writes it, in UTF-8: printable ASCII byte for byte, anything else through JSON.stringify. */
  private text(value: string): void {
    const { buffer } = this;
    const start = this.used;
    let used = start;
    buffer[used++] = QUOTE;
    for (let at = 0; at < value.length; at++) {
      const code = value.charCodeAt(at);
      if (code < 0x20 || code > 0x7e || code === QUOTE || code === BACKSLASH) {
        this.used = start + buffer.write(JSON.stringify(value), start, 'utf8');
        return;
      }
      buffer[used++] = code;
    }
    buffer[used++] = QUOTE;
    this.used = used;
  }

  /** An int32 in decimal, as JSON.stringify writes it. */
  private int(value: number): void {
    const { buffer } = this;
    let used = this.used;
    let rest = value;
    if (rest < 0) {
      buffer[used++] = MINUS;
      rest = -rest;
    }
    let digits = 1;
    for (let power = 10; power <= rest; power *= 10) digits++;
    used += digits;
    for (let at = used - 1; digits > 0; digits--, at--) {
      buffer[at] = ZERO + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.used = used;
  }
}
