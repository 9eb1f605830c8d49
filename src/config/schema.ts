/** The config file (SPEC 4): every threshold of the rules, validated with zod. */
import { z } from 'zod';
import { FILE_KINDS } from '../read/columns.js';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
const points = z.number().nonnegative();

const riskTable = <T extends z.ZodType>(value: T) =>
  z.strictObject({ very_high: value, high: value, medium: value, low: value, unknown: value });

const TIERS = ['A3', 'A2', 'A1', 'A0', 'B3', 'B2', 'B1', 'B0', 'C3', 'C2', 'C1', 'C0', 'D3', 'D2', 'D1', 'D0'] as const;

const aliasTable = z.record(z.string(), z.array(z.string().min(1)));

export const configSchema = z.strictObject({
  contact_standards: riskTable(positiveInt),
  first_contact_days: nonNegativeInt,
  lost_after_days: positiveInt,
  absent_after_days: nonNegativeInt,
  assessment_review_days: positiveInt,
  supervision_days: positiveInt,
  manager_span: positiveInt,
  unallocated_pattern: z
    .string()
    .refine((pattern) => isRegExp(pattern), 'expected a valid regular expression')
    .nullable(),
  points: z.strictObject({
    tiers: z.strictObject(Object.fromEntries(TIERS.map((tier) => [tier, points])) as Record<(typeof TIERS)[number], typeof points>),
    risks: riskTable(points),
  }),
  nominal_target: z.number().positive(),
  custody_weight: z.number().min(0).max(1),
  contacts: z.strictObject({
    count_outcomes: z.array(z.string().min(1)).min(1),
    /** null: a contact of any type counts. */
    count_types: z.array(z.string().min(1)).min(1).nullable(),
  }),
  date_order: z.enum(['dmy', 'mdy']),
  columns: z.strictObject(
    Object.fromEntries(FILE_KINDS.map((kind) => [kind, aliasTable])) as Record<(typeof FILE_KINDS)[number], typeof aliasTable>,
  ),
});

export type Config = z.infer<typeof configSchema>;

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
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
