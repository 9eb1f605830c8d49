/**
 * Streams one CSV file into a sink, a record at a time, each with the physical line it starts
 * on. csv-parse does the RFC 4180 work; this module adds encoding, delimiter sniffing and
 * exact line numbers without csv-parse's costly `info` option.
 */
import { open } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { lazyRequire } from '../lazy.js';
import { NotUtf8Error, utf8Chunks, type Encoding, type Source, type SpareBuffer } from './source.js';
import { firstLineEnd, LINE_ENDS, LineTooLong, lineBreaksWithin, MAX_LINE_CHARS, PlainLines, type LineSink, type PlainRowReader } from './plain.js';

/** Only a file with a quote in it needs csv-parse. */
const csvParse = lazyRequire<typeof import('csv-parse')>('csv-parse');

export interface CsvOptions {
  readonly encoding?: Encoding;
  /** A single character; detected from the header line when absent. */
  readonly delimiter?: string;
}

export interface CsvSink {
  header(fields: string[]): void;
  /** `fields` is csv-parse's array, handed over: the sink may keep it. */
  record(fields: string[], line: number): void;
  /** Read once the header is taken: a reader for plain rows straight from bytes (plain.ts), if the sink has one. */
  readonly plainRows?: PlainRowReader | null;
}

export interface CsvSummary {
  /** Data records read, blank lines not included. */
  readonly records: number;
  readonly delimiter: string;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter used most on the header line, outside quotes; comma when none is. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (CANDIDATE_DELIMITERS as readonly string[]).includes(char)) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** A line of nothing but whitespace and delimiters holds no record. */
export function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/**
 * Numbers records by the physical line they start on, hands the first to the sink as the
 * header (unless the header was read elsewhere) and skips blank lines. Shared by the one-stream
 * reader and the workers that each read a part of a large file.
 */
export class RecordCounter implements LineSink {
  nextLine: number;
  records = 0;
  plainRows: PlainRowReader | null = null;
  private headerSeen: boolean;

  constructor(
    private readonly sink: CsvSink,
    options: { firstLine?: number; headerSeen?: boolean } = {},
  ) {
    this.nextLine = options.firstLine ?? 1;
    this.headerSeen = options.headerSeen ?? false;
    if (this.headerSeen) this.plainRows = sink.plainRows ?? null;
  }

  readonly take = (fields: string[], extraLines: number): void => {
    const line = this.nextLine;
    this.nextLine += 1 + extraLines;
    if (!this.headerSeen) {
      if (isBlank(fields)) return; // blank lines before the header are skipped too
      this.headerSeen = true;
      this.sink.header(fields);
      this.plainRows = this.sink.plainRows ?? null;
      return;
    }
    // Blank lines, and spreadsheets' trailing rows of bare delimiters, hold no record.
    if (isBlank(fields)) return;
    this.records++;
    this.sink.record(fields, line);
  };

  fields(fields: string[]): void {
    this.take(fields, 0);
  }

  plainRow(bytes: Buffer, lineStart: number, fieldEnds: Int32Array): boolean {
    if (!this.plainRows!.read(bytes, lineStart, fieldEnds, this.nextLine)) return false;
    this.nextLine++;
    this.records++;
    return true;
  }
}

interface ParserApi {
  parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  info: { lines: number };
}

export const QUOTE = 0x22;

/**
 * Reads the file through the quote-free fast path (plain.ts) for as long as no quote appears,
 * then through csv-parse from the start of the unfinished record on. Either way each record
 * comes with the physical line it starts on.
 */
export async function readCsv(source: Source, options: CsvOptions, sink: CsvSink): Promise<CsvSummary> {
  let delimiter = options.delimiter ?? ',';
  const counter = new RecordCounter(sink);
  const take = counter.take;

  let plain: PlainLines | null = null;
  let api: ParserApi | null = null;
  // csv-parse counts a CRLF inside quotes as two lines, so it only tells us when a record
  // spans more than one line; the exact count is kept here.
  let parserLines = 0;
  const push = (fields: string[]): void => {
    const spanned = api!.info.lines - parserLines;
    parserLines = api!.info.lines;
    take(fields, spanned === 1 ? 0 : lineBreaksWithin(fields));
  };
  const feed = (chunk: Buffer | undefined, end: boolean): void => {
    const error = api!.parse(chunk, end, push, () => {});
    if (error) throw csvFailure(source, error, counter.nextLine);
  };
  const startParser = (bytes: Buffer): void => {
    api = (
      new (csvParse().Parser)({
        delimiter,
        record_delimiter: [...LINE_ENDS],
        max_record_size: MAX_LINE_CHARS,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: false,
      }) as unknown as { api: ParserApi }
    ).api;
    feed(bytes, false);
  };

  // The head of the file waits, chunk by chunk, until it holds a whole header line (the first
  // line that is not blank, as RecordCounter means it): the delimiter is sniffed from all of it.
  const head: Buffer[] = [];
  let headBytes = 0;
  let headerStarted = false;
  const headerComplete = (chunk: Buffer): boolean => {
    let text = chunk.toString('utf8');
    if (!headerStarted) {
      const at = text.search(/\S/);
      if (at === -1) return false;
      headerStarted = true;
      text = text.slice(at);
    }
    return /[\r\n]/.test(text);
  };
  const start = (bytes: Buffer): void => {
    const text = bytes.toString('utf8');
    const headerAt = text.search(/\S/);
    const header = headerAt === -1 ? '' : text.slice(headerAt);
    if (options.delimiter === undefined) delimiter = detectDelimiter(header.slice(0, firstLineEnd(header)));
    if (bytes.includes(QUOTE)) startParser(bytes);
    else {
      plain = new PlainLines(delimiter, counter);
      plain.write(bytes);
    }
  };

  // UTF-8 bytes taken from utf8Chunks so far: where a byte that is not UTF-8 sits, if one turns up.
  let taken = 0;
  const recycled: SpareBuffer = { spare: null };
  try {
    for await (const chunk of utf8Chunks(source, options.encoding, recycled)) {
      taken += chunk.length;
      if (api !== null) feed(chunk, false);
      else if (plain !== null) {
        if (chunk.includes(QUOTE)) {
          // Hand over at a record boundary: the unfinished line and all that follows.
          const rest = (plain as PlainLines).takeCarry(chunk);
          plain = null;
          startParser(rest);
        } else {
          (plain as PlainLines).write(chunk);
          // PlainLines copies what it keeps: the next read may go into this chunk's buffer.
          recycled.spare = chunk.buffer as ArrayBuffer;
        }
      } else {
        head.push(chunk);
        headBytes += chunk.length;
        if (headerComplete(chunk)) start(Buffer.concat(head));
        else if (headBytes > MAX_LINE_CHARS) throw new LineTooLong();
      }
    }
    if (api === null && plain === null) start(Buffer.concat(head));
    if (plain !== null) (plain as PlainLines).end();
    else feed(undefined, true);
  } catch (error) {
    if (error instanceof LineTooLong) throw lineTooLongFailure(source, counter.nextLine);
    if (error instanceof NotUtf8Error) {
      // The parsers may hold back the end of the last chunk, so count the lines from the file itself.
      const line = source.path === '-' ? null : await physicalLineAt(source.path, taken + error.byteOffsetInChunk);
      throw notUtf8Failure(source, error, line ?? counter.nextLine, line !== null);
    }
    throw error;
  }
  return { records: counter.records, delimiter };
}

/** Line breaks in `bytes`: LF, CR and CRLF each count once (`afterCr`: the byte before was a CR). */
function countLineBreaks(bytes: Buffer, afterCr = false): { breaks: number; afterCr: boolean } {
  let breaks = 0;
  for (const byte of bytes) {
    if (byte === 10) {
      if (!afterCr) breaks++;
      afterCr = false;
    } else if (byte === 13) {
      breaks++;
      afterCr = true;
    } else afterCr = false;
  }
  return { breaks, afterCr };
}

/**
 * The physical line holding byte `offset` of a UTF-8 file's text (a BOM not counted): read
 * again from the start, as this is only asked when the read has failed.
 */
async function physicalLineAt(path: string, offset: number): Promise<number | null> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(1 << 16);
    const head = await handle.read(buffer, 0, 3, 0);
    const bom = head.bytesRead === 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    let line = 1;
    let afterCr = false;
    for (let position = bom; position < bom + offset; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, bom + offset - position), position);
      if (bytesRead === 0) break;
      const counted = countLineBreaks(buffer.subarray(0, bytesRead), afterCr);
      line += counted.breaks;
      afterCr = counted.afterCr;
      position += bytesRead;
    }
    return line;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

function csvFailure(source: Source, error: Error, recordLine: number): InputError | Error {
  if (!(error instanceof csvParse().CsvError)) return error;
  if (error.code === 'CSV_MAX_RECORD_SIZE') return lineTooLongFailure(source, recordLine);
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new InputError(`${source.label}:${recordLine}: a quoted field opened on this line is never closed`);
  }
  return new InputError(`${source.label}:${recordLine}: ${error.message}`);
}

function lineTooLongFailure(source: Source, line: number): InputError {
  return new InputError(`${source.label}:${line}: a line longer than 16 MiB; this does not look like a CSV export`);
}

/** `lineKnown`: `line` is the bad byte's own line, else the line the chunk's first record starts on. */
export function notUtf8Failure(source: Source, error: NotUtf8Error, linesBefore: number, lineKnown = false): InputError {
  const line = lineKnown ? linesBefore : linesBefore + countLineBreaks(error.chunk.subarray(0, error.byteOffsetInChunk)).breaks;
  const byte = error.chunk[error.byteOffsetInChunk];
  const shown = byte === undefined ? '' : ` (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')})`;
  return new InputError(
    `${source.label}:${line}: not UTF-8 text${shown}; for an export from an older system try --encoding windows-1252`,
  );
}
