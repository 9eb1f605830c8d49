/**
 * The pipeline every analysis command shares: options → config → read → analyse → view →
 * render → exit code. Commands differ only in the view they ask for.
 */
import type { ChalkInstance } from 'chalk';
import { analyse } from '../analyse/analyze.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { InputError, UsageError } from '../errors.js';
import type { EmailSettings } from '../render/email.js';
import { RENDERERS, type Format } from '../render/index.js';
import type { Output } from '../render/output.js';
import { plainText } from '../render/text.js';
import { buildView, type View, type ViewKind, type ViewOptions } from '../render/view.js';
import { readExports, type ExportInputs, type ReadOptions } from '../read/exports.js';
import type { Exports, Issue } from '../read/records.js';
import type { Report } from '../analyse/report.js';
import { planReallocation, type Plan } from '../analyse/plan.js';
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

/** CASELOAD_PARALLEL_MIN_BYTES lowers the size at which contacts.csv is split across threads (tests use 0). */
function parallelMinBytes(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env.CASELOAD_PARALLEL_MIN_BYTES);
  return env.CASELOAD_PARALLEL_MIN_BYTES !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** How the export is read: as of, config, encoding, delimiter, threads, progress. */
export function readOptions(options: RunOptions, asOf: Day, config: Config, context: Pick<RunContext, 'progress'> = {}): ReadOptions {
  return {
    asOf,
    config,
    encoding: options.encoding,
    delimiter: options.delimiter,
    threads: options.threads,
    parallelMinBytes: parallelMinBytes(process.env),
    onProgress: context.progress,
  };
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
  const exports = await readExports(inputs, readOptions(options, asOf, config, context));
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
    ...(options.within === undefined ? {} : { within: options.within }),
  };
}

/** Renders the view in the chosen format (unless --quiet has nothing to say) and decides the exit code. */
export async function present(view: View, issues: readonly Issue[], options: RunOptions, context: RunContext): Promise<number> {
  const exitCode = decideExitCode(view, options.failOn);
  if (options.quiet && !somethingFlagged(view)) return exitCode;
  const format = formatOf(options);
  await RENDERERS[format](view, context.out, { chalk: context.chalk, email: emailSettings(options) });
  if (format === 'table' && view.kind !== 'validate' && issues.length > 0) context.err(issueSummary(issues));
  return exitCode;
}

/** The reallocation plan (SPEC 2.3) of an analysed export: one computation for `plan` and the report's line about it. */
export function planOf(exports: Exports, report: Report, options: RunOptions, asOf: Day, config: Config, kind: ViewKind = 'plan'): Plan {
  // `plan --team X` names a home team: one that is no team's name would plan nothing, silently.
  if (kind === 'plan') {
    checkPlaces('--team', options.team, [...exports.officers.map((officer) => officer.team), ...exports.cases.map((record) => record.team)]);
    checkPlaces('--pdu', options.pdu, [...exports.officers.map((officer) => officer.pdu), ...exports.cases.map((record) => record.pdu)]);
  }
  return planReallocation(
    { officers: exports.officers, cases: exports.cases, officerResults: report.officers, caseResults: report.cases },
    { asOf, config, teams: options.team, pdus: options.pdu, ...(options.maxCapacity === undefined ? {} : { maxCapacityPct: options.maxCapacity }) },
  );
}

function checkPlaces(flag: string, wanted: readonly string[], names: readonly (string | null)[]): void {
  const known = [...new Set(names.filter((name): name is string => name !== null))].sort();
  const folded = new Set(known.map((name) => name.toLowerCase()));
  for (const value of wanted) {
    if (!folded.has(value.toLowerCase())) {
      throw new UsageError(plainText(`${flag} ${value}: no such name in the export (${known.length === 0 ? 'none has one' : known.slice(0, 12).join(', ')})`));
    }
  }
}

export async function runAnalysis(kind: ViewKind, dir: string | undefined, options: RunOptions, context: RunContext): Promise<number> {
  const config = await effectiveConfig(options, context);
  const asOf = options.asOf ?? context.today();
  const inputs = { dir, officers: options.officers, offenders: options.offenders, contacts: options.contacts };
  // Only the report (and the plan) is kept: the read records can go before the output is written.
  const { exports, report } = await analyseExport(inputs, options, asOf, config, context);
  const plan = kind === 'report' || kind === 'plan' ? planOf(exports, report, options, asOf, config, kind) : null;
  const view = buildView(kind, report, viewOptions(options, dir ?? options.offenders ?? 'export'), null, plan);
  const exitCode = await present(view, report.issues, options, context);
  context.timing?.('render');
  return exitCode;
}
