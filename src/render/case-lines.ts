/**
 * The JSON lines of packed cases (case-pack.ts), encoded straight into bytes: the very bytes
 * JSON.stringify and a UTF-8 write would give, without building an object, a string per case
 * and then its UTF-8. Each shared value (an officer, a team, a date, a list of flags) is turned
 * into JSON once and copied after; the keys are constant bytes; integers are written digit by
 * digit. The lines worker writes its share of a long report so (parallel-lines.ts), faster than
 * JSON.stringify; the thread that renders writes its own share with JSON.stringify, from the
 * case objects it has, and a property test holds the two to the same bytes.
 */
import { CASE_FIELDS, CASE_WIDTH, NO_TEXT, NULL_INT, type PackedCases } from './case-pack.js';
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

/** Each field's key as it opens: `{"crn":`, `,"name":`, …; and with a constant value after it. */
const KEY_TEXT: readonly string[] = CASE_FIELDS.map(([key], at) => `${at === 0 ? '{' : ','}${JSON.stringify(key)}:`);
const KEY_BYTES = KEY_TEXT.map(ascii);
const KEY_NULL_BYTES = KEY_TEXT.map((key) => ascii(`${key}null`));
const KEY_TRUE_BYTES = KEY_TEXT.map((key) => ascii(`${key}true`));
const KEY_FALSE_BYTES = KEY_TEXT.map((key) => ascii(`${key}false`));
const KINDS = CASE_FIELDS.map(([, kind]) => kind);
const WORD_FIELDS = KINDS.filter((kind) => kind === 'word').length;
const NULL_BYTES = ascii('null');

/** Writes packed cases as JSON lines into buffers, handing each full buffer to `flush`. */
export class CaseLineEncoder {
  // Buffers of their own (never slices of a shared pool): a worker hands them over whole.
  private buffer = Buffer.allocUnsafeSlow(BUFFER_BYTES);
  private used = 0;
  /** Each word's and each flag list's JSON, made when first needed. */
  private readonly wordJson: (Uint8Array | undefined)[];
  private readonly listJson: (Uint8Array | undefined)[];
  private readonly indent: Uint8Array;
  /** Room for a line but its own texts: the words at their longest (an export's names have no limit). */
  private readonly room: number;

  constructor(
    private readonly packed: PackedCases,
    private readonly frame: LineFrame,
    private readonly flush: (bytes: Buffer) => void,
  ) {
    this.wordJson = new Array<Uint8Array | undefined>(packed.words.length).fill(undefined);
    this.listJson = new Array<Uint8Array | undefined>(packed.lists.length).fill(undefined);
    this.indent = ascii(frame.indent);
    const longestWord = packed.words.reduce((longest, word) => Math.max(longest, word.length), 0);
    this.room = LINE_ROOM + frame.indent.length + WORD_FIELDS * (longestWord * BYTES_PER_CHAR + 2);
  }

  /** Packed case `row` as element `index` of an array whose last element is `last`. */
  line(row: number, index: number, last: number): void {
    const { cells, texts } = this.packed;
    const base = row * CASE_WIDTH;
    // The case's own texts (crn, name: the first two fields) are counted case by case.
    const crn = cells[base]!;
    const name = cells[base + 1]!;
    const room = this.room + ((crn === NO_TEXT ? 0 : texts[crn]!.length) + (name === NO_TEXT ? 0 : texts[name]!.length)) * BYTES_PER_CHAR;
    if (this.used + room > this.buffer.length) {
      this.end();
      if (room > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(room);
    }
    this.copy(this.indent);
    for (let field = 0; field < CASE_WIDTH; field++) {
      const value = cells[base + field]!;
      switch (KINDS[field]) {
        case 'text':
          this.copy(KEY_BYTES[field]!);
          if (value === NO_TEXT) this.copy(NULL_BYTES);
          else this.text(texts[value]!);
          break;
        case 'word':
          if (value === NO_TEXT) this.copy(KEY_NULL_BYTES[field]!);
          else {
            this.copy(KEY_BYTES[field]!);
            this.copy((this.wordJson[value] ??= utf8(JSON.stringify(this.packed.words[value]!))));
          }
          break;
        case 'int':
          this.copy(KEY_BYTES[field]!);
          if (value === NULL_INT) this.copy(NULL_BYTES);
          else this.int(value);
          break;
        case 'bool':
          this.copy(value === 1 ? KEY_TRUE_BYTES[field]! : KEY_FALSE_BYTES[field]!);
          break;
        case 'list':
          this.copy(KEY_BYTES[field]!);
          this.copy((this.listJson[value] ??= utf8(JSON.stringify(this.packed.lists[value]!))));
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

  private copy(bytes: Uint8Array): void {
    const { buffer } = this;
    let used = this.used;
    // A call to set costs more than a short loop; a long run is worth it.
    if (bytes.length > 24) {
      buffer.set(bytes, used);
      this.used = used + bytes.length;
      return;
    }
    for (let at = 0; at < bytes.length; at++) buffer[used++] = bytes[at]!;
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
