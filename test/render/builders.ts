/**
 * Hand-made analysis results for the renderer tests: each test states only the fields that
 * matter to it. These are render-side shapes (Report, CaseResult…), not input records.
 */
import type { CaseFlag, CaseResult, ManagerResult, OfficerResult, Report } from '../../src/analyse/report.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { buildView, NO_FILTER, type CaseFilter, type View, type ViewKind } from '../../src/render/view.js';

const LOST = new Set<string>(['unallocated', 'unknown_officer', 'officer_left', 'officer_absent', 'not_seen', 'never_seen']);

/** An active medium-risk case of O1, seen yesterday; lost and overdue follow from its flags. */
export function caseResult(overrides: Partial<CaseResult> = {}): CaseResult {
  const flags: CaseFlag[] = overrides.flags ?? [];
  return {
    crn: 'X000001',
    name: 'Person One',
    officer_id: 'O1',
    officer_name: 'Officer One',
    team: 'Team A',
    pdu: 'PDU A',
    manager_id: 'M1',
    risk: 'medium',
    tier: 'C2',
    sentence_type: 'community_order',
    status: 'active',
    start_date: '2026-01-01',
    end_date: null,
    last_contact: '2026-11-15',
    days_since_contact: 1,
    days_since_start: 319,
    standard_days: 14,
    overdue: flags.includes('overdue'),
    days_overdue: 0,
    lost: flags.some((code) => LOST.has(code)),
    flags,
    da_flag: false,
    safeguarding_flag: false,
    priority: 1,
    line: 2,
    reset: false,
    reset_date: null,
    next_contact_due: null,
    assessment_due: null,
    ends_in_days: null,
    ...overrides,
  };
}

export function officerResult(overrides: Partial<OfficerResult> = {}): OfficerResult {
  return {
    officer_id: 'O1',
    name: 'Officer One',
    grade: 'PO',
    team: 'Team A',
    pdu: 'PDU A',
    manager_id: 'M1',
    status: 'active',
    status_since: null,
    contracted_hours: 37,
    reduction_pct: 0,
    caseload: 1,
    by_risk: { very_high: 0, high: 0, medium: 1, low: 0, unknown: 0 },
    points: 63,
    capacity_points: 2176,
    capacity_pct: 2.9,
    overdue: 0,
    lost: 0,
    seen_on_time_pct: 100,
    peer_group: null,
    rates: { overdue: null, lost: null, assessment_overdue: null },
    outliers: { overdue: null, lost: null, assessment_overdue: null },
    flags: [],
    ...overrides,
  };
}

export function managerResult(overrides: Partial<ManagerResult> = {}): ManagerResult {
  return { manager_id: 'M1', name: 'Manager One', officers: ['O1'], caseload: 1, lost: 0, overdue: 0, flags: [], ...overrides };
}

/** A report holding these cases (priorities renumbered 1..n in the order given) and officers. */
export function report(parts: { cases?: CaseResult[]; officers?: OfficerResult[]; managers?: ManagerResult[] } = {}): Report {
  const cases = (parts.cases ?? []).map((result, at) => ({ ...result, priority: at + 1 }));
  return {
    schema_version: 1,
    as_of: '2026-11-16',
    config: DEFAULT_CONFIG,
    inputs: [],
    checks_skipped: [],
    summary: {
      cases: cases.length,
      active: cases.filter((result) => result.status === 'active').length,
      custody: 0,
      warrant: 0,
      terminated: 0,
      officers: (parts.officers ?? []).length,
      lost: cases.filter((result) => result.lost).length,
      overdue: cases.filter((result) => result.overdue).length,
      flags: {} as Report['summary']['flags'],
      officer_flags: {} as Report['summary']['officer_flags'],
      outliers: { overdue: 0, lost: 0, assessment_overdue: 0 },
      issues: 0,
    } as Report['summary'],
    officers: parts.officers ?? [],
    managers: parts.managers ?? [],
    teams: [],
    pdus: [],
    peer_groups: [],
    cases,
    issues: [],
  };
}

export function view(
  kind: ViewKind,
  fromReport: Report,
  options: { filter?: Partial<CaseFilter>; limit?: number | null; redact?: boolean } = {},
): View {
  return buildView(kind, fromReport, {
    filter: { ...NO_FILTER, ...options.filter },
    limit: options.limit ?? null,
    redact: options.redact ?? false,
    source: 'test',
  });
}
