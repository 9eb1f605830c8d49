/**
 * What a command shows: a selection of the Report, built once and handed to whichever
 * renderer `--format` names, so every format shows the same rows.
 */
import type { DiffReport } from '../analyse/diff.js';
import type { CaseResult, GroupResult, ManagerResult, OfficerResult, Report } from '../analyse/report.js';
import type { Issue } from '../read/records.js';

export type ViewKind = 'report' | 'officers' | 'cases' | 'teams' | 'validate' | 'diff';

export interface View {
  readonly kind: ViewKind;
  readonly report: Report;
  /** The cases the view selects (flagged ones unless --all, then filters), in priority order, cut to --limit. */
  readonly cases: CaseResult[];
  /** Every case the view selects, before --limit: what --fail-on and --quiet judge. */
  readonly selectedCases: CaseResult[];
  readonly casesTotal: number;
  readonly officers: OfficerResult[];
  readonly officersTotal: number;
  readonly managers: ManagerResult[];
  readonly teams: GroupResult[];
  readonly pdus: GroupResult[];
  readonly issues: Issue[];
  /** --limit: rows every format shows; null when not given (tables then show their top rows). */
  readonly limit: number | null;
  /** A label for the export, for headings. */
  readonly source: string;
  /** For `diff`: the changes since the previous export (`report` is the current one), before --limit. */
  readonly diff: DiffReport | null;
}

export interface CaseFilter {
  readonly all: boolean;
  readonly flags: readonly string[];
  readonly risks: readonly string[];
  readonly officers: readonly string[];
  readonly teams: readonly string[];
  readonly pdus: readonly string[];
}

export const NO_FILTER: CaseFilter = { all: false, flags: [], risks: [], officers: [], teams: [], pdus: [] };

const matchesAny = (wanted: readonly string[], value: string | null): boolean =>
  wanted.length === 0 || (value !== null && wanted.includes(value));

export function selectCases(cases: readonly CaseResult[], filter: CaseFilter): CaseResult[] {
  return cases.filter(
    (result) =>
      (filter.all || result.flags.length > 0) &&
      (filter.flags.length === 0 || result.flags.some((code) => filter.flags.includes(code))) &&
      matchesAny(filter.risks, result.risk ?? 'unknown') &&
      matchesAny(filter.officers, result.officer_id) &&
      matchesAny(filter.teams, result.team) &&
      matchesAny(filter.pdus, result.pdu),
  );
}

/** `--redact` for a diff: the changes without names. */
export function redactDiff(diff: DiffReport): DiffReport {
  return {
    ...diff,
    cases: diff.cases.map((change) => ({ ...change, name: null })),
    unchanged: diff.unchanged.map((change) => ({ ...change, name: null })),
    officers: diff.officers.map((officer) => ({ ...officer, name: null })),
  };
}

/** `--redact`: every name from the input left out, the shape of the output kept. */
export function redact(report: Report): Report {
  return {
    ...report,
    officers: report.officers.map((officer) => ({ ...officer, name: null })),
    managers: report.managers.map((manager) => ({ ...manager, name: null })),
    cases: report.cases.map((result) => ({ ...result, name: null, officer_name: null })),
  };
}

export interface ViewOptions {
  readonly filter: CaseFilter;
  /** --limit: caps every format's rows when given. */
  readonly limit: number | null;
  readonly redact: boolean;
  readonly source: string;
}

export function buildView(kind: ViewKind, fullReport: Report, options: ViewOptions, fullDiff: DiffReport | null = null): View {
  const report = options.redact ? redact(fullReport) : fullReport;
  const diff = fullDiff !== null && options.redact ? redactDiff(fullDiff) : fullDiff;
  const cap = <T>(rows: T[]): T[] => (options.limit === null ? rows : rows.slice(0, options.limit));
  const cases = selectCases(report.cases, options.filter);
  return {
    kind,
    report,
    cases: cap(cases),
    selectedCases: cases,
    casesTotal: cases.length,
    officers: cap(report.officers),
    officersTotal: report.officers.length,
    managers: report.managers,
    teams: report.teams,
    pdus: report.pdus,
    issues: report.issues,
    limit: options.limit,
    source: options.source,
    diff,
  };
}
