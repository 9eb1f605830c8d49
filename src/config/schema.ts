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

const riskTable = <T extends z.ZodType>(value: T, what: string) =>
  z.strictObject({
    very_high: value.describe(`${what} at very_high risk`),
    high: value.describe(`${what} at high risk`),
    medium: value.describe(`${what} at medium risk`),
    low: value.describe(`${what} at low risk`),
    unknown: value.describe(`${what} whose risk is empty or unreadable`),
  });

export const TIERS = ['A3', 'A2', 'A1', 'A0', 'B3', 'B2', 'B1', 'B0', 'C3', 'C2', 'C1', 'C0', 'D3', 'D2', 'D1', 'D0'] as const;
export type Tier = (typeof TIERS)[number];

/** Points per tier, A3 to D0: one of the WMT's three tables. */
const tierTable = (table: string) =>
  z
    .strictObject(Object.fromEntries(TIERS.map((tier) => [tier, points.describe(`Points of a ${table} case at tier ${tier} (or ${tier}S)`)])) as Record<Tier, typeof points>)
    .describe(`Points per tier of a ${table} case`);

/** A table written in the order of TIERS, as SPEC 2.2 lists the WMT's seed values. */
const tierValues = (...values: number[]): Record<Tier, number> =>
  Object.fromEntries(TIERS.map((tier, at) => [tier, values[at]!])) as Record<Tier, number>;

/**
 * Extra header aliases for one file, by canonical column; a name that is not a column of that
 * file is an unknown key. Typed as a plain record, as the reader takes it.
 */
const aliasTable = (kind: FileKind) =>
  z.strictObject(
    Object.fromEntries(
      COLUMNS[kind].map((spec) => [
        spec.name,
        z.array(nonEmptyText('a header name'), { error: 'expected a list of header names' }).optional().describe(`More header names read as ${kind}.csv's ${spec.name}`),
      ]),
    ),
  ).describe(`Extra header aliases for ${kind}.csv, by canonical column`) as unknown as z.ZodType<Record<string, string[]>>;

export const configSchema = z.strictObject({
  contact_standards: riskTable(positiveInt, 'Days allowed between counted contacts for a case').describe('The contact standard: days allowed between counted contacts, by risk'),
  first_contact_days: nonNegativeInt.describe('Days from start_date by which a never-seen case must be seen'),
  lost_after_days: positiveInt.describe('Days without a counted contact after which a case is not_seen (never_seen: since start_date)'),
  absent_after_days: nonNegativeInt.describe("Days an officer's absence lasts before their cases are officer_absent"),
  assessment_review_days: positiveInt.describe('Days after last_assessment by which a risk-of-harm review is due'),
  supervision_days: positiveInt.describe("Days after an officer's last_supervision before no_supervision is flagged"),
  manager_span: positiveInt.describe("Cases a manager's officers may hold before span_exceeded is flagged"),
  unallocated_pattern: z
    .string({ error: 'expected a regular expression, or null' })
    .superRefine((pattern, context) => {
      const problem = regExpProblem(pattern);
      if (problem !== null) context.addIssue({ code: 'custom', message: `expected a valid regular expression (${problem})` });
      const risk = problem === null ? backtrackingRisk(pattern) : null;
      if (risk !== null) context.addIssue({ code: 'custom', message: `refused: ${risk} can take exponential time on a long officer code; write it without` });
    })
    .nullable()
    .describe('A regular expression: an officer_id it matches means the case is unallocated; null for none'),
  points: z
    .strictObject({
      /** The WMT's three tier tables (SPEC 2.2): which one a case scores depends on its status and sentence. */
      community: tierTable('community'),
      licence: tierTable('licence (or pss)'),
      custody: tierTable('custody'),
      risks: riskTable(points, 'Points of a case without a readable tier').describe('Points of a case without a readable tier, by risk (times custody_weight in custody)'),
    })
    .describe("Workload points, as the Workload Measurement Tool scores them: three tier tables, and points by risk for a case with no readable tier"),
  nominal_target: z.number({ error: 'expected a positive number' }).positive('expected a positive number').describe('Capacity points of a full-time (37 hours) officer with no reduction'),
  custody_weight: z
    .number({ error: 'expected a number from 0 to 1' })
    .min(0, 'expected a number from 0 to 1')
    .max(1, 'expected a number from 0 to 1')
    .describe("Weight of a custody case's risk points when it has no readable tier"),
  contacts: z.strictObject({
    count_outcomes: z
      .array(nonEmptyText('an outcome'), { error: 'expected a list of outcomes' })
      .min(1, 'expected at least one outcome')
      .describe('Outcomes of contacts.csv that count as a contact'),
    /** null: a contact of any type counts. */
    count_types: z
      .array(nonEmptyText('a contact type'), { error: 'expected a list of contact types, or null for every type' })
      .min(1, 'expected at least one contact type, or null for every type')
      .nullable()
      .describe('Contact types that count; null: a contact of any type counts'),
  }).describe('Which rows of contacts.csv count as a contact'),
  date_order: z.enum(['dmy', 'mdy'], { error: 'expected "dmy" or "mdy"' }).describe('How a slashed date such as 03/04/2026 is read: day first (dmy) or month first (mdy)'),
  reset: z.strictObject({
    infer: z.boolean({ error: 'expected true or false' }).describe('Also mark a case for the Probation Reset when its sentence_type is one of sentence_types'),
    sentence_types: z.array(nonEmptyText('a sentence type'), { error: 'expected a list of sentence types' }).describe('The sentence types inferred as in the Probation Reset, with infer'),
  }).describe('The Probation Reset: which cases are marked'),
  reset_weight: z
    .number({ error: 'expected a number from 0 to 1' })
    .min(0, 'expected a number from 0 to 1')
    .max(1, 'expected a number from 0 to 1')
    .describe('Share of its points a case in reset scores'),
  columns: z
    .strictObject({ officers: aliasTable('officers'), offenders: aliasTable('offenders'), contacts: aliasTable('contacts') })
    .describe('Extra header aliases per file'),
  /** Peers (SPEC 2.2): who is compared with whom, and from how many officers a group is compared. */
  outliers: z
    .strictObject({
      min_caseload: nonNegativeInt.describe('Smallest caseload of an officer compared with peers'),
      max_caseload: positiveInt.describe('Largest caseload of an officer compared with peers'),
      group_by: z.enum(['pdu', 'team', 'region'], { error: 'expected "pdu", "team" or "region"' }).describe('Officers are compared within their PDU, their team, or the whole region'),
      min_group: z
        .number({ error: 'expected an integer, 2 or more' })
        .int('expected an integer, 2 or more')
        .min(2, 'expected an integer, 2 or more')
        .describe('Officers a group needs on a rate to be compared on it'),
    })
    .superRefine((outliers, context) => {
      if (outliers.max_caseload < outliers.min_caseload) {
        context.addIssue({ code: 'custom', path: ['max_caseload'], message: `expected at least min_caseload (${outliers.min_caseload})` });
      }
    })
    .describe('Peers: who is compared with whom, and from how many officers a group is compared'),
  /** The reallocation plan (SPEC 2.3): the capacity no receiver may pass, and where to look beyond the home team. */
  plan: z
    .strictObject({
      max_capacity_pct: z.number({ error: 'expected a percentage above 0' }).positive('expected a percentage above 0').describe('The reallocation plan takes no receiver above this capacity'),
      scope: z.enum(['team', 'pdu'], { error: 'expected "team" or "pdu"' }).describe('team: receivers in the home team only; pdu: then the home PDU'),
    })
    .describe('The reallocation plan: the capacity no receiver may pass, and where to look beyond the home team'),
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
    // The Workload Measurement Tool's seed values, A3 A2 A1 A0 B3 … D0.
    community: tierValues(206, 158, 146, 110, 146, 115, 102, 72, 79, 63, 50, 35, 51, 41, 29, 29),
    licence: tierValues(219, 175, 163, 0, 161, 132, 119, 0, 77, 65, 52, 0, 51, 43, 31, 0),
    custody: tierValues(75, 60, 59, 0, 59, 48, 47, 0, 30, 24, 23, 0, 17, 14, 13, 0),
    risks: { very_high: 206, high: 146, medium: 79, low: 51, unknown: 146 },
  },
  nominal_target: 2176,
  custody_weight: 0.35,
  contacts: { count_outcomes: ['attended'], count_types: null },
  date_order: 'dmy',
  reset: { infer: false, sentence_types: ['licence', 'pss', 'community_order', 'suspended_sentence'] },
  reset_weight: 0,
  columns: { officers: {}, offenders: {}, contacts: {} },
  outliers: { min_caseload: 10, max_caseload: 150, group_by: 'pdu', min_group: 4 },
  plan: { max_capacity_pct: 100, scope: 'pdu' },
};
