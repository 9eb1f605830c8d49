/**
 * The pipeline every analysis command shares: options → config → read → analyse → view →
 * render → exit code. Commands differ only in the view they ask for.
 */
import type { ChalkInstance } from 'chalk';
import { analyse } from '../analyse/analyze.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { InputError } from '../errors.js';
import type { EmailSettings } from '../render/email.js';
import { RENDERERS, type Format } from '../render/index.js';
import type { Output } from '../render/output.js';
import { plainText } from '../render/text.js';
import { buildView, type View, type ViewKind, type ViewOptions } from '../render/view.js';
import { readExports, type ExportInputs } from '../read/exports.js';
import type { Exports, InputSummary, Issue } from '../read/records.js';
import { columnsConfig } from '../read/columns.js';
import type { Report } from '../analyse/report.js';
import { dayFromParts, type Day } from '../read/values.js';
import { decideExitCode, somethingFlagged } from './exit-code.js';
import type { RunOptions } from './option-values.js';

export interface RunContext {
  readonly out: Output;
  /** Notes for the person at the terminal: data-issue summaries. */
  readonly err: (line: string) => void;
  readonly chalk: ChalkInstance;
  /** Today, in local time: the as-of date when none is given. The clock stays out here. */
  readonly today: () => Day;
  /** With --debug: how long each stage took, on standard error. */
  readonly timing?: (stage: string) => void;
  /** When standard error is a terminal: a progress line while a large export is read (null clears it). */
  readonly progress?: (line: string | null) => void;
}

export function localToday(): Day {
  const now = new Date();
  return dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate()) as Day;
}

export function formatOf(options: RunOptions): Format {
  return options.json ? 'json' : (options.format ?? 'table');
}

/** --to, --from, --subject: what an email digest says about itself. */
export function emailSettings(options: RunOptions): EmailSettings {
  return { to: options.to, from: options.from, subject: options.subject ?? null };
}

export async function effectiveConfig(options: RunOptions): Promise<Config> {
  const { config } = await loadConfig(options.config);
  return options.dateOrder ? { ...config, date_order: options.dateOrder } : config;
}

/** `offenders.csv:12: risk: unknown value "mediumish"` */
export function issueLine(issue: Issue): string {
  return `${issue.file}${issue.line === null ? '' : `:${issue.line}`}: ${issue.message}`;
}

export function issueSummary(issues: readonly Issue[]): string {
  const perFile = new Map<string, number>();
  for (const issue of issues) perFile.set(issue.file, (perFile.get(issue.file) ?? 0) + 1);
  const files = [...perFile].map(([file, count]) => `${file} ${count}`).join(', ');
  // File names are as given (a folder another system named): nothing in them drives the terminal.
  return plainText(`caseload: ${issues.length} data issue${issues.length === 1 ? '' : 's'} (${files}); caseload validate lists them`);
}

/**
 * Headers caseload did not read, one line per file, and for each that looks like a known column
 * the config that maps it: a column dropped without a word can turn a clean export into a wrong
 * all-clear (31 cases never_seen because "Last Contact Date" was not read).
 */
export function unreadColumnNotes(inputs: readonly InputSummary[]): string[] {
  const notes: string[] = [];
  for (const input of inputs) {
    if (input.ignored_columns.length === 0) continue;
    const count = input.ignored_columns.length;
    notes.push(`caseload: ${input.path}: ${count} column${count === 1 ? '' : 's'} not read: ${input.ignored_columns.map((name) => JSON.stringify(name)).join(', ')}`);
    for (const hint of input.column_hints) {
      notes.push(`caseload: ${input.path}: "${hint.header}" looks like ${hint.column}; to read it, add to the config file: ${columnsConfig(input.file, hint.column, [hint.header])}`);
    }
  }
  // Header names are the export's text: nothing in them drives the terminal.
  return notes.map(plainText);
}

/** CASELOAD_PARALLEL_MIN_BYTES lowers the size at which contacts.csv is split across threads (tests use 0). */
function parallelMinBytes(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env.CASELOAD_PARALLEL_MIN_BYTES);
  return env.CASELOAD_PARALLEL_MIN_BYTES !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Reads and analyses one export, as of `asOf`; --strict turns any data issue into an input error. */
export async function analyseExport(
  inputs: ExportInputs,
  options: RunOptions,
  asOf: Day,
  config: Config,
  context: Pick<RunContext, 'timing' | 'progress'> = {},
): Promise<{ exports: Exports; report: Report }> {
  const { timing } = context;
  const exports = await readExports(inputs, {
    asOf,
    config,
    encoding: options.encoding,
    delimiter: options.delimiter,
    threads: options.threads,
    parallelMinBytes: parallelMinBytes(process.env),
    onProgress: context.progress,
  });
  if (options.strict && exports.issues.length > 0) {
    const more = exports.issues.length - 1;
    throw new InputError(`${issueLine(exports.issues[0]!)}${more > 0 ? ` (and ${more} more issue${more === 1 ? '' : 's'})` : ''}; --strict`);
  }
  timing?.('read');
  const report = analyse(exports, { asOf, config, ...(options.sort ? { sort: options.sort } : {}) });
  timing?.('analyse');
  return { exports, report };
}

export function viewOptions(options: RunOptions, source: string): ViewOptions {
  return {
    filter: { all: options.all, flags: options.flag, risks: options.risk, officers: options.officer, teams: options.team, pdus: options.pdu },
    limit: options.limit ?? null,
    // An email leaves names out unless --include-names (SPEC 3.1); --redact always does.
    redact: options.redact || (formatOf(options) === 'email' && !options.includeNames),
    source,
  };
}

/** Renders the view in the chosen format (unless --quiet has nothing to say) and decides the exit code. */
export async function present(view: View, issues: readonly Issue[], options: RunOptions, context: RunContext): Promise<number> {
  const exitCode = decideExitCode(view, options.failOn);
  if (options.quiet && !somethingFlagged(view)) return exitCode;
  const format = formatOf(options);
  await RENDERERS[format](view, context.out, { chalk: context.chalk, email: emailSettings(options) });
  if (format === 'table') unreadColumnNotes(view.report.inputs).forEach((note) => context.err(note));
  if (format === 'table' && view.kind !== 'validate' && issues.length > 0) context.err(issueSummary(issues));
  return exitCode;
}

export async function runAnalysis(kind: ViewKind, dir: string | undefined, options: RunOptions, context: RunContext): Promise<number> {
  const config = await effectiveConfig(options);
  const asOf = options.asOf ?? context.today();
  const inputs = { dir, officers: options.officers, offenders: options.offenders, contacts: options.contacts };
  // Only the report is kept: the read records can go before the output is written.
  const { report } = await analyseExport(inputs, options, asOf, config, context);
  const view = buildView(kind, report, viewOptions(options, dir ?? options.offenders ?? 'export'));
  const exitCode = await present(view, report.issues, options, context);
  context.timing?.('render');
  return exitCode;
}
