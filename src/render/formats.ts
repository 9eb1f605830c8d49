/** The output formats (`--format`), on their own so the command line can list them without loading the renderers. */
export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown', 'email', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** The sender of an email digest when --from is not given. */
export const DEFAULT_FROM = 'caseload@localhost';

/** Rows a table shows without --limit: the report fits its story on one screen. */
export const TABLE_ROWS = { report: { officers: 10, cases: 20 }, list: 25, due: 200 } as const;
