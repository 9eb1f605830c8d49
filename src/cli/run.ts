/**
 * The pipeline every analysis command shares: options → config → read → analyse → view →
 * render → exit code. Commands differ only in the view they ask for.
 */
import type { ChalkInstance } from 'chalk';
import { analyse } from '../analyse/analyze.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { InputError } from '../errors.js';
import { RENDERERS, type Format } from '../render/index.js';
import type { Output } from '../render/output.js';
import { buildView, type ViewKind } from '../render/view.js';
import { readExports } from '../read/exports.js';
import type { Issue } from '../read/records.js';
import { dayFromParts, type Day } from '../read/values.js';
import { decideExitCode, somethingFlagged } from './exit-code.js';
import type { RunOptions } from './options.js';

export interface RunContext {
  readonly out: Output;
  /** Notes for the person at the terminal: data-issue summaries. */
  readonly err: (line: string) => void;
  readonly chalk: ChalkInstance;
  /** Today, in local time: the as-of date when none is given. The clock stays out here. */
  readonly today: () => Day;
}

export function localToday(): Day {
  const now = new Date();
  return dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate()) as Day;
}

export function formatOf(options: RunOptions): Format {
  return options.json ? 'json' : (options.format ?? 'table');
}

async function effectiveConfig(options: RunOptions): Promise<Config> {
  const { config } = await loadConfig(options.config);
  return options.dateOrder ? { ...config, date_order: options.dateOrder } : config;
}

/** `offenders.csv:12: risk: unknown value "mediumish"` */
export function issueLine(issue: Issue): string {
  return `${issue.file}${issue.line === null ? '' : `:${issue.line}`}: ${issue.message}`;
}

function issueSummary(issues: readonly Issue[]): string {
  const perFile = new Map<string, number>();
  for (const issue of issues) perFile.set(issue.file, (perFile.get(issue.file) ?? 0) + 1);
  const files = [...perFile].map(([file, count]) => `${file} ${count}`).join(', ');
  return `caseload: ${issues.length} data issue${issues.length === 1 ? '' : 's'} (${files}); caseload validate lists them`;
}

export async function runAnalysis(kind: ViewKind, dir: string | undefined, options: RunOptions, context: RunContext): Promise<number> {
  const config = await effectiveConfig(options);
  const asOf = options.asOf ?? context.today();
  const exports = await readExports(
    { dir, officers: options.officers, offenders: options.offenders, contacts: options.contacts },
    { asOf, config, encoding: options.encoding, delimiter: options.delimiter },
  );
  if (options.strict && exports.issues.length > 0) {
    const more = exports.issues.length - 1;
    throw new InputError(`${issueLine(exports.issues[0]!)}${more > 0 ? ` (and ${more} more issue${more === 1 ? '' : 's'})` : ''}; --strict`);
  }
  const report = analyse(exports, { asOf, config, ...(options.sort ? { sort: options.sort } : {}) });
  const format = formatOf(options);
  const view = buildView(kind, report, {
    filter: { all: options.all, flags: options.flag, risks: options.risk, officers: options.officer, teams: options.team, pdus: options.pdu },
    limit: options.limit ?? null,
    redact: options.redact,
    source: dir ?? options.offenders ?? 'export',
  });
  if (options.quiet && !somethingFlagged(view)) return decideExitCode(view, options.failOn);
  RENDERERS[format](view, context.out, context.chalk);
  if (format === 'table' && kind !== 'validate' && exports.issues.length > 0) context.err(issueSummary(exports.issues));
  return decideExitCode(view, options.failOn);
}
