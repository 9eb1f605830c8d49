/**
 * The reading stage's part of the output contract: an issue and a file's reconciliation, as
 * zod schemas. records.ts takes its types from these (type-only, so reading never loads zod),
 * and the JSON Schemas of `caseload schema` are generated from them.
 */
import { z } from 'zod';
import { FILE_KINDS } from './columns.js';

export const ISSUE_CODES = [
  'invalid_value',
  'missing_key',
  'duplicate_record',
  'duplicate_column',
  'field_count',
  'unknown_crn',
  'future_contact',
  'future_date',
  'footer_row',
  'officer_id_case',
] as const;

export const issueSchema = z
  .object({
    file: z.string().describe('The file as given (folder and name), e.g. exports/2026-11-16/offenders.csv'),
    line: z.number().int().nullable().describe('Physical line on which the record starts (1 is the header); null when the issue is about the whole file'),
    column: z.string().nullable().describe('Canonical column the issue is about, e.g. risk; null when it is about the row'),
    code: z.enum(ISSUE_CODES).describe('What kind of issue: a value that cannot be read, a row that cannot be placed, a repeated record or column, a row of the wrong length, a contact for an unknown case, a date after the as-of date, a spreadsheet footer row not read, an officer_id read as the roster\'s code that differs only in case'),
    message: z.string().describe('One line for a person, e.g. `risk: unknown value "mediumish"`'),
  })
  .describe('A data issue: something in the export that could not be read as it stands. No case is dropped for it.');

export const inputSummarySchema = z
  .object({
    file: z.enum(FILE_KINDS).describe('Which export file'),
    path: z.string().describe('The file as given'),
    rows: z.number().int().describe('Records read, blank lines not counted; always used + rejected'),
    used: z.number().int().describe('Records used in the analysis'),
    rejected: z.number().int().describe('Records that could not be placed (no crn, no officer_id, no contact date); each has an issue'),
    ignored_columns: z.array(z.string()).describe('Headers that are no known column or alias, so were not read'),
    column_hints: z
      .array(
        z
          .object({
            header: z.string().describe('The unread header as the file gives it'),
            column: z.string().describe('The known column it looks like, which config `columns` could map it to'),
          })
          .describe('An unread header and the known column it looks like'),
      )
      .describe('Those unread headers that look like a known column the file lacks'),
  })
  .describe("One file's reconciliation: every record read is either used or rejected with an issue");
