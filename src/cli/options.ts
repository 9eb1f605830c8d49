/**
 * Every command-line option, declared once: its flags, help and group. Commands name option
 * groups; main.ts registers them. Their values are checked in option-values.ts, loaded only
 * when a command runs, so `--help` and `--version` start quickly.
 */
import { OFFICER_SORTS } from '../analyse/officers.js';
import { DEFAULT_FROM, FORMATS, TABLE_ROWS } from '../render/formats.js';

export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  /** Repeatable options and comma lists collect into an array. */
  readonly list?: boolean;
  /** A list whose values are kept whole, to be split later (filters: a name may hold a comma). */
  readonly whole?: boolean;
}

export const OPTION_GROUPS = {
  input: {
    asOf: { flags: '--as-of <date>', description: 'analyse as of this date, YYYY-MM-DD (default: today)' },
    config: { flags: '--config <file>', description: 'config file (default: ./caseload.config.json when present)' },
    encoding: { flags: '--encoding <name>', description: 'input encoding: utf-8 (default; UTF-16 with a BOM is detected), windows-1252, latin1' },
    delimiter: { flags: '--delimiter <char>', description: 'field delimiter: , ; tab | (default: detected from the header)' },
    dateOrder: { flags: '--date-order <order>', description: 'slashed dates day-first (dmy, default) or month-first (mdy)' },
    strict: { flags: '--strict', description: 'treat any data issue as an input error (exit 3)' },
    threads: { flags: '--threads <n>', description: 'worker threads for a large contacts.csv and a long JSON or NDJSON report (default: cores, at most 4; 1: none)' },
  },
  files: {
    officers: { flags: '--officers <file>', description: "officers.csv to read instead of the folder's (- for stdin)" },
    offenders: { flags: '--offenders <file>', description: "offenders.csv to read instead of the folder's (- for stdin)" },
    contacts: { flags: '--contacts <file>', description: "contacts.csv to read instead of the folder's (- for stdin)" },
  },
  output: {
    format: { flags: '--format <format>', description: `output format: ${FORMATS.join(', ')} (default: table)` },
    json: { flags: '--json', description: 'same as --format json' },
    limit: {
      flags: '--limit <n>',
      description:
        `rows of each list to show (default: tables show the report's top ${TABLE_ROWS.report.officers} officers and ${TABLE_ROWS.report.cases} cases, ` +
        `other lists' top ${TABLE_ROWS.list}; other formats show all)`,
    },
    redact: { flags: '--redact', description: 'leave every name out of the output' },
    color: { flags: '--color', description: 'colour the table even when not on a terminal' },
    noColor: { flags: '--no-color', description: 'never colour (NO_COLOR also works)' },
  },
  findings: {
    failOn: {
      flags: '--fail-on <what>',
      description:
        'exit 1 when a shown case is lost, overdue, has a warning (a case flag that does not make it lost), or any (any case, officer or manager flag)',
      list: true,
    },
    quiet: { flags: '--quiet', description: 'print nothing when nothing is flagged (for cron)' },
  },
  filters: {
    all: { flags: '--all', description: 'every case, not only flagged ones' },
    flag: { flags: '--flag <code>', description: 'cases with this flag (repeat or comma-separate)', list: true, whole: true },
    risk: { flags: '--risk <level>', description: 'cases at this risk: low, medium, high, very_high, unknown', list: true, whole: true },
    officer: { flags: '--officer <id>', description: "this officer's cases and row", list: true, whole: true },
    team: { flags: '--team <team>', description: "this team's cases and officers (a name with commas is taken whole)", list: true, whole: true },
    pdu: { flags: '--pdu <pdu>', description: "this PDU's cases and officers (a name with commas is taken whole)", list: true, whole: true },
  },
  diff: {
    all: { flags: '--all', description: 'every case of both exports, unchanged ones too' },
    previousAsOf: {
      flags: '--previous-as-of <date>',
      description: "analyse the previous export as of this date (default: its folder's name when a date, else --as-of less 7 days)",
    },
  },
  email: {
    to: { flags: '--to <address>', description: 'recipient of the digest (repeat or comma-separate)', list: true },
    from: { flags: '--from <address>', description: `sender of the digest (default: ${DEFAULT_FROM})` },
    subject: { flags: '--subject <text>', description: 'subject of the digest (default: the counts and the as-of date)' },
    includeNames: { flags: '--include-names', description: 'put the names of people and officers in the digest (left out by default)' },
  },
  notify: {
    splitBy: { flags: '--split-by <key>', description: 'one digest per manager, team or (with --view due) officer, to their officers.csv email: manager, team, officer' },
    dryRun: { flags: '--dry-run <dir>', description: 'write the digests as .eml files into this folder instead of sending them' },
    view: { flags: '--view <view>', description: "what to mail: flagged cases (default), or due: each officer's worklist (caseload due)" },
    only: { flags: '--only <digests>', description: 'send only these digests, as a failed run names them: manager:ID, team:NAME, officer:ID, no-manager, no-team, no-officer, all', list: true },
  },
  schema: {
    format: { flags: '--format <format>', description: 'the schema of this output format: json (default) or ndjson (each line)' },
  },
  sort: {
    sort: { flags: '--sort <key>', description: `rank officers by ${OFFICER_SORTS.join(', ')} (default: capacity)` },
  },
  due: {
    within: { flags: '--within <days>', description: 'tasks falling due on or before as-of + this many days, 0-365 (default: 7)' },
  },
  plan: {
    team: { flags: '--team <team>', description: 'plan the cases whose home team is this one (repeat; a name with commas is taken whole)', list: true, whole: true },
    pdu: { flags: '--pdu <pdu>', description: 'plan the cases whose home PDU is this one (repeat; a name with commas is taken whole)', list: true, whole: true },
    maxCapacity: { flags: '--max-capacity <pct>', description: 'no receiver above this % of capacity (default: config plan.max_capacity_pct, 100)' },
  },
} as const satisfies Record<string, Record<string, OptionSpec>>;

export type OptionGroup = keyof typeof OPTION_GROUPS;

/** Collects repeated values whole: `--team "Barnet, Enfield" --team Camden` → ["Barnet, Enfield", "Camden"]. */
export function collectWhole(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Collects repeated and comma-separated values: `--flag a,b --flag c` → [a, b, c]. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((part) => part.trim()).filter((part) => part !== '')];
}
