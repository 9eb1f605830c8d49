/** caseload's programmatic API: read → analyse → render, as the CLI uses it. */
export { readExports, type ExportInputs, type ReadOptions } from './read/exports.js';
export { analyse, openCases, type AnalyseOptions, type OpenedCases } from './analyse/analyze.js';
export { DEFAULT_CONFIG, configSchema, type Config } from './config/schema.js';
export { loadConfig, validateConfig } from './config/load.js';
export { parseDate, formatDay, type Day } from './read/values.js';
export type * from './analyse/report.js';
export type * from './read/records.js';
export { CaseloadError, InputError, UsageError, EXIT } from './errors.js';
