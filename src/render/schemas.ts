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
  summarySchema,
} from '../analyse/report.js';
import { dueSummarySchema, dueTaskSchema } from '../analyse/due.js';
import { configSchema } from '../config/schema.js';
import { inputSummarySchema, issueSchema } from '../read/contract.js';

/** The commands whose output has a schema, and the formats that have one. */
export const SCHEMA_COMMANDS = ['report', 'officers', 'cases', 'teams', 'validate', 'due'] as const;
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

/** report, officers, cases and teams write the one report object; they differ in the rows selected. */
const reportDocument = (what: string) =>
  z
    .object({
      ...head,
      summary: summarySchema,
      officers: z.array(officerResultSchema).describe('Officers, ranked (--sort), cut to --limit'),
      managers: z.array(managerResultSchema).describe('Managers, by caseload overseen'),
      teams: z.array(groupResultSchema).describe('Team rollups'),
      pdus: z.array(groupResultSchema).describe('PDU rollups'),
      cases: z.array(caseResultSchema).describe('Flagged cases (every case with --all), filtered, in priority order, cut to --limit'),
      issues: z.array(issueSchema).describe('Data issues'),
    })
    .describe(what);

const teamsLine = z.object({ level: z.enum(['team', 'pdu']).describe('Whether the row is a team or a PDU'), ...groupResultSchema.shape }).describe('A team or PDU rollup');

const DOCUMENTS: Record<SchemaCommand, Record<SchemaFormat, z.ZodType>> = {
  report: { json: reportDocument('caseload report --format json: the summary, ranked officers and flagged cases'), ndjson: caseResultSchema },
  officers: { json: reportDocument('caseload officers --format json'), ndjson: officerResultSchema },
  cases: { json: reportDocument('caseload cases --format json'), ndjson: caseResultSchema },
  teams: { json: reportDocument('caseload teams --format json'), ndjson: teamsLine },
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
