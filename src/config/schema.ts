/** The config file (SPEC 4): every threshold of the rules, validated with zod. */
import { z } from 'zod';
import { backtrackingRisk } from './pattern.js';
import { COLUMNS, type FileKind } from '../read/columns.js';

// Each rule says in its own words what it expects, so the error reads
// `contact_standards.medium: expected a positive integer` and not zod's generic wording.
const POSITIVE_INTEGER = 'expected a positive integer';
const COUNT = 'expected an integer, 0 or more';
const POINTS = 'expected a number, 0 or more';
const positiveInt = z.number({ error: POSITIVE_INTEGER }).int(POSITIVE_INTEGER).positive(POSITIVE_INTEGER);
const nonNegativeInt = z.number({ error: COUNT }).int(COUNT).nonnegative(COUNT);
const points = z.number({ error: POINTS }).nonnegative(POINTS);
const nonEmptyText = (what: string) => z.string({ error: `expected ${what}` }).min(1, `expected ${what}, not an empty string`);

const riskTable = <T extends z.ZodType>(value: T) =>
  z.strictObject({ very_high: value, high: value, medium: value, low: value, unknown: value });

const TIERS = ['A3', 'A2', 'A1', 'A0', 'B3', 'B2', 'B1', 'B0', 'C3', 'C2', 'C1', 'C0', 'D3', 'D2', 'D1', 'D0'] as const;

/**
 * Extra header aliases for one file, by canonical column; a name that is not a column of that
 * file is an unknown key. Typed as a plain record, as the reader takes it.
 */
const aliasTable = (kind: FileKind) =>
  z.strictObject(
    Object.fromEntries(
      COLUMNS[kind].map((spec) => [spec.name, z.array(nonEmptyText('a header name'), { error: 'expected a list of header names' }).optional()]),
    ),
  ) as unknown as z.ZodType<Record<string, string[]>>;

export const configSchema = z.strictObject({
  contact_standards: riskTable(positiveInt),
  first_contact_days: nonNegativeInt,
  lost_after_days: positiveInt,
  absent_after_days: nonNegativeInt,
  assessment_review_days: positiveInt,
  supervision_days: positiveInt,
  manager_span: positiveInt,
  unallocated_pattern: z
    .string({ error: 'expected a regular expression, or null' })
    .superRefine((pattern, context) => {
      const problem = regExpProblem(pattern);
      if (problem !== null) context.addIssue({ code: 'custom', message: `expected a valid regular expression (${problem})` });
      const risk = problem === null ? backtrackingRisk(pattern) : null;
      if (risk !== null) context.addIssue({ code: 'custom', message: `refused: ${risk} can take exponential time on a long officer code; write it without` });
    })
    .nullable(),
  points: z.strictObject({
    tiers: z.strictObject(Object.fromEntries(TIERS.map((tier) => [tier, points])) as Record<(typeof TIERS)[number], typeof points>),
    risks: riskTable(points),
  }),
  nominal_target: z.number({ error: 'expected a positive number' }).positive('expected a positive number'),
  custody_weight: z.number({ error: 'expected a number from 0 to 1' }).min(0, 'expected a number from 0 to 1').max(1, 'expected a number from 0 to 1'),
  contacts: z.strictObject({
    count_outcomes: z.array(nonEmptyText('an outcome'), { error: 'expected a list of outcomes' }).min(1, 'expected at least one outcome'),
    /** null: a contact of any type counts. */
    count_types: z
      .array(nonEmptyText('a contact type'), { error: 'expected a list of contact types, or null for every type' })
      .min(1, 'expected at least one contact type, or null for every type')
      .nullable(),
  }),
  date_order: z.enum(['dmy', 'mdy'], { error: 'expected "dmy" or "mdy"' }),
  columns: z.strictObject({ officers: aliasTable('officers'), offenders: aliasTable('offenders'), contacts: aliasTable('contacts') }),
});

export type Config = z.infer<typeof configSchema>;

/** Why `pattern` is not a regular expression, or null when it is one. */
function regExpProblem(pattern: string): string | null {
  try {
    new RegExp(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export const DEFAULT_CONFIG: Config = {
  contact_standards: { very_high: 7, high: 7, medium: 14, low: 28, unknown: 7 },
  first_contact_days: 7,
  lost_after_days: 56,
  absent_after_days: 21,
  assessment_review_days: 182,
  supervision_days: 90,
  manager_span: 500,
  unallocated_pattern: null,
  points: {
    tiers: {
      A3: 206, A2: 158, A1: 146, A0: 110,
      B3: 146, B2: 115, B1: 102, B0: 72,
      C3: 79, C2: 63, C1: 50, C0: 35,
      D3: 51, D2: 41, D1: 29, D0: 29,
    },
    risks: { very_high: 206, high: 146, medium: 79, low: 51, unknown: 146 },
  },
  nominal_target: 2176,
  custody_weight: 0.35,
  contacts: { count_outcomes: ['attended'], count_types: null },
  date_order: 'dmy',
  columns: { officers: {}, offenders: {}, contacts: {} },
};
