/**
 * What a command shows: a selection of the Report, built once and handed to whichever
 * renderer `--format` names, so every format shows the same rows.
 */
import type { DiffReport } from '../analyse/diff.js';
import { DEFAULT_WITHIN_DAYS, dueTasks, type DueList } from '../analyse/due.js';
import { parseDate, type Day } from '../read/values.js';
import type { CaseResult, GroupResult, ManagerResult, OfficerResult, Report } from '../analyse/report.js';
import type { Issue } from '../read/records.js';
import { caseInScope, NO_SCOPE, scopeReport, type Scope } from '../analyse/scope.js';

import type { Plan } from '../analyse/plan.js';

export type ViewKind = 'report' | 'officers' | 'cases' | 'teams' | 'validate' | 'diff' | 'due' | 'plan';

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
  /** --redact: names are left out, and the tables drop their name columns. */
  readonly redacted: boolean;
  /** For `diff`: the changes since the previous export (`report` is the current one), before --limit. */
  readonly diff: DiffReport | null;
  /** For `due`: the worklist (SPEC 3.2), every task before --limit; null for other views. */
  readonly due: DueList | null;
  /**
   * The reallocation plan (SPEC 2.3): for `plan`, its moves and unplaced cases cut to --limit
   * (the summary keeps the totals); for `report`, whole, for the summary's line about it
   * (null in a format that shows no summary: formats.ts SUMMARY_FORMATS).
   */
  readonly plan: Plan | null;
}

/** The filters (known names: analyse/filters.ts resolves what was typed), and --all. */
export interface CaseFilter extends Scope {
  readonly all: boolean;
}

export const NO_FILTER: CaseFilter = { all: false, ...NO_SCOPE };

export function selectCases(cases: readonly CaseResult[], filter: CaseFilter): CaseResult[] {
  return cases.filter((result) => (filter.all || result.flags.length > 0) && caseInScope(result, filter));
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

/** `--redact` for a plan: the moves, unplaced cases and receivers without names. */
export function redactPlan(plan: Plan): Plan {
  return {
    ...plan,
    moves: plan.moves.map((move) => ({ ...move, name: null, to_officer_name: null })),
    unplaced: plan.unplaced.map((item) => ({ ...item, name: null })),
    receivers: plan.receivers.map((receiver) => ({ ...receiver, name: null })),
  };
}

export interface ViewOptions {
  readonly filter: CaseFilter;
  /** --limit: caps every format's rows when given. */
  readonly limit: number | null;
  readonly redact: boolean;
  readonly source: string;
  /** For `due`: --within, the horizon in days. */
  readonly within?: number;
}

export function buildView(kind: ViewKind, fullReport: Report, options: ViewOptions, fullDiff: DiffReport | null = null, fullPlan: Plan | null = null): View {
  // A filter scopes the whole view (SPEC 3.3): summary, officers, managers, teams and cases.
  const scoped = scopeReport(fullReport, options.filter);
  const report = options.redact ? redact(scoped) : scoped;
  const diff = fullDiff !== null && options.redact ? redactDiff(fullDiff) : fullDiff;
  const cap = <T>(rows: T[]): T[] => (options.limit === null ? rows : rows.slice(0, options.limit));
  let plan = fullPlan !== null && options.redact ? redactPlan(fullPlan) : fullPlan;
  let cases: CaseResult[];
  if (kind === 'plan' && plan !== null) {
    // The plan's cases are the ones to move: what --fail-on and --quiet judge.
    const toMove = new Set([...plan.moves, ...plan.unplaced].map((item) => item.crn));
    cases = report.cases.filter((result) => toMove.has(result.crn));
    plan = { ...plan, moves: cap(plan.moves), unplaced: cap(plan.unplaced) };
  } else {
    // A worklist looks at every case the filters select, flagged or not.
    cases = selectCases(report.cases, kind === 'due' ? { ...options.filter, all: true } : options.filter);
  }
  const due = kind === 'due' ? dueTasks(report, cases, parseDate(report.as_of) as Day, options.within ?? DEFAULT_WITHIN_DAYS) : null;
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
    redacted: options.redact,
    source: options.source,
    diff,
    due,
    plan,
  };
}
