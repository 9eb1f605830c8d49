/**
 * Opens one export file (or standard input) and yields its bytes as UTF-8, whatever the
 * encoding it was written in, so the CSV parser only ever sees UTF-8.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { InputError } from '../errors.js';

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

const CHUNK_BYTES = 1 << 16;

async function* rawChunks(source: Source): AsyncGenerator<Buffer> {
  if (source.path === '-') {
    for await (const chunk of process.stdin) yield chunk as Buffer;
    return;
  }
  let info;
  try {
    info = await stat(source.path);
  } catch (error) {
    throw new InputError(`${source.label}: ${describeFsError(error)}`);
  }
  if (info.isDirectory()) throw new InputError(`${source.label}: is a folder, not a file`);
  try {
    for await (const chunk of createReadStream(source.path, { highWaterMark: CHUNK_BYTES })) {
      source.onRead?.((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  } catch (error) {
    throw new InputError(`${source.label}: ${describeFsError(error)}`);
  }
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

/** Decodes UTF-16 or windows-1252 with iconv-lite (Node 20's TextDecoder gets 0x80 wrong). */
class Transcoder implements Converter {
  private readonly decoder;

  constructor(encoding: Exclude<Encoding, 'utf-8'>) {
    this.decoder = iconv.getDecoder(encoding === 'windows-1252' ? 'win1252' : encoding);
  }

  write(chunk: Buffer): Buffer {
    return Buffer.from(this.decoder.write(chunk), 'utf8');
  }

  end(): Buffer | null {
    const rest = this.decoder.end();
    return rest ? Buffer.from(rest, 'utf8') : null;
  }
}

/**
 * The file's content as UTF-8 chunks, byte-order mark removed. UTF-16 with a BOM is detected;
 * windows-1252 must be asked for. UTF-8 is checked as it streams, so a wrong encoding is caught
 * with a clear message instead of turning names into mojibake.
 */
export async function* utf8Chunks(source: Source, encoding: Encoding = 'utf-8'): AsyncGenerator<Buffer> {
  let converter: Converter | null = null;
  let head: Buffer = Buffer.alloc(0);
  const begin = (): Buffer => {
    if (isWorkbook(head)) throw workbookError(source);
    const detected = detectBom(head, encoding);
    converter = detected.encoding === 'utf-8' ? new Utf8Checker() : new Transcoder(detected.encoding);
    return converter.write(head.subarray(detected.bomLength));
  };

  for await (const raw of rawChunks(source)) {
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
