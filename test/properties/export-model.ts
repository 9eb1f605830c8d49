/**
 * A generated export for the property tests: a model of officers.csv, offenders.csv and
 * contacts.csv as values (dates as day numbers, words by meaning, text as text), written either
 * in a canonical form (comma, minimal RFC 4180 quoting, UTF-8, LF, canonical headers in SPEC
 * order, ISO dates, canonical words) or in a variant form: any delimiter, quoting, encoding,
 * line end, header spelling and column order, date form and word spelling the SPEC accepts, with
 * padding and blank lines. Both must read to the same cases and the same report.
 *
 * The writer records the physical line on which each row starts in either form, so line numbers
 * that blank lines and line breaks in fields legitimately shift can be mapped, not ignored.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { COLUMNS, normaliseHeader, type FileKind } from '../../src/read/columns.js';
import { mulberry32 } from '../../scripts/random.mjs';

// ---------------------------------------------------------------------------------------------
// Values

/** Every spelling the SPEC accepts for one meaning; the first is the canonical one. */
export const WORDS = {
  /** Booleans where empty means no (da_flag, safeguarding_flag, agency). */
  flag: {
    yes: ['yes', 'Yes', 'YES', 'y', 'Y', 'true', 'TRUE', 'True', '1'],
    no: ['no', 'No', 'NO', 'n', 'N', 'false', 'False', '0', ''],
  },
  /** address_known: empty means "not recorded", so it is no spelling of no. */
  recorded: {
    yes: ['yes', 'Yes', 'y', 'TRUE', '1'],
    no: ['no', 'NO', 'n', 'false', '0'],
  },
  risk: {
    low: ['low', 'Low', 'LOW', 'L', 'l', 'RLRH', 'rlrh'],
    medium: ['medium', 'Medium', 'MEDIUM', 'M', 'RMRH'],
    high: ['high', 'High', 'HIGH', 'H', 'h', 'RHRH'],
    very_high: ['very_high', 'Very High', 'very-high', 'VERY HIGH', 'VH', 'vh', 'RVHR', 'veryhigh', 'Very_High'],
  },
  caseStatus: {
    active: ['active', 'Active', 'ACTIVE', ''],
    custody: ['custody', 'Custody', 'CUSTODY'],
    warrant: ['warrant', 'Warrant', 'WARRANT'],
    terminated: ['terminated', 'Terminated', 'TERMINATED'],
  },
  officerStatus: {
    active: ['active', 'Active', ''],
    sick: ['sick', 'Sick', 'SICK'],
    leave: ['leave', 'Leave'],
    suspended: ['suspended', 'Suspended'],
    left: ['left', 'Left', 'LEFT'],
    maternity_leave: ['maternity_leave', 'Maternity Leave', 'maternity-leave', 'MATERNITY LEAVE'],
  },
  grade: {
    PO: ['PO', 'po', 'Po'],
    PSO: ['PSO', 'pso', 'Pso'],
    PQiP: ['PQiP', 'pqip', 'PQIP'],
    SPO: ['SPO', 'spo'],
    Trainee: ['Trainee'],
  },
  tier: {
    A3: ['A3', 'a3'],
    B2: ['B2', 'b2'],
    C1S: ['C1S', 'c1s', 'C1s'],
    D0: ['D0', 'd0'],
  },
  hours: {
    '37': ['37', '37.0', '37.00'],
    '22.5': ['22.5', '22.50'],
    '18': ['18', '18.0'],
  },
  mappa: {
    '0': ['0', 'none', 'None', ''],
    '1': ['1', 'M1', 'm1', 'Level 1'],
    '3': ['3', 'M3', 'LEVEL 3', 'level-3'],
  },
  reduction: {
    '0': ['0', '0%', ''],
    '80': ['80', '80%', '80.0'],
    '100': ['100', '100 %'],
  },
  outcome: {
    attended: ['attended', 'Attended', 'ATTC', 'attc', 'complied', 'Complied', 'attended_complied', 'Attended - Complied'],
    failed_to_attend: ['failed_to_attend', 'Failed to attend', 'FTA', 'fta', 'UAAB', 'unacceptable absence'],
    acceptable_absence: ['acceptable_absence', 'Acceptable Absence', 'AAEM', 'AACL', 'aaho'],
    rescheduled: ['rescheduled', 'Rescheduled', 'RESCHEDULED'],
  },
  contactType: {
    office: ['office', 'Office', 'OFFICE'],
    home_visit: ['home_visit', 'Home Visit', 'home-visit'],
    phone: ['phone', 'Phone'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type WordTable = keyof typeof WORDS;

export type Value =
  | { readonly t: 'empty' }
  /** Text kept as written (trimmed): ids, names, teams. */
  | { readonly t: 'text'; readonly text: string }
  /** Text that cannot be read as what the column holds: written the same in every form. */
  | { readonly t: 'raw'; readonly text: string }
  | { readonly t: 'date'; readonly day: number }
  | { readonly t: 'word'; readonly table: WordTable; readonly key: string };

export type Row = Readonly<Record<string, Value>>;

export interface FileModel {
  /** Canonical column names, in SPEC order. */
  readonly columns: readonly string[];
  readonly rows: readonly Row[];
}

export interface ExportModel {
  readonly asOf: number;
  readonly officers: FileModel;
  readonly offenders: FileModel;
  readonly contacts: FileModel | null;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

export const OFFICER_IDS = ['P1', 'P2', 'P3', 'O;4', 'Q|5', 'R "6"', 'S,7', 'Të8'];
export const CRNS = ['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X,7', 'X"8"', 'É9', 'X;10', 'X\t11', 'X|12'];

/** Pieces of awkward names: delimiters, quotes, line breaks of every kind, non-ASCII, formula starts. */
const FRAGMENTS = ['Ann', 'Lee', 'Bob', ' ', '  ', ',', '"', '\n', '\r\n', '\r', ';', '|', '\t', "O'Brien", 'é', '€', '£', 'ñ', 'Zoë', 'ß', '😀', '中', 'Ω', '=1+1', '+', '-', '@'];

export const awkwardText = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('Ann King', 'Rhys Phillips', 'Nia O\'Brien') },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')) },
);

/** Text that needs no quoting with any delimiter: such a file takes the reader's quote-free path. */
const PLAIN_FRAGMENTS = FRAGMENTS.filter((fragment) => !/[",;|\t\r\n]/.test(fragment));
const plainText = fc.array(fc.constantFrom(...PLAIN_FRAGMENTS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
const PLAIN_OFFICER_IDS = OFFICER_IDS.filter((id) => !/[",;|\t\r\n]/.test(id));
const PLAIN_CRNS = CRNS.filter((crn) => !/[",;|\t\r\n]/.test(crn));

const DAY_MS = 86_400_000;
export const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const empty: fc.Arbitrary<Value> = fc.constant({ t: 'empty' });
const text = (arbitrary: fc.Arbitrary<string>): fc.Arbitrary<Value> => arbitrary.map((value) => ({ t: 'text', text: value }));
const raw = (...texts: string[]): fc.Arbitrary<Value> => fc.constantFrom(...texts).map((value) => ({ t: 'raw', text: value }));
const word = (table: WordTable): fc.Arbitrary<Value> => fc.constantFrom(...Object.keys(WORDS[table])).map((key) => ({ t: 'word', table, key }));
const optional = (arbitrary: fc.Arbitrary<Value>, emptyWeight = 1): fc.Arbitrary<Value> =>
  fc.oneof({ weight: emptyWeight, arbitrary: empty }, { weight: 4, arbitrary });

/** Dates no reading can make real: in both day orders, in every form. */
const BAD_DATES = ['notadate', '2026-02-30', '31/02/2026', '32 Jan 2026', '2026-13-01', 'soon'];

function dateArb(asOf: number, latest = 5): fc.Arbitrary<Value> {
  const day = fc.oneof(fc.integer({ min: -40, max: latest }), fc.integer({ min: -800, max: latest })).map((offset): Value => ({ t: 'date', day: asOf + offset }));
  return fc.oneof({ weight: 2, arbitrary: empty }, { weight: 8, arbitrary: day }, { weight: 1, arbitrary: raw(...BAD_DATES) });
}

/** Pools of text: awkward, or (`plain`) needing no quotes, as most real exports. */
interface Pools {
  readonly officerIds: readonly string[];
  readonly crns: readonly string[];
  readonly names: fc.Arbitrary<string>;
  pick(awkward: readonly string[]): fc.Arbitrary<string>;
}

function pools(plain: boolean): Pools {
  const quoteFree = (texts: readonly string[]): string[] => texts.filter((text) => !/[",;|\t\r\n]/.test(text));
  return {
    officerIds: plain ? PLAIN_OFFICER_IDS : OFFICER_IDS,
    crns: plain ? PLAIN_CRNS : CRNS,
    names: plain ? plainText : awkwardText,
    pick: (awkward) => fc.constantFrom(...(plain ? quoteFree(awkward) : awkward)),
  };
}

function columnArbs(kind: FileKind, asOf: number, pool: Pools): Record<string, fc.Arbitrary<Value>> {
  const date = dateArb(asOf);
  const { officerIds, crns, names, pick } = pool;
  switch (kind) {
    case 'officers':
      return {
        officer_id: fc.oneof({ weight: 12, arbitrary: text(fc.constantFrom(...officerIds)) }, { weight: 1, arbitrary: empty }),
        name: optional(text(names)),
        grade: optional(word('grade')),
        team: optional(text(pick(['Camden North', 'Team, "A"', 'Haringey|East', 'Équipe; B', 'Team\nC', '=Team']))),
        pdu: optional(text(pick(['North London', 'Barnet, Enfield and Haringey', 'PDU "1"']))),
        manager_id: optional(text(fc.constantFrom(...officerIds))),
        contracted_hours: fc.oneof(empty, word('hours'), raw('full time')),
        status: optional(word('officerStatus')),
        status_since: date,
        start_date: date,
        agency: optional(fc.oneof(word('flag'), raw('maybe'))),
        last_supervision: date,
        email: optional(text(pick(['ann@probation.example', '"Lee, Ann" <ann.lee@probation.example>']))),
        reduction_pct: fc.oneof(empty, word('reduction'), raw('most', '120')),
      };
    case 'offenders':
      return {
        crn: fc.oneof({ weight: 14, arbitrary: text(fc.constantFrom(...crns)) }, { weight: 1, arbitrary: empty }, { weight: 1, arbitrary: text(fc.constant('  ')) }),
        officer_id: fc.oneof({ weight: 6, arbitrary: text(fc.constantFrom(...officerIds, 'Z9 unknown')) }, { weight: 1, arbitrary: empty }),
        risk: fc.oneof({ weight: 8, arbitrary: word('risk') }, { weight: 1, arbitrary: empty }, { weight: 1, arbitrary: raw('severe', 'mediumish') }),
        name: optional(text(names)),
        tier: fc.oneof(empty, word('tier'), raw('E9')),
        sentence_type: optional(text(pick(['community_order', 'licence', 'Suspended Sentence, 12m']))),
        start_date: date,
        end_date: dateArb(asOf, 400),
        last_contact: dateArb(asOf, 10),
        address_known: fc.oneof(empty, word('recorded'), raw('maybe')),
        da_flag: fc.oneof({ weight: 6, arbitrary: word('flag') }, { weight: 1, arbitrary: raw('perhaps') }),
        da_check: date,
        safeguarding_flag: word('flag'),
        safeguarding_check: date,
        last_assessment: date,
        status: fc.oneof({ weight: 2, arbitrary: empty }, { weight: 6, arbitrary: word('caseStatus') }, { weight: 1, arbitrary: raw('on hold') }),
        team: optional(text(pick(['Camden North', 'Team, "A"', 'Haringey|East']))),
        pdu: optional(text(pick(['North London', 'Barnet, Enfield and Haringey']))),
        reset: fc.oneof({ weight: 6, arbitrary: word('flag') }, { weight: 1, arbitrary: raw('perhaps') }),
        mappa_level: fc.oneof(empty, word('mappa'), raw('M7', 'Level 5')),
      };
    case 'contacts':
      return {
        crn: fc.oneof({ weight: 12, arbitrary: text(fc.constantFrom(...crns)) }, { weight: 1, arbitrary: text(fc.constant('X99 unknown')) }, { weight: 1, arbitrary: empty }),
        date: fc.oneof({ weight: 12, arbitrary: fc.integer({ min: -400, max: 10 }).map((offset): Value => ({ t: 'date', day: asOf + offset })) }, { weight: 1, arbitrary: empty }, { weight: 1, arbitrary: raw(...BAD_DATES) }),
        outcome: optional(word('outcome')),
        type: optional(word('contactType')),
        officer_id: optional(text(fc.constantFrom(...officerIds))),
      };
  }
}

const REQUIRED: Record<FileKind, string[]> = { officers: ['officer_id'], offenders: ['crn', 'officer_id', 'risk'], contacts: ['crn', 'date'] };

function fileArb(kind: FileKind, asOf: number, pool: Pools, rows: { min: number; max: number }): fc.Arbitrary<FileModel> {
  const arbs = columnArbs(kind, asOf, pool);
  const names = COLUMNS[kind].map((column) => column.name as string);
  const optionalNames = names.filter((name) => !REQUIRED[kind].includes(name));
  return fc.subarray(optionalNames).chain((chosen) => {
    const columns = names.filter((name) => REQUIRED[kind].includes(name) || chosen.includes(name));
    const row = fc.record(Object.fromEntries(columns.map((name) => [name, arbs[name]!])) as Record<string, fc.Arbitrary<Value>>);
    return fc.array(row, { minLength: rows.min, maxLength: rows.max }).map((generated): FileModel => ({ columns, rows: generated }));
  });
}

export const AS_OF_RANGE = { min: dayOf('2025-01-01'), max: dayOf('2027-12-31') };

/**
 * An export; a third of them (`plain`: all of them) with text that needs no quoting, so the
 * quote-free reader (and the parallel contacts reader) are tried too.
 */
export function exportModelOf(plain: 'sometimes' | 'always'): fc.Arbitrary<ExportModel> {
  return fc.tuple(fc.integer(AS_OF_RANGE), fc.integer({ min: 0, max: 2 })).chain(([asOf, coin]) => {
    const pool = pools(plain === 'always' || coin === 0);
    return fc.record({
      asOf: fc.constant(asOf),
      officers: fileArb('officers', asOf, pool, { min: 1, max: 6 }),
      offenders: fileArb('offenders', asOf, pool, { min: 1, max: 12 }),
      contacts: fc.option(fileArb('contacts', asOf, pool, { min: 0, max: 25 }), { freq: 4 }),
    });
  }).filter(readable);
}

/** A key cell that places its row: neither empty nor blank. */
const placed = (value: Value | undefined): boolean => value !== undefined && value.t !== 'empty' && !(value.t === 'text' && value.text.trim() === '');

/** An export with no officer or no case that can be read is an input error (tested on its own in test/read/all-clear.test.ts). */
function readable(model: ExportModel): boolean {
  return model.officers.rows.some((row) => placed(row.officer_id)) && model.offenders.rows.some((row) => placed(row.crn));
}

export const exportModel = exportModelOf('sometimes');

// ---------------------------------------------------------------------------------------------
// Styles

export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'win1252';
export type HeaderStyle = 'canonical' | 'alias' | 'upper' | 'title' | 'hyphen' | 'padded' | 'dotted' | 'mixed';

export interface FileStyle {
  /** Detected from the header: , ; tab |. Given with --delimiter: any one character. */
  readonly delimiter: ',' | ';' | '\t' | '|' | '#' | '^' | '~';
  /** minimal: only fields that must be (a delimiter, quote or line break); all: every field; random: minimal plus a coin toss. */
  readonly quoting: 'minimal' | 'all' | 'random';
  /** Resolved against the text by `resolveEncodings`: windows-1252 only when every character has a byte there. */
  readonly encoding: Encoding;
  readonly eol: '\n' | '\r\n' | '\r';
  readonly finalEol: boolean;
  readonly headers: HeaderStyle;
  /** Unknown columns, to be ignored. */
  readonly extraColumns: number;
  readonly blankLines: 'none' | 'some' | 'many';
  /** Fixes the small choices: column order, word spellings, date forms, padding. */
  readonly seed: number;
}

export interface RunStyle {
  readonly officers: FileStyle;
  readonly offenders: FileStyle;
  readonly contacts: FileStyle;
  readonly dateOrder: 'dmy' | 'mdy';
  /** Ask for windows-1252 (--encoding windows-1252), where every file's text allows it. */
  readonly windows1252: boolean;
  /** Pass the delimiter (--delimiter) instead of letting it be detected: every file then uses it. */
  readonly explicitDelimiter: boolean;
}

const fileStyle: fc.Arbitrary<FileStyle> = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  quoting: fc.constantFrom('minimal', 'all', 'random'),
  encoding: fc.constantFrom('utf8', 'utf8bom', 'utf16le', 'win1252'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  finalEol: fc.boolean(),
  headers: fc.constantFrom('canonical', 'alias', 'upper', 'title', 'hyphen', 'padded', 'dotted', 'mixed'),
  extraColumns: fc.integer({ min: 0, max: 2 }),
  blankLines: fc.constantFrom('none', 'some', 'many'),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
});

export const runStyle: fc.Arbitrary<RunStyle> = fc
  .record({
    officers: fileStyle,
    offenders: fileStyle,
    contacts: fileStyle,
    dateOrder: fc.constantFrom('dmy', 'mdy'),
    windows1252: fc.boolean(),
    explicitDelimiter: fc.boolean(),
    /** With --delimiter, sometimes a character no export is detected by. */
    otherDelimiter: fc.option(fc.constantFrom('#' as const, '^' as const, '~' as const), { freq: 3 }),
  })
  .map(({ otherDelimiter, ...style }): RunStyle => {
    if (!style.explicitDelimiter) return style;
    // One --delimiter is for every file.
    const delimiter = otherDelimiter ?? style.officers.delimiter;
    return { ...style, officers: { ...style.officers, delimiter }, offenders: { ...style.offenders, delimiter }, contacts: { ...style.contacts, delimiter } };
  });

export const CANONICAL_STYLE: FileStyle = {
  delimiter: ',',
  quoting: 'minimal',
  encoding: 'utf8',
  eol: '\n',
  finalEol: true,
  headers: 'canonical',
  extraColumns: 0,
  blankLines: 'none',
  seed: 0,
};

// ---------------------------------------------------------------------------------------------
// Writing

type Random = () => number;
const choose = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const TIMES = ['T10:30:00', ' 09:15', 'T23:59:59Z', 'T00:30:00+01:00', 'T08:00:00.000Z', ' 7:05:00'];

/** One of the SPEC's date forms for `day`, chosen by `rand`. */
export function dateText(day: number, rand: Random, order: 'dmy' | 'mdy'): string {
  const [y, m, d] = isoOf(day).split('-').map(Number) as [number, number, number];
  const pad = (n: number): string => String(n).padStart(2, '0');
  const maybePad = (n: number): string => (rand() < 0.5 ? pad(n) : String(n));
  const slashed = (year: string): string => (order === 'dmy' ? `${maybePad(d)}/${maybePad(m)}/${year}` : `${maybePad(m)}/${maybePad(d)}/${year}`);
  const month = (): string => {
    const name = rand() < 0.7 ? MONTHS[m - 1]! : m === 9 && rand() < 0.5 ? 'Sept' : LONG_MONTHS[m - 1]!;
    return choose(rand, [name, name.toUpperCase(), name.toLowerCase()]);
  };
  const forms = [
    () => isoOf(day),
    () => `${isoOf(day)}${choose(rand, TIMES)}`,
    () => `${y}-${maybePad(m)}-${maybePad(d)}`,
    () => slashed(String(y)),
    () => (y >= 2000 && y <= 2099 ? slashed(pad(y - 2000)) : slashed(String(y))),
    () => `${maybePad(d)} ${month()} ${y}`,
    () => `${d}-${month()}-${y}`,
    () => `${slashed(String(y))}${choose(rand, TIMES.filter((time) => time.startsWith(' ')))}`,
  ];
  return choose(rand, forms)();
}

/** How a value is written: canonically, or in any spelling the SPEC accepts. */
function valueText(value: Value, rand: Random | null, order: 'dmy' | 'mdy'): string {
  switch (value.t) {
    case 'empty':
      return '';
    case 'text':
    case 'raw':
      return value.text;
    case 'date':
      return rand === null ? isoOf(value.day) : dateText(value.day, rand, order);
    case 'word': {
      const spellings = (WORDS[value.table] as Record<string, readonly string[]>)[value.key]!;
      return rand === null ? spellings[0]! : choose(rand, spellings);
    }
  }
}

const canonicalText = (value: Value): string => valueText(value, null, 'dmy');

/** A row all of whose cells are empty once trimmed: a blank line, not a record. */
export const isBlankRow = (row: Row): boolean => Object.values(row).every((value) => canonicalText(value).trim() === '');

/** Header text for a canonical column name in a given style. */
function headerText(kind: FileKind, column: string, style: HeaderStyle, rand: Random): string {
  if (style === 'canonical') return column;
  const aliases = (COLUMNS[kind].find((spec) => spec.name === column)?.aliases ?? []) as readonly string[];
  const name = style === 'alias' || rand() < 0.5 ? choose(rand, [column, ...aliases]) : column;
  const styled = style === 'mixed' || style === 'alias' ? choose(rand, ['canonical', 'upper', 'title', 'hyphen', 'padded', 'dotted'] as const) : style;
  const words = name.split('_');
  switch (styled) {
    case 'canonical':
      return name;
    case 'upper':
      return name.toUpperCase();
    case 'title':
      return words.map((part) => part[0]!.toUpperCase() + part.slice(1)).join(' ');
    case 'hyphen':
      return words.join('-');
    case 'padded':
      return `  ${words.join(' ')} `;
    case 'dotted':
      return `${words.map((part) => part[0]!.toUpperCase() + part.slice(1)).join('.')}.`;
  }
}

/** Unknown columns an export may carry; none normalises to a name or alias of the file. */
const EXTRA_HEADERS = ['Notes', 'Comments', 'Region Code', 'Last Updated', 'Ref (internal)'];
export function extraHeaders(kind: FileKind): string[] {
  const known = new Set(COLUMNS[kind].flatMap((spec) => [spec.name as string, ...(spec.aliases as readonly string[])]));
  return EXTRA_HEADERS.filter((header) => !known.has(normaliseHeader(header)));
}

function quoteField(text: string, delimiter: string, quote: boolean): string {
  const needed = text.includes(delimiter) || /["\r\n]/.test(text);
  return needed || quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Physical line (1-based) of each character offset: LF, CR and CRLF each end one line. */
function linesAt(text: string, offsets: readonly number[]): number[] {
  const wanted = [...offsets].map((offset, at) => ({ offset, at })).sort((a, b) => a.offset - b.offset);
  const lines = new Array<number>(offsets.length);
  let line = 1;
  let next = 0;
  for (let at = 0; at <= text.length && next < wanted.length; at++) {
    while (next < wanted.length && wanted[next]!.offset === at) lines[wanted[next++]!.at] = line;
    const code = text.charCodeAt(at);
    if (code === 13 || (code === 10 && text.charCodeAt(at - 1) !== 13)) line++;
  }
  return lines;
}

export interface WrittenFile {
  readonly text: string;
  readonly bytes: Buffer;
  /** Physical line on which each model row starts (blank rows included, though they hold no record). */
  readonly lines: number[];
}

/** Writes one file of the model in the given style (`canonical`: no small choices either). */
export function writeFile(kind: FileKind, file: FileModel, style: FileStyle, options: { canonical: boolean; dateOrder: 'dmy' | 'mdy' }): WrittenFile {
  // The writer's small choices, from the generators' own seeded stream.
  const rand = mulberry32(style.seed);
  const { delimiter, eol } = style;
  const extras = extraHeaders(kind).slice(0, style.extraColumns);
  // Column order: the SPEC's for the canonical form, shuffled otherwise; unknown columns anywhere.
  const order: (string | { extra: number })[] = [...file.columns, ...extras.map((_, extra) => ({ extra }))];
  if (!options.canonical) {
    for (let at = order.length - 1; at > 0; at--) {
      const other = Math.floor(rand() * (at + 1));
      [order[at], order[other]] = [order[other]!, order[at]!];
    }
  }
  const quote = (): boolean => style.quoting === 'all' || (style.quoting === 'random' && rand() < 0.5);
  const padding = (): string => (options.canonical || rand() < 0.7 ? '' : choose(rand, [' ', '  ']));
  const blank = (): string => {
    const width = order.length;
    const quoted = style.quoting === 'minimal' ? [] : [Array(width).fill('""').join(delimiter)];
    return choose(rand, ['', '', ' ', delimiter.repeat(width - 1), Array(width).fill(' ').join(delimiter), ...quoted]);
  };
  const blankLines = (): string[] => {
    const chance = style.blankLines === 'none' ? 0 : style.blankLines === 'some' ? 0.15 : 0.5;
    const lines: string[] = [];
    while (rand() < chance && lines.length < 3) lines.push(blank());
    return lines;
  };

  let text = '';
  const pieces: string[] = [];
  const push = (line: string): void => {
    pieces.push(line);
  };
  for (const line of blankLines()) push(line);
  push(order.map((column) => quoteField(typeof column === 'string' ? headerText(kind, column, style.headers, rand) : extras[column.extra]!, delimiter, quote())).join(delimiter));
  const rowPieces: number[] = [];
  for (const row of file.rows) {
    for (const line of blankLines()) push(line);
    const blankRow = isBlankRow(row);
    const cells = order.map((column) => {
      // With minimal quoting, a file of quote-free values stays quote-free (the reader's fast path).
      if (typeof column !== 'string') return blankRow ? '' : choose(rand, style.quoting === 'minimal' ? ['', 'n/a', 'see notes p.2'] : ['', 'n/a', 'see "notes", p.2', 'x\ny']);
      const value = row[column]!;
      return options.canonical ? canonicalText(value) : `${padding()}${valueText(value, rand, options.dateOrder)}${padding()}`;
    });
    // An empty spelling (no, active) must not turn a row that holds something into a blank line.
    if (!blankRow && cells.every((cell) => cell.trim() === '')) {
      const at = order.findIndex((column) => typeof column === 'string' && canonicalText(row[column]!).trim() !== '');
      cells[at] = canonicalText(row[order[at] as string]!);
    }
    rowPieces.push(pieces.length);
    push(cells.map((cell) => quoteField(cell, delimiter, quote())).join(delimiter));
  }
  for (const line of blankLines()) push(line);

  const offsets: number[] = [];
  pieces.forEach((piece, at) => {
    if (rowPieces.includes(at)) offsets.push(text.length);
    text += piece + (at < pieces.length - 1 || style.finalEol ? eol : '');
  });
  return { text, bytes: encode(text, style.encoding), lines: linesAt(text, offsets) };
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'win1252':
      return iconv.encode(text, 'win1252');
  }
}

export const fitsWindows1252 = (text: string): boolean => iconv.decode(iconv.encode(text, 'win1252'), 'win1252') === text;
const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

/**
 * The encoding each file is really written in. --encoding windows-1252 is asked for only when
 * the style wants it and every file can be written so; then each file is windows-1252, UTF-8
 * with a BOM or UTF-16 with a BOM (a BOM wins), or BOM-less UTF-8 when it is plain ASCII.
 * Otherwise windows-1252 is not on offer.
 */
export function resolveEncodings(texts: Record<FileKind, string | null>, style: RunStyle): { windows1252: boolean; encodings: Record<FileKind, Encoding> } {
  const all = Object.values(texts).filter((text): text is string => text !== null);
  const windows1252 = style.windows1252 && all.every(fitsWindows1252);
  const resolve = (kind: FileKind): Encoding => {
    const wanted = style[kind].encoding;
    const text = texts[kind] ?? '';
    if (windows1252) return wanted === 'utf8' && !isAscii(text) ? 'win1252' : wanted;
    return wanted === 'win1252' ? 'utf8' : wanted;
  };
  return { windows1252, encodings: { officers: resolve('officers'), offenders: resolve('offenders'), contacts: resolve('contacts') } };
}

export interface WrittenExport {
  readonly files: Partial<Record<FileKind, WrittenFile>>;
  /** --encoding windows-1252 is needed. */
  readonly windows1252: boolean;
  /** --delimiter, when the style passes it. */
  readonly delimiter: string | undefined;
  readonly dateOrder: 'dmy' | 'mdy';
}

export function writeCanonical(model: ExportModel, dateOrder: 'dmy' | 'mdy' = 'dmy'): WrittenExport {
  const files: Partial<Record<FileKind, WrittenFile>> = {};
  for (const kind of ['officers', 'offenders', 'contacts'] as const) {
    const file = model[kind];
    if (file !== null) files[kind] = writeFile(kind, file, CANONICAL_STYLE, { canonical: true, dateOrder });
  }
  return { files, windows1252: false, delimiter: undefined, dateOrder };
}

export function writeVariant(model: ExportModel, style: RunStyle): WrittenExport {
  const texts: Record<FileKind, string | null> = { officers: null, offenders: null, contacts: null };
  const drafts: Partial<Record<FileKind, WrittenFile>> = {};
  for (const kind of ['officers', 'offenders', 'contacts'] as const) {
    const file = model[kind];
    if (file === null) continue;
    // With one column there is no delimiter on the header line to detect: comma is what is read.
    const oneColumn = file.columns.length + Math.min(style[kind].extraColumns, extraHeaders(kind).length) === 1;
    const fileStyle = oneColumn && !style.explicitDelimiter ? { ...style[kind], delimiter: ',' as const } : style[kind];
    drafts[kind] = writeFile(kind, file, fileStyle, { canonical: false, dateOrder: style.dateOrder });
    texts[kind] = drafts[kind]!.text;
  }
  const { windows1252, encodings } = resolveEncodings(texts, style);
  const files: Partial<Record<FileKind, WrittenFile>> = {};
  for (const [kind, draft] of Object.entries(drafts) as [FileKind, WrittenFile][]) {
    files[kind] = { ...draft, bytes: encode(draft.text, encodings[kind]) };
  }
  return { files, windows1252, delimiter: style.explicitDelimiter ? style.officers.delimiter : undefined, dateOrder: style.dateOrder };
}

// ---------------------------------------------------------------------------------------------
// What the SPEC says the model reads to, worked out from the model alone

const trimmed = (value: Value | undefined): string => (value === undefined ? '' : canonicalText(value).trim());

export interface Expected {
  /** Non-blank rows (records) per file, with the model row index of each. */
  readonly rows: Record<FileKind, number[]>;
  readonly rejected: Record<FileKind, number[]>;
  /** crn → whether its case is analysed (false: its last row is terminated). */
  readonly crns: Map<string, boolean>;
}

export function expected(model: ExportModel): Expected {
  const records = (file: FileModel | null): number[] => (file === null ? [] : file.rows.flatMap((row, at) => (isBlankRow(row) ? [] : [at])));
  const rows = { officers: records(model.officers), offenders: records(model.offenders), contacts: records(model.contacts) };
  const crns = new Map<string, boolean>();
  const rejectedOffenders: number[] = [];
  for (const at of rows.offenders) {
    const row = model.offenders.rows[at]!;
    const crn = trimmed(row.crn);
    if (crn === '') rejectedOffenders.push(at);
    else {
      const status = row.status;
      crns.delete(crn); // a later row wins
      crns.set(crn, !(status?.t === 'word' && status.key === 'terminated'));
    }
  }
  const rejectedContacts = rows.contacts.filter((at) => {
    const row = model.contacts!.rows[at]!;
    const crn = trimmed(row.crn);
    const date = row.date!;
    return crn === '' || date.t !== 'date' || !crns.has(crn) || date.day > model.asOf;
  });
  return {
    rows,
    rejected: { officers: rows.officers.filter((at) => trimmed(model.officers.rows[at]!.officer_id) === ''), offenders: rejectedOffenders, contacts: rejectedContacts },
    crns,
  };
}
