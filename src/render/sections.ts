/**
 * The parts of each view a person reads, in order: shared by the table and markdown renderers.
 * CSV and NDJSON take the view's main rows instead (`mainRows`).
 */
import { CASE_FLAGS, LOST_FLAGS, WARNING_FLAGS } from '../analyse/report.js';
import {
  CASE_COLUMNS,
  CHECK_COLUMNS,
  GROUP_COLUMNS,
  INPUT_COLUMNS,
  ISSUE_COLUMNS,
  MANAGER_COLUMNS,
  OFFICER_COLUMNS,
  type Column,
} from './columns.js';
import type { View } from './view.js';

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

/** A heading line and the facts of the summary, as label and text. */
export function summaryFacts(view: View): [string, string][] {
  const { summary, as_of } = view.report;
  const counts = (codes: readonly string[]): string =>
    codes
      .filter((code) => summary.flags[code as (typeof CASE_FLAGS)[number]] > 0)
      .map((code) => `${code} ${summary.flags[code as (typeof CASE_FLAGS)[number]]}`)
      .join(', ') || 'none';
  const facts: [string, string][] = [
    ['As of', as_of],
    [
      'Cases',
      `${summary.cases} (${summary.active} active, ${summary.custody} custody, ${summary.warrant} warrant; ${summary.terminated} terminated not analysed)`,
    ],
    ['Lost', `${summary.lost}: ${counts(LOST_FLAGS)}`],
    ['Overdue', String(summary.overdue)],
    ['Warnings', counts(WARNING_FLAGS.filter((code) => code !== 'overdue'))],
    ['Officers', `${summary.officers} in officers.csv; ${overCapacity(view)} over capacity`],
  ];
  const spans = view.managers.filter((manager) => manager.flags.includes('span_exceeded'));
  if (spans.length > 0) facts.push(['Managers over span', spans.map((manager) => `${manager.manager_id} (${manager.caseload} cases)`).join(', ')]);
  if (view.report.checks_skipped.length > 0) {
    facts.push(['Checks skipped', view.report.checks_skipped.map((entry) => `${entry.check} (no ${entry.missing.join(' or ')})`).join(', ')]);
  }
  if (summary.issues > 0) facts.push(['Data issues', `${summary.issues} (caseload validate lists them)`]);
  return facts;
}

function overCapacity(view: View): number {
  return view.report.summary.officer_flags.over_capacity;
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
  }
}
