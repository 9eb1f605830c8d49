/**
 * The JSON Schemas (draft 2020-12) of every command's JSON and NDJSON output, generated from the
 * zod schemas the code's types are inferred from (analyse/report.ts, read/contract.ts), so a
 * field cannot be added, dropped or retyped in one without the other.
 */
import { z } from 'zod';
import {
  caseResultSchema,
  checkSkippedSchema,
  day,
  groupResultSchema,
  managerResultSchema,
  officerResultSchema,
  reportSchema,
  SCHEMA_VERSION,
} from '../analyse/report.js';
import { dueSummarySchema, dueTaskSchema } from '../analyse/due.js';
import { caseChangeSchema, diffSummarySchema, officerChangeSchema } from '../analyse/diff.js';
import { caseExplanationSchema } from '../analyse/explain.js';
import { plannedMoveSchema, planReceiverSchema, planSummarySchema, unplacedCaseSchema } from '../analyse/plan.js';
import { groupPointSchema, persistentCaseSchema, persistentShape, seriesSchema, weekPointSchema } from '../analyse/trend.js';
import { configSchema } from '../config/schema.js';
import { inputSummarySchema, issueSchema } from '../read/contract.js';

/** The commands whose output has a schema, and the formats that have one. */
export const SCHEMA_COMMANDS = ['report', 'officers', 'cases', 'teams', 'validate', 'diff', 'due', 'plan', 'trend', 'explain'] as const;
export type SchemaCommand = (typeof SCHEMA_COMMANDS)[number];
export const SCHEMA_FORMATS = ['json', 'ndjson'] as const;
export type SchemaFormat = (typeof SCHEMA_FORMATS)[number];

/** What every JSON document starts with. */
const head = {
  schema_version: reportSchema.shape.schema_version,
  as_of: day.describe('The date everything is computed as of'),
  config: configSchema.describe('The effective configuration: the defaults, overridden by the config file and options'),
  inputs: z.array(inputSummarySchema).describe('Per file: rows read, used and rejected'),
  checks_skipped: z.array(checkSkippedSchema).describe('Checks the export cannot support, skipped rather than run on blanks'),
};

/**
 * report, officers, cases and teams write the one report object (the Report's own schema), with
 * the documents' head and the rows a view selects.
 */
const reportDocument = (what: string) =>
  reportSchema
    .extend({
      ...head,
      officers: z.array(officerResultSchema).describe('Officers, ranked (--sort), cut to --limit'),
      cases: z.array(caseResultSchema).describe('Flagged cases (every case with --all), filtered, in priority order, cut to --limit'),
    })
    .describe(what);

/** `teams` NDJSON (and CSV): a team or PDU rollup, or a manager with the officers they oversee. */
export const rollupRowSchema = z
  .discriminatedUnion('level', [
    z.object({ level: z.enum(['team', 'pdu']).describe('Whether the row is a team or a PDU'), ...groupResultSchema.shape }).describe('A team or PDU rollup'),
    z
      .object({
        level: z.literal('manager').describe('The row is a manager'),
        name: managerResultSchema.shape.name,
        manager_id: managerResultSchema.shape.manager_id,
        officers: managerResultSchema.shape.officers,
        cases: managerResultSchema.shape.caseload,
        lost: managerResultSchema.shape.lost,
        overdue: managerResultSchema.shape.overdue,
        flags: managerResultSchema.shape.flags,
      })
      .describe('A manager and the caseloads they oversee'),
  ])
  .describe('A team, PDU or manager row');
export type RollupRow = z.output<typeof rollupRowSchema>;

/** `trend` NDJSON: every line says in `type` what it is. */
const trendLine = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('week').describe("The region's figures for one export"), ...weekPointSchema.shape }).describe("The region's figures for one export"),
    z
      .object({
        type: z.enum(['team', 'pdu']).describe('One point of a team or PDU series'),
        name: seriesSchema.shape.name,
        ...groupPointSchema.shape,
      })
      .describe("One team's or PDU's figures in one week"),
    z.object({ type: z.literal('persistent').describe('A case lost in the latest export'), ...persistentShape }).describe('A case lost in the latest export, and for how long'),
  ])
  .describe('One line of the trend');

/** `plan` NDJSON: every move, then every unplaced case, each saying which it is in `type`. */
const planLine = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('move').describe('A case placed'), ...plannedMoveSchema.shape }).describe(plannedMoveSchema.description!),
    z.object({ type: z.literal('unplaced').describe('A case not placed'), ...unplacedCaseSchema.shape }).describe(unplacedCaseSchema.description!),
  ])
  .describe('One line of the plan');

/** `trend --format json` (render/trend.ts trendDocument). */
export const trendDocumentSchema = z
  .object({
    schema_version: head.schema_version,
    as_of: day.describe("The latest export's as-of date"),
    config: head.config,
    exports: z
      .array(z.object({ path: z.string().describe("The export's folder"), as_of: day.describe("The export's as-of date") }).describe('One export read'))
      .describe('The exports read, in date order'),
    weeks: z.array(weekPointSchema).describe("The region's figures, one per export, in date order"),
    teams: z.array(seriesSchema).describe("Each team's figures over the weeks"),
    pdus: z.array(seriesSchema).describe("Each PDU's figures over the weeks"),
    persistent: z.array(persistentCaseSchema).describe('The cases lost in the latest export, longest lost first; cut to --limit'),
  })
  .describe('caseload trend --format json: weekly series over dated exports');
export type TrendDocument = z.output<typeof trendDocumentSchema>;

/** `explain --format json` (render/explain.ts). */
export const explainDocumentSchema = z
  .object({
    ...head,
    cases: z.array(caseExplanationSchema).describe('The cases explained, in the order asked'),
    issues: z.array(issueSchema).describe('The issues recorded on the rows of the cases explained (and of their officers)'),
  })
  .describe('caseload explain --format json: why each case is flagged, or not');

const DOCUMENTS: Record<SchemaCommand, Record<SchemaFormat, z.ZodType>> = {
  report: { json: reportDocument('caseload report --format json: the summary, ranked officers and flagged cases'), ndjson: caseResultSchema },
  officers: { json: reportDocument('caseload officers --format json'), ndjson: officerResultSchema },
  cases: { json: reportDocument('caseload cases --format json'), ndjson: caseResultSchema },
  teams: { json: reportDocument('caseload teams --format json'), ndjson: rollupRowSchema },
  validate: {
    json: z.object({ ...head, issues: z.array(issueSchema).describe('Every data issue') }).describe('caseload validate --format json: the data side only'),
    ndjson: issueSchema,
  },
  due: {
    json: z
      .object({
        ...head,
        within: z.number().int().describe('--within: the horizon in days'),
        until: day.describe('The as-of date plus --within days: tasks falling due on or before it are listed'),
        summary: dueSummarySchema,
        tasks: z.array(dueTaskSchema).describe('Every task, by officer, then days until due (no date first), then priority; cut to --limit'),
        issues: z.array(issueSchema).describe('Data issues'),
      })
      .describe("caseload due --format json: each officer's worklist"),
    ndjson: dueTaskSchema,
  },
  diff: {
    json: z
      .object({
        ...head,
        previous_as_of: day.describe("The previous export's as-of date"),
        summary: diffSummarySchema,
        cases: z.array(caseChangeSchema).describe('Cases with news (appeared, gone, reallocated, or a flag new or resolved), in priority order; cut to --limit'),
        unchanged: z.array(caseChangeSchema).describe('Cases without news, listed apart: those still lost (every unchanged case with --all); cut to --limit'),
        officers: z.array(officerChangeSchema).describe('Officers whose status or caseload changed'),
        issues: z.array(issueSchema).describe('Data issues of the current export'),
      })
      .describe('caseload diff --format json: what is new, resolved and still open since the previous export'),
    ndjson: caseChangeSchema,
  },
  plan: {
    json: z
      .object({
        ...head,
        summary: planSummarySchema,
        moves: z.array(plannedMoveSchema).describe('Cases placed, in the order they were placed: points descending, then priority'),
        unplaced: z.array(unplacedCaseSchema).describe('Cases not placed, in the same order'),
        receivers: z.array(planReceiverSchema).describe('Officers who receive cases, by team (no team last), then officer_id'),
        issues: z.array(issueSchema).describe('Data issues'),
      })
      .describe('caseload plan --format json: the reallocation plan'),
    ndjson: planLine,
  },
  trend: {
    json: trendDocumentSchema,
    ndjson: trendLine,
  },
  explain: {
    json: explainDocumentSchema,
    ndjson: caseExplanationSchema,
  },
};

/** docs/schema/cases.ndjson.schema.json */
export function schemaFileName(command: SchemaCommand, format: SchemaFormat): string {
  return `${command}.${format}.schema.json`;
}

/** The JSON Schema of one command's output in one format (for NDJSON: of each line). */
export function outputSchema(command: SchemaCommand, format: SchemaFormat): Record<string, unknown> {
  const generated = z.toJSONSchema(DOCUMENTS[command][format], { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: `caseload/${schemaFileName(command, format)}`,
    title: `caseload ${command} --format ${format}${format === 'ndjson' ? ' (each line)' : ''}, schema_version ${SCHEMA_VERSION}`,
    ...rest,
  };
}
