/** The output formats (`--format`), on their own so the command line can list them without loading the renderers. */
export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown', 'email', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * The formats that open with the summary's facts (sections.ts), where a report points to the
 * reallocation plan. The others (json, ndjson, csv) hold no trace of the plan: for them a report
 * does without working it out, a good part of a national export's render time.
 */
export const SUMMARY_FORMATS: ReadonlySet<Format> = new Set(['table', 'markdown', 'email', 'html']);

/** The sender of an email digest when --from is not given. */
export const DEFAULT_FROM = 'caseload@localhost';

/** Rows a table shows without --limit: the report fits its story on one screen. */
export const TABLE_ROWS = { report: { officers: 10, cases: 20 }, list: 25, due: 200 } as const;

/**
 * The width tables must fit (SPEC 3.3): COLUMNS when set to a positive number, else the
 * terminal's when standard output is one; null (no limit) for a pipe or a file. Here, not in
 * table.ts, so that every run can work it out without loading the table renderer.
 */
export function tableWidth(columnsVariable: string | undefined, terminalColumns: number | undefined): number | null {
  const fromVariable = Number(columnsVariable);
  if (columnsVariable !== undefined && Number.isInteger(fromVariable) && fromVariable > 0) return fromVariable;
  return terminalColumns !== undefined && terminalColumns > 0 ? terminalColumns : null;
}
