/**
 * Opens one export file (or standard input) and yields its bytes as UTF-8, whatever the
 * encoding it was written in, so the CSV parser only ever sees UTF-8.
 */
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';
import { lazyRequire } from '../lazy.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const ENCODING_NAMES: Record<string, Encoding> = {
  utf8: 'utf-8',
  utf_8: 'utf-8',
  utf16: 'utf-16le',
  utf16le: 'utf-16le',
  utf_16: 'utf-16le',
  utf_16le: 'utf-16le',
  utf16be: 'utf-16be',
  utf_16be: 'utf-16be',
  windows_1252: 'windows-1252',
  windows1252: 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  latin_1: 'windows-1252',
  iso_8859_1: 'windows-1252',
};

/** `--encoding` spellings; latin1 reads as windows-1252, its superset that exports really use. */
export function parseEncoding(name: string): Encoding | null {
  return ENCODING_NAMES[name.toLowerCase().replace(/[^a-z0-9]+/g, '_')] ?? null;
}

/** Where a file's bytes come from: a path, or standard input for `-`. */
export interface Source {
  /** How the file is named in messages: the path as given, or `<stdin>`. */
  readonly label: string;
  readonly path: string;
  /** Told of every chunk read, for a progress line. */
  readonly onRead?: ((bytes: number) => void) | undefined;
}

export function sourceFor(path: string): Source {
  return { path, label: path === '-' ? '<stdin>' : path };
}

/**
 * A read's size. 1 MiB rather than 64 KiB: each read is an await, and two exports read at once
 * (`trend`, a thread each) waited on them: the eight weekly national exports 11.5 -> 10.2 s.
 */
const CHUNK_BYTES = 1 << 20;

/**
 * A read buffer handed back by the reader once nothing refers to it (its bytes split and
 * copied where kept): the next read goes into it, rather than into a new buffer that only the
 * collector frees, which grows the process with the size of the file.
 */
export interface SpareBuffer {
  spare: ArrayBuffer | null;
}

async function* rawChunks(source: Source, recycled?: SpareBuffer): AsyncGenerator<Buffer> {
  if (source.path === '-') {
    for await (const chunk of process.stdin) yield chunk as Buffer;
    return;
  }
  let handle;
  let before: Stats;
  try {
    handle = await open(source.path, 'r');
    before = await handle.stat();
  } catch (error) {
    await handle?.close();
    throw new InputError(`${source.label}: ${describeFsError(error)}`);
  }
  try {
    if (before.isDirectory()) throw new InputError(`${source.label}: is a folder, not a file`);
    // A regular file is read a chunk ahead, at known offsets, so the next read runs while this
    // chunk is split; a pipe or a device is read one chunk at a time, from where it is.
    const ahead = before.isFile();
    let offset = 0;
    const readChunk = async (): Promise<Buffer> => {
      // A buffer per chunk (csv-parse may keep slices of it), unless the reader handed one back.
      const spare = recycled?.spare ?? null;
      if (recycled) recycled.spare = null;
      const chunk = spare !== null && spare.byteLength === CHUNK_BYTES ? Buffer.from(spare) : Buffer.allocUnsafe(CHUNK_BYTES);
      const position = ahead ? offset : null;
      offset += CHUNK_BYTES;
      try {
        const { bytesRead: read } = await handle!.read(chunk, 0, CHUNK_BYTES, position);
        return chunk.subarray(0, read);
      } catch (error) {
        throw new InputError(`${source.label}: ${describeFsError(error)}`);
      }
    };
    let bytesRead = 0;
    let next: Promise<Buffer> | null = readChunk();
    try {
      for (;;) {
        const chunk: Buffer = await next!;
        next = null;
        if (chunk.length === 0) break;
        bytesRead += chunk.length;
        source.onRead?.(chunk.length);
        if (ahead) next = readChunk();
        yield chunk;
        if (!ahead) next = readChunk();
      }
    } finally {
      // Stopped early (an error, or the reader gave up): the read ahead ends before the file closes.
      await next?.catch(() => undefined);
    }
    await checkUnchanged(source, before, await handle.stat(), bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * A file read while it changed gives a report of neither version (SPEC 3: an input error):
 * its size or modification time moved, fewer or more bytes came than it held when opened, or
 * its name now leads to another file or to none. Only regular files: a pipe has no size.
 */
export async function checkUnchanged(source: Source, before: Stats, after: Stats, bytesRead: number): Promise<void> {
  if (!before.isFile()) return;
  const again = 'read it again once the export is complete';
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytesRead !== before.size) {
    throw new InputError(`${source.label}: changed while being read (${before.size.toLocaleString('en-GB')} bytes when opened, ${after.size.toLocaleString('en-GB')} after); ${again}`);
  }
  let named: Stats;
  try {
    named = await stat(source.path);
  } catch {
    throw new InputError(`${source.label}: removed while being read; ${again}`);
  }
  if (named.ino !== before.ino || named.dev !== before.dev) throw new InputError(`${source.label}: replaced while being read; ${again}`);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Thrown (as a plain object) when UTF-8 input holds a byte sequence that is not UTF-8; the
 * reader turns it into a message with the line number and a hint.
 */
export class NotUtf8Error extends Error {
  constructor(readonly byteOffsetInChunk: number, readonly chunk: Buffer) {
    super('not UTF-8');
  }
}

/** Index of the first byte of a UTF-8 sequence that the chunk cuts short, or chunk.length. */
function completeUtf8Length(chunk: Buffer): number {
  // Walk back over at most three continuation bytes to the lead byte of the last sequence.
  for (let back = 1; back <= Math.min(4, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? chunk.length - back : chunk.length;
  }
  return chunk.length;
}

function firstInvalidUtf8(chunk: Buffer): number {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(chunk);
  const at = text.indexOf('\uFFFD');
  // Count the UTF-8 bytes before the replacement character to find its offset.
  return at === -1 ? 0 : Buffer.byteLength(text.slice(0, at));
}

/** The encoding a byte-order mark announces, and the mark's length; UTF-8 when there is none. */
export function detectBom(head: Buffer, fallback: Encoding): { encoding: Encoding; bomLength: number } {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  return { encoding: fallback, bomLength: 0 };
}

/** The first bytes of a spreadsheet workbook: a zip (.xlsx, .ods) or an OLE file (.xls). */
const WORKBOOK_SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0],
];

export function isWorkbook(head: Buffer): boolean {
  return WORKBOOK_SIGNATURES.some((signature) => signature.every((byte, at) => head[at] === byte));
}

/** A workbook renamed .csv is not text in any encoding: say what it is and what to do. */
export function workbookError(source: Source): InputError {
  return new InputError(`${source.label}: a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file; open it and save it as CSV (UTF-8)`);
}

interface Converter {
  write(chunk: Buffer): Buffer;
  end(): Buffer | null;
}

/** Passes UTF-8 through, checking it; a sequence cut by a chunk boundary waits for the next chunk. */
export class Utf8Checker implements Converter {
  private pending: Buffer | null = null;

  write(input: Buffer): Buffer {
    const chunk = this.pending ? Buffer.concat([this.pending, input]) : input;
    this.pending = null;
    const complete = completeUtf8Length(chunk);
    const body = complete === chunk.length ? chunk : chunk.subarray(0, complete);
    if (!isUtf8(body)) throw new NotUtf8Error(firstInvalidUtf8(body), body);
    if (complete !== chunk.length) this.pending = Buffer.from(chunk.subarray(complete));
    return body;
  }

  end(): null {
    if (this.pending) throw new NotUtf8Error(0, this.pending);
    return null;
  }
}

const iconv = lazyRequire<typeof import('iconv-lite')>('iconv-lite');

/** Decodes windows-1252 with iconv-lite (Node 20's TextDecoder gets 0x80 wrong). */
class Transcoder implements Converter {
  private readonly decoder = iconv().getDecoder('win1252');

  write(chunk: Buffer): Buffer {
    return Buffer.from(this.decoder.write(chunk), 'utf8');
  }

  end(): Buffer | null {
    const rest = this.decoder.end();
    return rest ? Buffer.from(rest, 'utf8') : null;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Decodes UTF-16, checking it as UTF-8 is checked: a lone surrogate, or a file that ends inside
 * a character (an odd byte count), is an input error naming the line, never a U+FFFD.
 */
class Utf16Decoder implements Converter {
  /** An odd byte, or a high surrogate, that waits for the rest of its character. */
  private pending: Buffer | null = null;
  private line = 1;
  private afterCr = false;

  constructor(
    private readonly bigEndian: boolean,
    private readonly label: string,
  ) {}

  write(input: Buffer): Buffer {
    const bytes = this.pending ? Buffer.concat([this.pending, input]) : input;
    let usable = bytes.length - (bytes.length % 2);
    if (usable >= 2) {
      const last = this.bigEndian ? bytes.readUInt16BE(usable - 2) : bytes.readUInt16LE(usable - 2);
      if (last >= 0xd800 && last <= 0xdbff) usable -= 2;
    }
    this.pending = usable < bytes.length ? Buffer.from(bytes.subarray(usable)) : null;
    const body = bytes.subarray(0, usable);
    const text = (this.bigEndian ? Buffer.from(body).swap16() : body).toString('utf16le');
    const lone = text.search(LONE_SURROGATE);
    if (lone !== -1) {
      const unit = text.charCodeAt(lone).toString(16).toUpperCase();
      throw new InputError(`${this.label}:${this.line + this.breaks(text.slice(0, lone))}: not UTF-16 text (a lone surrogate 0x${unit})`);
    }
    this.line += this.breaks(text);
    return Buffer.from(text, 'utf8');
  }

  end(): null {
    if (this.pending) throw new InputError(`${this.label}:${this.line}: not UTF-16 text (the file ends inside a character: an odd number of bytes, or half a surrogate pair)`);
    return null;
  }

  /** Line ends in `text` (plain.ts's definition), a CRLF cut by the chunk counted once. */
  private breaks(text: string): number {
    let breaks = 0;
    let afterCr = this.afterCr;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 10 && !afterCr) breaks++;
      else if (code === 13) breaks++;
      afterCr = code === 13;
    }
    this.afterCr = afterCr;
    return breaks;
  }
}

/**
 * The file's content as UTF-8 chunks, byte-order mark removed. UTF-16 with a BOM is detected;
 * windows-1252 must be asked for. UTF-8 is checked as it streams, so a wrong encoding is caught
 * with a clear message instead of turning names into mojibake.
 */
export async function* utf8Chunks(source: Source, encoding: Encoding = 'utf-8', recycled?: SpareBuffer): AsyncGenerator<Buffer> {
  let converter: Converter | null = null;
  let head: Buffer = Buffer.alloc(0);
  const begin = (): Buffer => {
    if (isWorkbook(head)) throw workbookError(source);
    const detected = detectBom(head, encoding);
    converter =
      detected.encoding === 'utf-8'
        ? new Utf8Checker()
        : detected.encoding === 'windows-1252'
          ? new Transcoder()
          : new Utf16Decoder(detected.encoding === 'utf-16be', source.label);
    return converter.write(head.subarray(detected.bomLength));
  };

  for await (const raw of rawChunks(source, recycled)) {
    if (converter !== null) {
      yield (converter as Converter).write(raw);
      continue;
    }
    // Wait for enough bytes to tell a byte-order mark (standard input may trickle in).
    head = head.length === 0 ? raw : Buffer.concat([head, raw]);
    if (head.length >= 4) yield begin();
  }
  if (converter === null) yield begin();
  const rest = (converter as Converter | null)?.end();
  if (rest) yield rest;
}
