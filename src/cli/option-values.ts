/** The values of the options (options.ts), checked with zod and turned into what a run needs. */
import { z } from 'zod';
import { OFFICER_SORTS } from '../analyse/officers.js';
import { MAX_WITHIN_DAYS } from '../analyse/due.js';
import { UsageError } from '../errors.js';
import { FORMATS } from '../render/formats.js';
import { parseMailbox } from '../render/mailbox.js';
import { DEFAULT_FROM } from '../render/formats.js';
import { parseEncoding } from '../read/source.js';
import { INVALID, parseDate } from '../read/values.js';
import { OPTION_GROUPS, type OptionSpec } from './options.js';

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
  // Filter values are resolved against the export once it is analysed (analyse/filters.ts).
  flag: listOf(z.string()),
  risk: listOf(z.string()),
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
  splitBy: z.enum(['manager', 'team', 'officer']).optional(),
  view: z.enum(['due']).optional(),
  dryRun: z.string().min(1, 'expected a folder').optional(),
  maxCapacity: z.coerce.number({ error: 'expected a percentage above 0' }).positive('expected a percentage above 0').optional(),
  only: listOf(z.string()),
  debug: z.boolean().default(false),
  within: z.coerce
    .number({ error: 'expected a whole number of days, 0-365' })
    .int('expected a whole number of days, 0-365')
    .min(0, 'expected a whole number of days, 0-365')
    .max(MAX_WITHIN_DAYS, 'expected a whole number of days, 0-365')
    .optional(),
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

