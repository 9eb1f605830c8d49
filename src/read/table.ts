/**
 * Shared set-up for reading any of the three files: header mapping, the missing-column error,
 * field-count checks, and `Cells`, which reads one row's values and records what it cannot read.
 */
import { InputError } from '../errors.js';
import { closestHeader, columnsConfig, mapHeaders, resemblingColumn, type ColumnHint, type ColumnName, type ExtraAliases, type FileKind, type HeaderMap } from './columns.js';
import { readCsv, type CsvOptions } from './csv.js';
import type { PlainRowReader } from './plain.js';
import { cellMessage, looksLikeFooter, PlainCells } from './plain-fields.js';
import type { InputSummary, Issue, IssueCode } from './records.js';
import type { Source } from './source.js';
import { INVALID, parseDate, parseIsoDay, type DateOrder, type Day, type Parsed } from './values.js';

export interface ReadSettings extends CsvOptions {
  readonly dateOrder: DateOrder;
  readonly aliases: ExtraAliases;
}

/** Where one file's issues go, with the file named as the user named it. */
export class IssueLog {
  constructor(
    readonly file: string,
    private readonly issues: Issue[],
  ) {}

  add(line: number | null, column: string | null, code: IssueCode, message: string): void {
    this.issues.push({ file: this.file, line, column, code, message });
  }
}

export type RowHandler = (fields: string[], line: number, misaligned: boolean) => void;

export interface TableSummary<K extends FileKind> {
  readonly header: HeaderMap<K>;
  readonly records: number;
  /** Trailing footer rows (`Total,,,`), rejected with an issue and not handed on. */
  readonly footers: number;
}

/** A spreadsheet's footer row: its first field starts with the word total or count (`Total rows: 40`). Its twin over bytes: looksLikeFooter. */
export function isFooterRow(fields: readonly string[]): boolean {
  return /^\s*(totals?|counts?)\b/i.test(fields[0] ?? '');
}

/**
 * Maps a header line; a missing required column is an input error naming the headers found and
 * the closest, a repeated one an issue.
 */
export function checkHeader<K extends FileKind>(kind: K, file: string, fields: readonly string[], settings: ReadSettings, log: IssueLog): HeaderMap<K> {
  const names = fields.map((field) => field.trim());
  const header = mapHeaders(kind, names, settings.aliases);
  if (header.missing.length > 0) throw missingColumnError(kind, file, header, names, settings.aliases);
  for (const duplicate of header.duplicates) {
    log.add(1, duplicate.column, 'duplicate_column', `header "${duplicate.header}" repeats column ${duplicate.column}; the first is read`);
  }
  return header;
}

/** Passes records on, recording a row whose field count differs from the header's. */
export function checkedRows(width: number, log: IssueLog, onRow: RowHandler): (fields: string[], line: number) => void {
  return (fields, line) => {
    let misaligned = false;
    // Extra empty fields (a trailing delimiter) are harmless.
    if (fields.length !== width && !(fields.length > width && fields.slice(width).every((extra) => extra.trim() === ''))) {
      misaligned = true;
      log.add(line, null, 'field_count', `expected ${width} fields, found ${fields.length}`);
    }
    onRow(fields, line, misaligned);
  };
}

export interface TableOptions<K extends FileKind> {
  /** Trailing rows that look like a spreadsheet's totals are footers, not records. */
  readonly footers?: boolean;
  /** A reader of plain rows straight from bytes (plain.ts), for the bulk of a large file. */
  readonly plain?: (header: HeaderMap<K>, width: number) => PlainRowReader;
}

/**
 * Reads one file: checks its header, then hands each record to the handler `start` returns, or
 * a plain row to the reader `options.plain` makes.
 */
export async function readTable<K extends FileKind>(
  kind: K,
  source: Source,
  settings: ReadSettings,
  log: IssueLog,
  start: (header: HeaderMap<K>) => RowHandler,
  options: TableOptions<K> = {},
): Promise<TableSummary<K>> {
  let header: HeaderMap<K> | null = null;
  let onRecord: (fields: string[], line: number) => void = () => {};
  // Footer-like rows wait here: only those at the very end of the file are footers; one
  // followed by any other row was a record after all and is handed on in its place.
  const held: [string[], number][] = [];
  let plainRows: PlainRowReader | null = null;
  const { records } = await readCsv(source, settings, {
    header(fields) {
      header = checkHeader(kind, source.label, fields, settings, log);
      onRecord = checkedRows(fields.length, log, start(header));
      const reader = options.plain?.(header, fields.length);
      if (reader === undefined) return;
      // A row while footer-like rows wait, or one that may be a footer, goes the way of fields.
      plainRows = {
        width: reader.width,
        read: (bytes, lineStart, fieldEnds, line) =>
          held.length === 0 && !(options.footers && looksLikeFooter(bytes, lineStart, fieldEnds[0]!)) && reader.read(bytes, lineStart, fieldEnds, line),
      };
    },
    get plainRows() {
      return plainRows;
    },
    record(fields, line) {
      if (options.footers) {
        if (isFooterRow(fields)) {
          held.push([fields, line]);
          return;
        }
        for (const [heldFields, heldLine] of held.splice(0)) onRecord(heldFields, heldLine);
      }
      onRecord(fields, line);
    },
  });
  if (header === null) throw new InputError(`${source.label}: empty file (no header line)`);
  for (const [fields, line] of held) {
    const first = fields[0]!.trim();
    log.add(line, null, 'footer_row', `"${first.length > 40 ? `${first.slice(0, 39)}…` : first}" is a spreadsheet footer row, not a record; not read`);
  }
  return { header, records, footers: held.length };
}

/** A handler of one row's cells, however the row was read (RowCells). */
export type CellsHandler<K extends FileKind> = (cells: RowCells<K>, misaligned: boolean) => void;

/**
 * readTable for a handler of cells: a row is read as Cells from its fields, or as PlainCells
 * straight from a plain row's bytes, and the handler cannot tell which.
 */
export function readTableCells<K extends FileKind>(
  kind: K,
  source: Source,
  settings: ReadSettings,
  log: IssueLog,
  start: (header: HeaderMap<K>) => CellsHandler<K>,
  options: Pick<TableOptions<K>, 'footers'> = {},
): Promise<TableSummary<K>> {
  let onRow: CellsHandler<K> = () => {};
  return readTable(
    kind,
    source,
    settings,
    log,
    (header) => {
      onRow = start(header);
      const cells = new Cells(header.index, log, settings.dateOrder);
      return (fields, line, misaligned) => {
        cells.next(fields, line);
        onRow(cells, misaligned);
      };
    },
    {
      ...options,
      plain: (header, width) => {
        const cells = new PlainCells(header.index, log, settings.dateOrder);
        return {
          width,
          read(bytes, lineStart, fieldEnds, line) {
            cells.next(bytes, lineStart, fieldEnds, line);
            onRow(cells, false);
            return true;
          },
        };
      },
    },
  );
}

/** What an input says of its unread headers: each one, and the known column it looks like. */
export function unreadColumns<K extends FileKind>(kind: K, header: HeaderMap<K>, aliases: ExtraAliases): Pick<InputSummary, 'ignored_columns' | 'column_hints'> {
  const mapped = new Set<string>(Object.keys(header.index));
  const hints: ColumnHint[] = [];
  for (const name of header.ignored) {
    const column = resemblingColumn(kind, name, mapped, aliases);
    if (column !== null) hints.push({ header: name, column });
  }
  return { ignored_columns: header.ignored, column_hints: hints };
}

function missingColumnError<K extends FileKind>(kind: K, file: string, header: HeaderMap<K>, headers: readonly string[], aliases: ExtraAliases): InputError {
  const { missing } = header;
  const column = missing[0]!;
  const found = headers.filter((name) => name !== '');
  // First an unread header that looks like the column (`Case Ref No` → crn), else the nearest spelling.
  const mapped = new Set(Object.keys(header.index));
  const closest = header.ignored.find((name) => resemblingColumn(kind, name, mapped, aliases) === column) ?? closestHeader(column, header.ignored);
  // A wrong file (binary, or with no line breaks) can have a header of megabytes: the line stays short.
  const short = (name: string): string => (name.length > 40 ? `${name.slice(0, 39)}…` : name);
  const shown = found.length > 8 ? [...found.slice(0, 8).map(short), `… ${found.length - 8} more`] : found.map(short);
  return new InputError(
    `${file}: missing required column ${column}` +
      (missing.length > 1 ? ` (and ${missing.slice(1).join(', ')})` : '') +
      `; found ${shown.length > 0 ? shown.join(', ') : 'no headers'}` +
      (closest && closest.length <= 40
        ? `; did you mean "${closest}"? To read it as ${column}, add to the config file: ${columnsConfig(kind, column, [closest])}`
        : `; to read another header as ${column}, name it in the config file: ${columnsConfig(kind, column, ['<header>'])}`),
  );
}

const DATE_CACHE_LIMIT = 50_000;
const PARSE_CACHE_LIMIT = 10_000;
const SHARED_STRINGS_LIMIT = 100_000;

/**
 * One row's cells by canonical column name: read from strings (Cells) or from a plain row's
 * bytes (PlainCells, plain-fields.ts), with the same values and the same issues. A value that
 * cannot be read is recorded as an issue and returned as null, and `invalid` is set so the row
 * can be flagged.
 */
export interface RowCells<K extends FileKind> {
  readonly line: number;
  readonly invalid: boolean;
  has(column: ColumnName<K>): boolean;
  /** Trimmed text; empty when the column or the cell is absent. */
  text(column: ColumnName<K>): string;
  optionalText(column: ColumnName<K>): string | null;
  /** optionalText for a column whose values repeat (officer codes, sentence types): one string per value. */
  sharedText(column: ColumnName<K>): string | null;
  date(column: ColumnName<K>): Day | null;
  /** Any parser of values.ts; `what` names the kind of value in the message. */
  parse<T>(column: ColumnName<K>, parser: (text: string) => Parsed<T> | T, what?: string): T | null;
}

/** Reads the cells of the current row from its fields (see RowCells). */
export class Cells<K extends FileKind> implements RowCells<K> {
  fields: string[] = [];
  line = 0;
  invalid = false;
  // Exports repeat a few hundred distinct dates, and a handful of risk, tier and yes/no words,
  // millions of times: each distinct text is parsed once.
  private readonly dateCache = new Map<string, Parsed<Day>>();
  private readonly parseCaches = new Map<(text: string) => unknown, Map<string, unknown>>();
  private readonly sharedStrings = new Map<string, string>();

  constructor(
    private readonly index: Partial<Record<ColumnName<K>, number>>,
    private readonly log: IssueLog,
    private readonly dateOrder: DateOrder,
  ) {}

  has(column: ColumnName<K>): boolean {
    return this.index[column] !== undefined;
  }

  next(fields: string[], line: number): void {
    this.fields = fields;
    this.line = line;
    this.invalid = false;
  }

  /** Trimmed text; empty when the column or the cell is absent. */
  text(column: ColumnName<K>): string {
    const at = this.index[column];
    if (at === undefined) return '';
    const value = this.fields[at];
    return value === undefined ? '' : value.trim();
  }

  optionalText(column: ColumnName<K>): string | null {
    const value = this.text(column);
    return value === '' ? null : value;
  }

  /**
   * optionalText for a column whose values repeat (officer codes, sentence types): every case
   * shares one string per value, which on a million-case export saves a hundred megabytes.
   */
  sharedText(column: ColumnName<K>): string | null {
    const value = this.text(column);
    if (value === '') return null;
    const shared = this.sharedStrings.get(value);
    if (shared !== undefined) return shared;
    if (this.sharedStrings.size < SHARED_STRINGS_LIMIT) this.sharedStrings.set(value, value);
    return value;
  }

  date(column: ColumnName<K>): Day | null {
    return this.dateFrom(column, this.text(column));
  }

  /** `date` for text already taken from the row (the contacts hot path reads fields directly). */
  dateFrom(column: ColumnName<K>, text: string): Day | null {
    if (text === '') return null;
    let day: Parsed<Day> | undefined = parseIsoDay(text);
    if (day === undefined) day = this.dateCache.get(text);
    if (day === undefined) {
      day = parseDate(text, this.dateOrder);
      if (this.dateCache.size < DATE_CACHE_LIMIT) this.dateCache.set(text, day);
    }
    if (day === INVALID) return this.reject(column, cellMessage.date(text));
    return day;
  }

  /** Any parser of values.ts; `what` names the kind of value in the message. */
  parse<T>(column: ColumnName<K>, parser: (text: string) => Parsed<T> | T, what = 'unknown value'): T | null {
    const text = this.text(column);
    let cache = this.parseCaches.get(parser);
    if (cache === undefined) this.parseCaches.set(parser, (cache = new Map()));
    let value = cache.get(text) as Parsed<T> | T | undefined;
    if (value === undefined) {
      value = parser(text);
      if (cache.size < PARSE_CACHE_LIMIT) cache.set(text, value);
    }
    if (value === INVALID) return this.reject(column, cellMessage.value(what, text));
    return value as T | null;
  }

  private reject(column: string, message: string): null {
    this.invalid = true;
    this.log.add(this.line, column, 'invalid_value', `${column}: ${message}`);
    return null;
  }
}
