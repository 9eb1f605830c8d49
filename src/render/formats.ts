/** The output formats (`--format`), on their own so the command line can list them without loading the renderers. */
export const FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown', 'email', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** The sender of an email digest when --from is not given. */
export const DEFAULT_FROM = 'caseload@localhost';
