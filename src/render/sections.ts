/**
 * The parts of each view a person reads, in order: shared by the table and markdown renderers.
 * CSV and NDJSON take the view's main rows instead (`mainRows`).
 */
import { CASE_FLAGS, LOST_FLAGS, type OfficerResult } from '../analyse/report.js';
import type { DiffSummary } from '../analyse/diff.js';
import {
  CASE_CHANGE_COLUMNS,
  CASE_COLUMNS,
  OFFICER_CHANGE_COLUMNS,
  CHECK_COLUMNS,
  GROUP_COLUMNS,
  INPUT_COLUMNS,
  ISSUE_COLUMNS,
  MANAGER_COLUMNS,
  OFFICER_COLUMNS,
  type Column,
} from './columns.js';
import type { View } from './view.js';
import { compareText } from '../analyse/compare.js';

const LEVEL_COLUMN: Column<{ level: string }> = { key: 'level', heading: 'Level', value: (row) => row.level, brief: true };

export interface Section<Row = unknown> {
  readonly title: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  /** Rows there are in all; more than rows.length means a "… N more" line. */
  readonly total: number;
  /** Said instead of an empty table. */
  readonly empty: string;
}

const section = <Row>(title: string, columns: readonly Column<Row>[], rows: readonly Row[], total: number, empty: string): Section =>
  ({ title, columns, rows, total, empty }) as Section;

const number = (value: number): string => value.toLocaleString('en-GB');
const share = (part: number, whole: number): string => (whole === 0 ? '' : ` (${Math.round((part / whole) * 100)}%)`);

/** `officer_left 389, not_seen 270`: the codes with a count, largest first. */
function flagCounts(counts: Readonly<Record<string, number>>, codes: readonly string[]): string {
  return (
    codes
      .filter((code) => (counts[code] ?? 0) > 0)
      .sort((a, b) => counts[b]! - counts[a]! || compareText(a, b))
      .map((code) => `${code} ${number(counts[code]!)}`)
      .join(', ') || 'none'
  );
}

/** The summary lines a view leads with, as label and text; none for the plain lists. */
export function summaryFacts(view: View): [string, string][] {
  if (view.kind === 'report') return reportFacts(view);
  if (view.kind === 'diff') return diffFacts(view);
  return [];
}

function diffFacts(view: View): [string, string][] {
  const { summary, previous_as_of } = view.diff!;
  return [
    ['Since', `${previous_as_of} (previous export)`],
    ['Cases', `${number(summary.cases)} (was ${number(summary.previous_cases)}): ${number(summary.changed)} changed, ${number(summary.appeared)} appeared, ${number(summary.disappeared)} gone, ${number(summary.reallocated)} reallocated`],
    ['Lost', `${number(summary.newly_lost)} newly lost, ${number(summary.still_lost)} still lost, ${number(summary.no_longer_lost)} no longer lost`],
    ['Overdue', `${number(summary.newly_overdue)} newly overdue`],
    ['New flags', flagCounts(summary.flags_new, CASE_FLAGS)],
    ['Resolved', flagCounts(summary.flags_resolved, CASE_FLAGS)],
    ['Officers', officerStatusFacts(summary)],
  ];
}

/** `1 left, 1 went absent` from the roster changes; `no status changed` when none. */
function officerStatusFacts(summary: DiffSummary): string {
  const parts: [number, string][] = [
    [summary.officers_left, 'left'],
    [summary.officers_absent, 'went absent'],
    [summary.officers_returned, 'returned'],
    [summary.officers_joined, 'joined'],
    [summary.officers_removed, 'gone from the roster'],
  ];
  return (
    parts
      .filter(([count]) => count > 0)
      .map(([count, what]) => `${number(count)} ${what}`)
      .join(', ') || 'no status changed'
  );
}

/** The report's first screen, as label and text: who is lost, overdue, unsafe, overloaded. */
function reportFacts(view: View): [string, string][] {
  const { summary, checks_skipped } = view.report;
  const flags = summary.flags;
  const skipped = new Set<string>(checks_skipped.map((entry) => entry.check));
  const known = view.report.officers.filter((officer) => officer.status !== null);
  const left = known.filter((officer) => officer.status === 'left');
  const absent = known.filter((officer) => officer.status !== 'active' && officer.status !== 'left');
  const casesOf = (officers: readonly OfficerResult[]): number => officers.reduce((sum, officer) => sum + officer.caseload, 0);
  const busiest = view.report.officers.find((officer) => officer.capacity_pct !== null);

  const facts: [string, string][] = [
    [
      'Cases',
      `${number(summary.cases)} analysed: ${number(summary.active)} active, ${number(summary.custody)} custody, ${number(summary.warrant)} warrant (${number(summary.terminated)} terminated left out)`,
    ],
    ['Lost', `${number(summary.lost)}${share(summary.lost, summary.cases)}: ${flagCounts(flags, LOST_FLAGS)}`],
    ['Overdue', `${number(summary.overdue)}${share(summary.overdue, summary.active)} of active cases past their contact standard`],
  ];
  const safeguarding: string[] = [];
  if (!skipped.has('da_check_missing')) {
    safeguarding.push(`${number(flags.da_check_missing)} of ${number(summary.da_flagged)} domestic-abuse cases without a police check${share(flags.da_check_missing, summary.da_flagged)}`);
  }
  if (!skipped.has('safeguarding_check_missing')) {
    safeguarding.push(`${number(flags.safeguarding_check_missing)} of ${number(summary.safeguarding_flagged)} child-safeguarding cases without an enquiry`);
  }
  if (!skipped.has('address_unknown')) safeguarding.push(`${number(flags.address_unknown)} with no known address`);
  if (safeguarding.length > 0) facts.push(['Safeguarding', safeguarding.join('; ')]);
  if (!skipped.has('assessment_overdue')) {
    facts.push(['Assessments', `${number(flags.assessment_overdue)}${share(flags.assessment_overdue, summary.active)} of active cases without a risk-of-harm assessment in ${view.report.config.assessment_review_days} days`]);
  }
  facts.push([
    'Officers',
    `${number(known.length)} on the roster: ${number(absent.length)} absent holding ${number(casesOf(absent))} cases, ` +
      `${number(left.length)} left with ${number(casesOf(left))} cases still allocated; ` +
      `${number(summary.officer_flags.over_capacity)} over capacity` +
      (busiest && busiest.capacity_pct! > 100 ? ` (highest ${busiest.officer_id} at ${busiest.capacity_pct}%)` : ''),
  ]);
  const spans = view.managers.filter((manager) => manager.flags.includes('span_exceeded'));
  if (spans.length > 0) {
    facts.push([
      'Managers',
      `${spans.map((manager) => `${manager.manager_id} oversees ${number(manager.caseload)} cases`).join(', ')} (span ${number(view.report.config.manager_span)})`,
    ]);
  }
  facts.push(['Other flags', flagCounts(flags, ['enforcement_due', 'sentence_expired', 'risk_unknown', 'warrant', 'invalid_data', 'duplicate_record'])]);
  if (checks_skipped.length > 0) {
    facts.push(['Checks skipped', checks_skipped.map((entry) => `${entry.check} (no ${entry.missing.join(' or ')})`).join(', ')]);
  }
  if (summary.issues > 0) facts.push(['Data issues', `${number(summary.issues)} (caseload validate lists them)`]);
  return facts;
}

/** Rows a table shows without --limit: the report fits its story on one screen. */
export const TABLE_ROWS = { report: { officers: 10, cases: 20 }, list: 25 } as const;

export function sectionsFor(view: View): Section[] {
  const top =
    (rows: number) =>
    <Row>(list: readonly Row[]): readonly Row[] =>
      list.slice(0, view.limit ?? rows);
  const casesSection = (title: string, rows: number) =>
    section(title, CASE_COLUMNS, top(rows)(view.cases), view.casesTotal, 'No flagged cases.');
  switch (view.kind) {
    case 'report':
      return [
        section('Officers by capacity', OFFICER_COLUMNS, top(TABLE_ROWS.report.officers)(view.officers), view.officersTotal, 'No officers.'),
        casesSection('Flagged cases by priority', TABLE_ROWS.report.cases),
      ];
    case 'officers':
      return [section('Officers', OFFICER_COLUMNS, top(TABLE_ROWS.list)(view.officers), view.officersTotal, 'No officers.')];
    case 'cases':
      return [casesSection('Cases by priority', TABLE_ROWS.list)];
    case 'teams':
      return [
        section('Teams', GROUP_COLUMNS, view.teams, view.teams.length, 'No teams.'),
        section('PDUs', GROUP_COLUMNS, view.pdus, view.pdus.length, 'No PDUs.'),
        section('Managers', MANAGER_COLUMNS, view.managers, view.managers.length, 'No managers.'),
      ];
    case 'validate':
      return [
        section('Inputs', INPUT_COLUMNS, view.report.inputs, view.report.inputs.length, 'No inputs.'),
        section('Checks skipped', CHECK_COLUMNS, view.report.checks_skipped, view.report.checks_skipped.length, 'Every check can run.'),
        section('Issues', ISSUE_COLUMNS, top(TABLE_ROWS.list)(view.issues), view.issues.length, 'No data issues.'),
      ];
    case 'diff': {
      const diff = view.diff!;
      return [
        section('Changed cases by priority', CASE_CHANGE_COLUMNS, top(TABLE_ROWS.list)(diff.cases), diff.cases.length, 'No case changed.'),
        // Apart from the news, so "changed" never counts a case that merely stayed lost.
        section(
          diff.unchanged.every((change) => change.lost) ? 'Still lost, unchanged' : 'Unchanged cases',
          CASE_CHANGE_COLUMNS,
          top(TABLE_ROWS.list)(diff.unchanged),
          diff.unchanged.length,
          'No unchanged case is still lost.',
        ),
        section('Officers whose status or caseload changed', OFFICER_CHANGE_COLUMNS, top(TABLE_ROWS.report.officers)(diff.officers), diff.officers.length, 'No officer changed.'),
      ];
    }
  }
}

/** The one list a view is about: what CSV writes and NDJSON streams. */
export function mainRows(view: View): { columns: readonly Column<unknown>[]; rows: readonly unknown[] } {
  switch (view.kind) {
    case 'report':
    case 'cases':
      return { columns: CASE_COLUMNS as readonly Column<unknown>[], rows: view.cases };
    case 'officers':
      return { columns: OFFICER_COLUMNS as readonly Column<unknown>[], rows: view.officers };
    case 'teams':
      return {
        columns: [LEVEL_COLUMN, ...GROUP_COLUMNS] as readonly Column<unknown>[],
        rows: [...view.teams.map((team) => ({ level: 'team', ...team })), ...view.pdus.map((pdu) => ({ level: 'pdu', ...pdu }))],
      };
    case 'validate':
      return { columns: ISSUE_COLUMNS as readonly Column<unknown>[], rows: view.issues };
    case 'diff': {
      // The changed cases, then the unchanged ones (their change column says so).
      const cases = [...view.diff!.cases, ...view.diff!.unchanged];
      return { columns: CASE_CHANGE_COLUMNS as readonly Column<unknown>[], rows: view.limit === null ? cases : cases.slice(0, view.limit) };
    }
  }
}
