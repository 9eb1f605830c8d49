/**
 * The pipeline every analysis command shares: options → config → read → analyse → view →
 * render → exit code. Commands differ only in the view they ask for.
 */
import type { ChalkInstance } from 'chalk';
import { readdir } from 'node:fs/promises';
import { analyse, openCases, type OpenedCases } from '../analyse/analyze.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { InputError, UsageError } from '../errors.js';
import { resolveFilters, type FilterKey } from '../analyse/filters.js';
import type { Scope } from '../analyse/scope.js';
import type { EmailSettings } from '../render/email.js';
import { RENDERERS, type Format } from '../render/index.js';
import { SUMMARY_FORMATS } from '../render/formats.js';
import type { Output } from '../render/output.js';
import { plainText } from '../render/text.js';
import { buildView, type View, type ViewKind, type ViewOptions } from '../render/view.js';
import { readExports, type ExportInputs, type ReadOptions } from '../read/exports.js';
import { defaultThreads } from '../read/parallel.js';
import { LinesThread, PARALLEL_MIN_CASES } from '../render/parallel-lines.js';
import type { Exports, InputSummary, Issue } from '../read/records.js';
import { columnsConfig } from '../read/columns.js';
import type { Report } from '../analyse/report.js';
import type { Plan } from '../analyse/plan.js';
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
  /** The width tables fit: COLUMNS, or the terminal's; null for a pipe or a file. */
  readonly width?: number | null;
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

/** The config file's values (with --date-order); its notes (an old key, say) go to standard error. */
export async function effectiveConfig(options: RunOptions, context?: Pick<RunContext, 'err'>): Promise<Config> {
  const { config, notes } = await loadConfig(options.config);
  for (const note of notes) context?.err(plainText(`caseload: ${note}`));
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

/**
 * A size below which work stays on one thread, lowered by tests (to 0) so small fixtures take
 * the threaded paths: CASELOAD_PARALLEL_MIN_BYTES for splitting contacts.csv, and
 * CASELOAD_PARALLEL_MIN_CASES for writing a JSON or NDJSON report's cases.
 */
function parallelMin(name: 'CASELOAD_PARALLEL_MIN_BYTES' | 'CASELOAD_PARALLEL_MIN_CASES'): number | undefined {
  const text = process.env[name];
  const value = Number(text);
  return text !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** How the export is read: as of, config, encoding, delimiter, threads, progress. */
export function readOptions(options: RunOptions, asOf: Day, config: Config, context: Pick<RunContext, 'progress'> = {}): ReadOptions {
  return {
    asOf,
    config,
    encoding: options.encoding,
    delimiter: options.delimiter,
    threads: options.threads,
    parallelMinBytes: parallelMin('CASELOAD_PARALLEL_MIN_BYTES'),
    onProgress: context.progress,
  };
}

/**
 * Reads and analyses one export, as of `asOf`; --strict turns any data issue into an input error.
 * `lines`: a lines worker to start once the export is read, if it is long enough to want one.
 */
export async function analyseExport(
  inputs: ExportInputs,
  options: RunOptions,
  asOf: Day,
  config: Config,
  context: Pick<RunContext, 'timing' | 'progress'> = {},
  lines: LinesThread | null = null,
): Promise<{ exports: Exports; report: Report }> {
  const { timing } = context;
  const analyseOptions = { asOf, config, ...(options.sort ? { sort: options.sort } : {}) };
  // The cases are opened while contacts.csv is read: on a large export, on another thread too.
  let opened: OpenedCases | undefined;
  const exports = await readExport(inputs, options, asOf, config, context, (read) => (opened = openCases(read, analyseOptions)));
  timing?.('read');
  // The analysis leaves the other core idle: a lines worker the output will want starts there now.
  if (lines !== null && exports.cases.length >= linesMin()) lines.start();
  const report = analyse(exports, analyseOptions, opened);
  timing?.('analyse');
  return { exports, report };
}

const FILTER_OPTIONS: Record<FilterKey, { flag: string; noun: string }> = {
  flags: { flag: '--flag', noun: 'flag' },
  risks: { flag: '--risk', noun: 'risk level' },
  officers: { flag: '--officer', noun: 'officer' },
  teams: { flag: '--team', noun: 'team' },
  pdus: { flag: '--pdu', noun: 'PDU' },
};

/**
 * The filters as the export's names (SPEC 3.3); a value that names nothing is a usage error
 * naming the closest known ones: `--team: no team "Islingtn" in this export; closest: Islington North, …`.
 */
export function resolveScope(options: RunOptions, report: Pick<Report, 'officers' | 'cases'>): Scope {
  const raw: Scope = { flags: options.flag, risks: options.risk, officers: options.officer, teams: options.team, pdus: options.pdu };
  const resolution = resolveFilters(raw, report);
  if (resolution.unknown === undefined) return resolution.scope;
  const { key, value, closest } = resolution.unknown;
  const { flag, noun } = FILTER_OPTIONS[key];
  const where = key === 'risks' || key === 'flags' ? '' : ' in this export';
  const hint = closest.length === 0 ? `; this export has no ${noun}s` : `; closest: ${closest.join(', ')}`;
  throw new UsageError(`${flag}: no ${noun} "${value}"${where}${hint}`);
}

export function viewOptions(options: RunOptions, source: string, report: Pick<Report, 'officers' | 'cases'>): ViewOptions {
  return {
    filter: { all: options.all, ...resolveScope(options, report) },
    limit: options.limit ?? null,
    // An email leaves names out unless --include-names (SPEC 3.1); --redact always does.
    redact: options.redact || (formatOf(options) === 'email' && !options.includeNames),
    source,
    ...(options.within === undefined ? {} : { within: options.within }),
  };
}

/** Cases a list needs for its lines to be written on two threads (render/parallel-lines.ts). */
const linesMin = (): number => parallelMin('CASELOAD_PARALLEL_MIN_CASES') ?? PARALLEL_MIN_CASES;

/** A lines worker to start early, for a view whose JSON or NDJSON may hold a long list of cases or tasks; null for any other. */
function linesThreadFor(kind: ViewKind, options: RunOptions): LinesThread | null {
  const format = formatOf(options);
  const listsCases = (format === 'json' || format === 'ndjson') && kind !== 'plan' && kind !== 'validate' && (options.limit ?? Infinity) >= linesMin();
  return listsCases && (options.threads ?? defaultThreads()) >= 2 ? new LinesThread() : null;
}

/** Renders the view in the chosen format (unless --quiet has nothing to say) and decides the exit code. */
export async function present(view: View, issues: readonly Issue[], options: RunOptions, context: RunContext, thread: LinesThread | null = null): Promise<number> {
  const exitCode = decideExitCode(view, options.failOn);
  if (options.quiet && !somethingFlagged(view)) return exitCode;
  const format = formatOf(options);
  const lines = { threads: options.threads ?? defaultThreads(), minCases: linesMin(), thread };
  await RENDERERS[format](view, context.out, { chalk: context.chalk, email: emailSettings(options), width: context.width ?? null, lines });
  if (format === 'table') unreadColumnNotes(view.report.inputs).forEach((note) => context.err(note));
  if (format === 'table' && view.kind !== 'validate' && issues.length > 0) context.err(issueSummary(issues));
  return exitCode;
}

/**
 * The export folder: DIR, or without it (and without both --officers and --offenders) the
 * current folder when it holds the export; else a usage error that says what is missing.
 */
export async function exportFolder(dir: string | undefined, options: Pick<RunOptions, 'officers' | 'offenders'>, cwd = '.'): Promise<string | undefined> {
  if (dir !== undefined || (options.officers !== undefined && options.offenders !== undefined)) return dir;
  const names = new Set((await readdir(cwd)).map((name) => name.toLowerCase()));
  const missing = (['officers', 'offenders'] as const).filter((kind) => options[kind] === undefined && !names.has(`${kind}.csv`));
  if (missing.length === 0) return cwd;
  throw new UsageError(
    `no export folder named, and the current folder has no ${missing.map((kind) => `${kind}.csv`).join(' or ')}: ` +
      'name the folder (caseload report DIR), or the files with --officers and --offenders',
  );
}

/**
 * The reallocation plan (SPEC 2.3) of an analysed export: one computation for `plan` and the
 * report's line about it. `plan --team`/`--pdu` name home teams, resolved as every filter is
 * (without regard to case, a name with commas taken whole, a miss a usage error).
 */
export async function planOf(exports: Exports, report: Report, options: RunOptions, asOf: Day, config: Config, kind: ViewKind = 'plan'): Promise<Plan> {
  // Loaded only for a run that shows a plan: its schemas cost a JSON report's start a few ms.
  const { planReallocation } = await import('../analyse/plan.js');
  const places = kind === 'plan' ? resolveScope(options, report) : { teams: [], pdus: [] };
  return planReallocation(
    { officers: exports.officers, cases: exports.cases, officerResults: report.officers, caseResults: report.cases },
    { asOf, config, teams: places.teams, pdus: places.pdus, ...(options.maxCapacity === undefined ? {} : { maxCapacityPct: options.maxCapacity }) },
  );
}

export async function runAnalysis(kind: ViewKind, given: string | undefined, options: RunOptions, context: RunContext): Promise<number> {
  const dir = await exportFolder(given, options);
  const config = await effectiveConfig(options, context);
  const asOf = options.asOf ?? context.today();
  const inputs = { dir, officers: options.officers, offenders: options.offenders, contacts: options.contacts };
  const thread = linesThreadFor(kind, options);
  try {
    // Only the report (and the plan) is kept: the read records can go before the output is written.
    const { exports, report } = await analyseExport(inputs, options, asOf, config, context, thread);
    const plan = kind === 'plan' || (kind === 'report' && SUMMARY_FORMATS.has(formatOf(options))) ? await planOf(exports, report, options, asOf, config, kind) : null;
    // The plan's --team and --pdu choose home teams, not a scope of the view.
    const shown = kind === 'plan' ? { ...options, team: [], pdu: [] } : options;
    const view = buildView(kind, report, viewOptions(shown, dir ?? options.offenders ?? 'export', report), null, plan);
    const exitCode = await present(view, report.issues, options, context, thread);
    context.timing?.('render');
    return exitCode;
  } finally {
    thread?.stop(); // unless the output took it
  }
}

/** Reads one export, as of `asOf`; --strict turns any data issue into an input error. */
export async function readExport(
  inputs: ExportInputs,
  options: RunOptions,
  asOf: Day,
  config: Config,
  context: Pick<RunContext, 'progress'> = {},
  onCasesRead?: ReadOptions['onCasesRead'],
): Promise<Exports> {
  const exports = await readExports(inputs, { ...readOptions(options, asOf, config, context), onCasesRead });
  if (options.strict && exports.issues.length > 0) {
    const more = exports.issues.length - 1;
    throw new InputError(`${issueLine(exports.issues[0]!)}${more > 0 ? ` (and ${more} more issue${more === 1 ? '' : 's'})` : ''}; --strict`);
  }
  return exports;
}
