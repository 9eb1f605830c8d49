/**
 * SPEC 3.3: a filter scopes the whole view. The report narrowed to the cases a filter keeps,
 * with the officers, managers, teams, PDUs and summary recomputed from them.
 */
import type { Config } from '../config/schema.js';
import { analyseManagers } from './officers.js';
import type { CaseResult, OfficerResult, Report } from './report.js';
import { rollUp } from './rollups.js';
import { summarise } from './summary.js';

/** Known names (filters.ts resolves what was typed); an empty list keeps everything. */
export interface Scope {
  readonly flags: readonly string[];
  readonly risks: readonly string[];
  readonly officers: readonly string[];
  readonly teams: readonly string[];
  readonly pdus: readonly string[];
}

export const NO_SCOPE: Scope = { flags: [], risks: [], officers: [], teams: [], pdus: [] };

const matchesAny = (wanted: readonly string[], value: string | null): boolean =>
  wanted.length === 0 || (value !== null && wanted.includes(value));

export function isScoped(scope: Scope): boolean {
  return Object.values(scope).some((values: readonly string[]) => values.length > 0);
}

/** Whether a case is in scope: every filter given matches it (a case with no risk is `unknown`). */
export function caseInScope(result: CaseResult, scope: Scope): boolean {
  return (
    (scope.flags.length === 0 || result.flags.some((code) => scope.flags.includes(code))) &&
    matchesAny(scope.risks, result.risk ?? 'unknown') &&
    matchesAny(scope.officers, result.officer_id) &&
    matchesAny(scope.teams, result.team) &&
    matchesAny(scope.pdus, result.pdu)
  );
}

/**
 * Officers in scope keep their full rows (their whole caseload, points and flags). With only
 * --team, --pdu or --officer, they are the officers those name, and any officer holding a case
 * in scope (an officer_id missing from officers.csv, placed by the case's own team). With
 * --risk or --flag, they are only the officers holding a case in scope.
 */
export function officerInScope(officer: OfficerResult, scope: Scope, holders: ReadonlySet<string>): boolean {
  if (holders.has(officer.officer_id)) return true;
  const caseOnly = scope.risks.length > 0 || scope.flags.length > 0;
  return !caseOnly && matchesAny(scope.officers, officer.officer_id) && matchesAny(scope.teams, officer.team) && matchesAny(scope.pdus, officer.pdu);
}

/** The report as the filter sees it; unfiltered, the report itself. */
export function scopeReport(report: Report, scope: Scope, config: Config = report.config): Report {
  if (!isScoped(scope)) return report;
  const cases = report.cases.filter((result) => caseInScope(result, scope));
  const holders = new Set(cases.map((result) => result.officer_id).filter((id): id is string => id !== null));
  const officers = report.officers.filter((officer) => officerInScope(officer, scope, holders));
  return {
    ...report,
    summary: summarise(cases, officers, { terminated: null, issues: report.summary.issues }),
    officers,
    managers: analyseManagers(officers, config, report.officers),
    teams: rollUp(officers, cases, 'team'),
    pdus: rollUp(officers, cases, 'pdu'),
    cases,
  };
}
