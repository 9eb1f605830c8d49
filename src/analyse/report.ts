/**
 * The Report: the analysis result and, key for key, the JSON contract of caseload's output.
 * Each shape is a zod schema, and the types the code uses are inferred from it, so the JSON
 * Schemas that `caseload schema` prints (and docs/schema/ holds) cannot drift from the code.
 * Every field says what it holds; schema_version rises only when a field is removed or retyped.
 */
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import { inputSummarySchema, issueSchema } from '../read/contract.js';
import { CASE_STATUSES, RISKS } from '../read/values.js';
import { PEER_RATES, peerGroupResultSchema, peerRatesSchema, peerStatusesSchema, type PeerRate } from './peers.js';

export const SCHEMA_VERSION = 1;

export { CASE_FLAGS, isLostFlag, LOST_FLAGS, OFFICER_FLAGS, WARNING_FLAGS, type CaseFlag, type LostFlag, type OfficerFlag } from './flags.js';
import { CASE_FLAGS, OFFICER_FLAGS } from './flags.js';

export const RISK_KEYS = ['very_high', 'high', 'medium', 'low', 'unknown'] as const;
export type RiskKey = (typeof RISK_KEYS)[number];

// --- Pieces ---------------------------------------------------------------------------------

/** A calendar date as the output writes it. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = z.string();
const count = z.number().int().min(0);
const caseFlag = z.enum(CASE_FLAGS).describe('A case flag: unallocated, unknown_officer, officer_left, officer_absent, not_seen and never_seen make a case lost; the rest warn');
const officerFlag = z.enum(OFFICER_FLAGS).describe('An officer flag');
const riskSchema = z.enum(RISKS).nullable().describe('Risk of serious harm; null when empty or unreadable (treated as high)');
const percentage = z.number().nullable();

export const riskCountsSchema = z
  .object(Object.fromEntries(RISK_KEYS.map((risk) => [risk, count.describe(`Cases at ${risk === 'unknown' ? 'unknown (empty or unreadable)' : risk} risk`)])) as Record<RiskKey, typeof count>)
  .describe('Cases by risk of serious harm');
export type RiskCounts = z.output<typeof riskCountsSchema>;

// --- Cases ----------------------------------------------------------------------------------

export const caseResultSchema = z
  .object({
    crn: text.describe('Case reference number'),
    name: text.nullable().describe('Name of the person on probation; null when not recorded or with --redact'),
    officer_id: text.nullable().describe('Responsible officer as the export gives it; null when empty'),
    officer_name: text.nullable().describe("The officer's name from officers.csv; null when unknown or with --redact"),
    team: text.nullable().describe("The officer's team"),
    pdu: text.nullable().describe("The officer's probation delivery unit"),
    manager_id: text.nullable().describe("The officer's manager (senior officer)"),
    risk: riskSchema,
    tier: text.nullable().describe('Tier A3..D0, with an S suffix for the Probation Reset; null when empty or unreadable'),
    sentence_type: text.nullable().describe('Sentence type as the export gives it'),
    status: z.enum(CASE_STATUSES.filter((status) => status !== 'terminated') as ['active', 'custody', 'warrant']).describe('Case status; terminated cases are not analysed'),
    start_date: day.nullable().describe('Date supervision began'),
    end_date: day.nullable().describe('Date supervision is due to end'),
    last_contact: day.nullable().describe('Latest counted contact on or before the as-of date, from contacts.csv or offenders.csv; null when never seen'),
    days_since_contact: z.number().int().nullable().describe('As-of date minus last_contact, in days; null when never seen'),
    days_since_start: z.number().int().nullable().describe('As-of date minus start_date, in days: what a never-seen case has waited; null without a start_date'),
    standard_days: z.number().int().describe("The contact standard for the case's risk, in days"),
    overdue: z.boolean().describe('Active and past its contact standard (or never seen past first_contact_days)'),
    days_overdue: z.number().int().describe('Days past the contact standard; 0 when not overdue'),
    lost: z.boolean().describe('Any lost flag is set'),
    flags: z.array(caseFlag).describe('Flags set on the case, sorted'),
    da_flag: z.boolean().describe('On the domestic-abuse register'),
    safeguarding_flag: z.boolean().describe('With a child safeguarding concern'),
    priority: z.number().int().describe('1-based rank among all analysed cases: lost first, then risk, days overdue, days since contact, crn'),
    line: z.number().int().describe('Physical line of the case in offenders.csv'),
    reset: z.boolean().describe('In Probation Reset: marked (reset column or an S tier, or inferred) with no exemption; held to no contact standard'),
    reset_date: day.nullable().describe('start_date + floor(2 × (end_date − start_date) / 3): when the final third begins; null without both dates'),
    next_contact_due: day.nullable().describe('When the next contact is due under the standard; null when none is (not active, in reset, never seen with no start_date)'),
    assessment_due: day.nullable().describe('last_assessment + assessment_review_days for an active case; null otherwise'),
    ends_in_days: z.number().int().nullable().describe('end_date minus the as-of date, negative once past; null without an end_date'),
  })
  .describe('One analysed case');
export type CaseResult = z.output<typeof caseResultSchema>;

// --- Officers, managers, teams --------------------------------------------------------------

export const officerResultSchema = z
  .object({
    officer_id: text.describe('Staff code'),
    name: text.nullable().describe("The officer's name; null when not recorded or with --redact"),
    grade: text.nullable().describe('PO, PSO, PQiP, SPO or other text'),
    team: text.nullable().describe('Team'),
    pdu: text.nullable().describe('Probation delivery unit'),
    manager_id: text.nullable().describe('The senior officer who oversees them'),
    status: text.nullable().describe('active, left, or an absence (sick, leave, suspended, other text); null for an officer_id that is not on the roster'),
    status_since: day.nullable().describe('Date the current status began'),
    contracted_hours: z.number().nullable().describe('Weekly contracted hours (37 when not recorded); null when unreadable'),
    reduction_pct: z.number().nullable().describe('Workload reduction in percent (officers.csv reduction_pct, 0 when none); null for an officer not in officers.csv'),
    caseload: count.describe('Cases allocated that are not terminated'),
    by_risk: riskCountsSchema,
    points: z.number().describe('Workload points of the caseload'),
    capacity_points: z.number().nullable().describe('Points a full caseload is worth for these hours; null without hours'),
    capacity_pct: percentage.describe('points / capacity_points × 100, one decimal; null without a capacity'),
    overdue: count.describe('Overdue cases'),
    lost: count.describe('Lost cases'),
    seen_on_time_pct: percentage.describe('Share of active cases not overdue, one decimal; null with no active case or no contact data'),
    peer_group: text.nullable().describe('The peer group the officer is compared within (outliers.group_by); null when compared with nobody (not in post, caseload out of range)'),
    rates: peerRatesSchema,
    outliers: peerStatusesSchema,
    flags: z.array(officerFlag).describe('Flags set on the officer, sorted'),
  })
  .describe('One officer of officers.csv, or an officer_id that cases point at but the roster lacks');
export type OfficerResult = z.output<typeof officerResultSchema>;

export const managerResultSchema = z
  .object({
    manager_id: text.describe('The manager (senior officer)'),
    name: text.nullable().describe("The manager's name; null when not on the roster or with --redact"),
    officers: z.array(text).describe('Officers they oversee, sorted'),
    caseload: count.describe("Sum of those officers' caseloads"),
    lost: count.describe('Their lost cases'),
    overdue: count.describe('Their overdue cases'),
    flags: z.array(z.enum(['span_exceeded']).describe('span_exceeded: more cases than manager_span')).describe('Flags set on the manager'),
  })
  .describe('One manager and the caseloads they oversee');
export type ManagerResult = z.output<typeof managerResultSchema>;

export const groupResultSchema = z
  .object({
    name: text.nullable().describe('Team or PDU name; null for officers with none recorded'),
    officers_in_post: count.describe('Officers not left'),
    absent: count.describe('Officers absent (sick, leave, suspended, other)'),
    left: count.describe('Officers who have left'),
    cases: count.describe('Cases of its officers'),
    lost: count.describe('Lost cases'),
    overdue: count.describe('Overdue cases'),
    average_caseload: z.number().nullable().describe('Cases per officer in post, one decimal'),
    capacity_pct: percentage.describe("Points over the capacity of its officers in post, one decimal"),
    available_capacity_pct: percentage.describe('Points over the capacity of its officers in post who are not absent, one decimal'),
  })
  .describe('A team or PDU rollup');
export type GroupResult = z.output<typeof groupResultSchema>;

export const checkSkippedSchema = z
  .object({
    check: z.union([caseFlag, officerFlag]).describe('The flag that could not be checked'),
    file: z.enum(['officers', 'offenders', 'contacts']).describe('The file that lacks what it needs'),
    missing: z.array(text).describe('The columns (or file) missing'),
  })
  .describe('A check the export cannot support: skipped rather than run on blanks');
export type CheckSkipped = z.output<typeof checkSkippedSchema>;

// --- The report -----------------------------------------------------------------------------

const flagCounts = <T extends readonly [string, ...string[]]>(codes: T, what: string) =>
  z.object(Object.fromEntries(codes.map((code) => [code, count.describe(`${what} flagged ${code}`)])) as Record<T[number], typeof count>);

export const summarySchema = z
  .object({
    cases: count.describe('Cases analysed (not terminated)'),
    active: count.describe('Active cases'),
    custody: count.describe('Cases in custody'),
    warrant: count.describe('Cases on warrant'),
    terminated: count.nullable().describe('Terminated cases, read and left out; null in a filtered view (terminated cases are not analysed, so not placed in a team)'),
    officers: count.describe('Officers on the roster'),
    lost: count.describe('Lost cases'),
    overdue: count.describe('Overdue cases'),
    reset: count.describe('Cases in Probation Reset (marked, no exemption)'),
    da_flagged: count.describe('Cases on the domestic-abuse register'),
    safeguarding_flagged: count.describe('Cases with a child safeguarding concern'),
    flags: flagCounts(CASE_FLAGS, 'Cases').describe('Cases per flag'),
    officer_flags: flagCounts(OFFICER_FLAGS, 'Officers').describe('Officers per flag'),
    outliers: z
      .object(Object.fromEntries(PEER_RATES.map((rate) => [rate, count.describe(`Officers far from their peers on the ${rate} rate`)])) as Record<PeerRate, typeof count>)
      .describe('Officers far from their peers, on each rate'),
    issues: count.describe('Data issues'),
  })
  .describe('Counts over the analysed cases and officers');
export type Summary = z.output<typeof summarySchema>;

export const reportSchema = z.object({
  schema_version: z.literal(SCHEMA_VERSION).describe('Rises only when a field is removed or retyped; new fields keep it'),
  as_of: day.describe('The date everything is computed as of'),
  config: z.custom<Config>().describe('The effective configuration'),
  inputs: z.array(inputSummarySchema).describe('Per file: rows read, used and rejected'),
  checks_skipped: z.array(checkSkippedSchema).describe('Checks the export cannot support'),
  summary: summarySchema,
  officers: z.array(officerResultSchema).describe('Officers, ranked'),
  managers: z.array(managerResultSchema).describe('Managers, by caseload overseen'),
  teams: z.array(groupResultSchema).describe('Team rollups'),
  pdus: z.array(groupResultSchema).describe('PDU rollups'),
  peer_groups: z.array(peerGroupResultSchema).describe("Each peer group's target and IQR on each rate it is compared on"),
  cases: z.array(caseResultSchema).describe('Every analysed case, in priority order; views choose the flagged ones'),
  issues: z.array(issueSchema).describe('Data issues'),
});
export type Report = Omit<z.output<typeof reportSchema>, 'config'> & { config: Config };
