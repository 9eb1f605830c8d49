/**
 * Every command-line option, declared once: its flags, help, which commands take it, and how
 * its value is checked (zod). Commands name option groups; main.ts registers them.
 */
import { z } from 'zod';
import { CASE_FLAGS } from '../analyse/report.js';
import { OFFICER_SORTS } from '../analyse/officers.js';
import { UsageError } from '../errors.js';
import { FORMATS } from '../render/index.js';
import { DEFAULT_FROM, parseMailbox } from '../render/email.js';
import { parseEncoding } from '../read/source.js';
import { INVALID, parseDate, RISKS } from '../read/values.js';

export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  /** Repeatable options and comma lists collect into an array. */
  readonly list?: boolean;
}

export const OPTION_GROUPS = {
  input: {
    asOf: { flags: '--as-of <date>', description: 'analyse as of this date, YYYY-MM-DD (default: today)' },
    config: { flags: '--config <file>', description: 'config file (default: ./caseload.config.json when present)' },
    encoding: { flags: '--encoding <name>', description: 'input encoding: utf-8 (default; UTF-16 with a BOM is detected), windows-1252, latin1' },
    delimiter: { flags: '--delimiter <char>', description: 'field delimiter: , ; tab | (default: detected from the header)' },
    dateOrder: { flags: '--date-order <order>', description: 'slashed dates day-first (dmy, default) or month-first (mdy)' },
    strict: { flags: '--strict', description: 'treat any data issue as an input error (exit 3)' },
    threads: { flags: '--threads <n>', description: 'worker threads for a large contacts.csv (default: cores, at most 4; 1 reads one stream)' },
  },
  files: {
    officers: { flags: '--officers <file>', description: "officers.csv to read instead of the folder's (- for stdin)" },
    offenders: { flags: '--offenders <file>', description: "offenders.csv to read instead of the folder's (- for stdin)" },
    contacts: { flags: '--contacts <file>', description: "contacts.csv to read instead of the folder's (- for stdin)" },
  },
  output: {
    format: { flags: '--format <format>', description: `output format: ${FORMATS.join(', ')} (default: table)` },
    json: { flags: '--json', description: 'same as --format json' },
    limit: { flags: '--limit <n>', description: 'rows to show (tables default to 25; other formats to all)' },
    redact: { flags: '--redact', description: 'leave every name out of the output' },
    color: { flags: '--color', description: 'colour the table even when not on a terminal' },
    noColor: { flags: '--no-color', description: 'never colour (NO_COLOR also works)' },
  },
  findings: {
    failOn: { flags: '--fail-on <what>', description: 'exit 1 when findings match: lost, overdue, warnings, any', list: true },
    quiet: { flags: '--quiet', description: 'print nothing when nothing is flagged (for cron)' },
  },
  filters: {
    all: { flags: '--all', description: 'every case, not only flagged ones' },
    flag: { flags: '--flag <code>', description: 'cases with this flag (repeat or comma-separate)', list: true },
    risk: { flags: '--risk <level>', description: 'cases at this risk: low, medium, high, very_high, unknown', list: true },
    officer: { flags: '--officer <id>', description: "this officer's cases", list: true },
    team: { flags: '--team <team>', description: "this team's cases", list: true },
    pdu: { flags: '--pdu <pdu>', description: "this PDU's cases", list: true },
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
    splitBy: { flags: '--split-by <key>', description: 'one digest per manager or team, to their officers.csv email: manager, team' },
    dryRun: { flags: '--dry-run <dir>', description: 'write the digests as .eml files into this folder instead of sending them' },
  },
  sort: {
    sort: { flags: '--sort <key>', description: `rank officers by ${OFFICER_SORTS.join(', ')} (default: capacity)` },
  },
} as const satisfies Record<string, Record<string, OptionSpec>>;

export type OptionGroup = keyof typeof OPTION_GROUPS;

const listOf = <T extends z.ZodType>(item: T) => z.array(item).default([]);

const asOfDate = z.string().transform((text, context) => {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text) : INVALID;
  if (day === INVALID || day === null) {
    context.addIssue({ code: 'custom', message: `expected a real date as YYYY-MM-DD, got "${text}"` });
    return z.NEVER;
  }
  return day;
});

const DELIMITER_NAMES: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };

/** The raw values commander collected, checked and turned into what the run needs. */
export const optionsSchema = z.object({
  asOf: asOfDate.optional(),
  previousAsOf: asOfDate.optional(),
  officers: z.string().optional(),
  offenders: z.string().optional(),
  contacts: z.string().optional(),
  config: z.string().optional(),
  encoding: z
    .string()
    .transform((name, context) => {
      const encoding = parseEncoding(name);
      if (encoding === null) {
        context.addIssue({ code: 'custom', message: `unknown encoding "${name}" (utf-8, utf-16le, windows-1252, latin1)` });
        return z.NEVER;
      }
      return encoding;
    })
    .optional(),
  delimiter: z
    .string()
    .transform((text) => DELIMITER_NAMES[text.toLowerCase()] ?? text)
    .refine((text) => text.length === 1 && !/["\r\n]/.test(text), 'expected one character, or tab')
    .optional(),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  strict: z.boolean().default(false),
  threads: z.coerce.number().int('expected a positive integer').positive('expected a positive integer').optional(),
  format: z.enum(FORMATS).optional(),
  json: z.boolean().default(false),
  limit: z.coerce.number({ error: 'expected a positive integer' }).int('expected a positive integer').positive('expected a positive integer').optional(),
  redact: z.boolean().default(false),
  color: z.boolean().optional(),
  failOn: listOf(z.enum(['lost', 'overdue', 'warnings', 'any'])),
  quiet: z.boolean().default(false),
  all: z.boolean().default(false),
  flag: listOf(z.enum(CASE_FLAGS)),
  risk: listOf(z.enum([...RISKS, 'unknown'])),
  officer: listOf(z.string()),
  team: listOf(z.string()),
  pdu: listOf(z.string()),
  sort: z.enum(OFFICER_SORTS).optional(),
  to: listOf(z.string().refine((text) => parseMailbox(text) !== null, 'expected an email address')),
  from: z
    .string()
    .refine((text) => parseMailbox(text) !== null, 'expected an email address')
    .default(DEFAULT_FROM),
  subject: z.string().optional(),
  includeNames: z.boolean().default(false),
  splitBy: z.enum(['manager', 'team']).optional(),
  dryRun: z.string().min(1, 'expected a folder').optional(),
  debug: z.boolean().default(false),
});

export type RunOptions = z.output<typeof optionsSchema>;

const FLAG_OF: Record<string, string> = Object.fromEntries(
  Object.values(OPTION_GROUPS).flatMap((group) =>
    Object.entries(group).map(([key, spec]: [string, OptionSpec]) => [key, spec.flags.split(' ')[0]!]),
  ),
);

/** `--limit: expected a positive integer` */
export function parseOptions(raw: Record<string, unknown>): RunOptions {
  const result = optionsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path[0]);
  let message = issue.message;
  if (issue.code === 'invalid_value') message = `expected one of ${issue.values.map(String).join(', ')}`;
  const given = issue.path.length > 1 ? ` (got "${String((raw[key] as unknown[])[Number(issue.path[1])])}")` : '';
  throw new UsageError(`${FLAG_OF[key] ?? key}: ${message}${given}`);
}

/** Collects repeated and comma-separated values: `--flag a,b --flag c` → [a, b, c]. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((part) => part.trim()).filter((part) => part !== '')];
}
