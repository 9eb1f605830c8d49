/**
 * Streams one CSV file into a sink, a record at a time, each with the physical line it starts
 * on. csv-parse does the RFC 4180 work; this module adds encoding, delimiter sniffing and
 * exact line numbers without csv-parse's costly `info` option.
 */
import { Parser, CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import { NotUtf8Error, utf8Chunks, type Encoding, type Source } from './source.js';

export interface CsvOptions {
  readonly encoding?: Encoding;
  /** A single character; detected from the header line when absent. */
  readonly delimiter?: string;
}

export interface CsvSink {
  header(fields: string[]): void;
  /** `fields` is csv-parse's array, handed over: the sink may keep it. */
  record(fields: string[], line: number): void;
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

/** Line breaks inside a record's fields, a CRLF counting once. */
function lineBreaksWithin(fields: readonly string[]): number {
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

function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

interface ParserApi {
  parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  info: { lines: number };
}

export async function readCsv(source: Source, options: CsvOptions, sink: CsvSink): Promise<CsvSummary> {
  let api: ParserApi | null = null;
  let delimiter = options.delimiter ?? ',';
  let headerSeen = false;
  let records = 0;
  // csv-parse counts a CRLF inside quotes as two lines, so it only tells us when a record
  // spans more than one line; the exact count is kept here.
  let parserLines = 0;
  let nextLine = 1;

  const push = (fields: string[]): void => {
    const line = nextLine;
    const spanned = api!.info.lines - parserLines;
    parserLines = api!.info.lines;
    nextLine += spanned === 1 ? 1 : 1 + lineBreaksWithin(fields);
    if (!headerSeen) {
      headerSeen = true;
      sink.header(fields);
      return;
    }
    // Blank lines, and spreadsheets' trailing rows of bare delimiters, hold no record.
    if (isBlank(fields)) return;
    records++;
    sink.record(fields, line);
  };
  const close = (): void => {};

  const feed = (chunk: Buffer | undefined, end: boolean): void => {
    const error = api!.parse(chunk, end, push, close);
    if (error) throw csvFailure(source, error, nextLine);
  };

  let head: Buffer | null = null;
  const start = (bytes: Buffer): void => {
    if (options.delimiter === undefined) {
      const text = bytes.toString('utf8');
      delimiter = detectDelimiter(text.slice(0, firstLineEnd(text)));
    }
    api = (new Parser({ delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false }) as unknown as {
      api: ParserApi;
    }).api;
    feed(bytes, false);
  };

  try {
    for await (const chunk of utf8Chunks(source, options.encoding)) {
      if (api !== null) {
        feed(chunk, false);
        continue;
      }
      // Sniff the delimiter from a whole header line.
      head = head === null ? chunk : Buffer.concat([head, chunk]);
      if (head.includes(10) || head.includes(13)) start(head);
    }
    if (api === null) start(head ?? Buffer.alloc(0));
    feed(undefined, true);
  } catch (error) {
    if (error instanceof NotUtf8Error) throw notUtf8Failure(source, error, api ? (api as ParserApi).info.lines : 1);
    throw error;
  }
  return { records, delimiter };
}

function firstLineEnd(text: string): number {
  const newline = text.search(/[\r\n]/);
  return newline === -1 ? text.length : newline;
}

function csvFailure(source: Source, error: Error, recordLine: number): InputError | Error {
  if (!(error instanceof CsvError)) return error;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new InputError(`${source.label}:${recordLine}: a quoted field opened on this line is never closed`);
  }
  return new InputError(`${source.label}:${recordLine}: ${error.message}`);
}

function notUtf8Failure(source: Source, error: NotUtf8Error, linesBefore: number): InputError {
  let line = linesBefore;
  for (let at = 0; at < error.byteOffsetInChunk; at++) if (error.chunk[at] === 10) line++;
  const byte = error.chunk[error.byteOffsetInChunk];
  const shown = byte === undefined ? '' : ` (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')})`;
  return new InputError(
    `${source.label}:${line}: not UTF-8 text${shown}; for an export from an older system try --encoding windows-1252`,
  );
}
