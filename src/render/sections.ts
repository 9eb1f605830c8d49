/**
 * The parts of each view a person reads, in order: shared by the table and markdown renderers.
 * CSV and NDJSON take the view's main rows instead (`mainRows`).
 */
import { CASE_FLAGS, LOST_FLAGS, type CheckSkipped, type ManagerResult, type OfficerResult, type Report } from '../analyse/report.js';
import { PEER_RATES } from '../analyse/peers.js';
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
  MOVE_COLUMNS,
  MOVE_TABLE_COLUMNS,
  OFFICER_COLUMNS,
  PDU_COLUMNS,
  RECEIVER_COLUMNS,
  TASK_COLUMNS,
  TEAM_COLUMNS,
  UNPLACED_COLUMNS,
  briefColumns,
  NAME_KEYS,
  type Cell,
  type Column,
} from './columns.js';
import { TABLE_ROWS } from './formats.js';
import { summariseTasks, type DueTask } from '../analyse/due.js';
import { PLAN_REASONS, UNPLACED_WHY, type Plan } from '../analyse/plan.js';
import type { View } from './view.js';
import type { RollupRow } from './schemas.js';
import { compareText } from '../analyse/compare.js';
import { plainText } from './text.js';

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

export const section = <Row>(title: string, columns: readonly Column<Row>[], rows: readonly Row[], total: number, empty: string): Section =>
  ({ title, columns, rows, total, empty }) as Section;

const number = (value: number): string => value.toLocaleString('en-GB');
/** `1 case`, `1,807 cases`. */
export const plural = (count: number, word: string): string => `${number(count)} ${word}${count === 1 ? '' : 's'}`;
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

const TITLES: Record<View['kind'], string> = {
  report: 'Caseload report',
  officers: 'Officers',
  cases: 'Cases',
  teams: 'Teams, PDUs and managers',
  validate: 'Data validation',
  diff: 'Changes',
  due: 'Due',
  plan: 'Reallocation plan',
};

/** Each view's title line (`Cases: exports/2026-11-16, as of 2026-11-16`), in every format that has one. */
export function headingFor(view: View): string {
  return `${TITLES[view.kind]}: ${plainText(view.source)}, as of ${view.report.as_of}`;
}

/** The summary lines a view leads with, as label and text; none for the plain lists. */
export function summaryFacts(view: View): [string, string][] {
  if (view.kind === 'report') return reportFacts(view);
  if (view.kind === 'diff') return diffFacts(view);
  if (view.kind === 'due') return dueFacts(view);
  if (view.kind === 'plan') return planFacts(view.plan!);
  return [];
}

/** The plan's own summary: how many cases, where they go, what stops the rest. */
function planFacts(plan: Plan): [string, string][] {
  const { summary } = plan;
  const unplaced = summary.unplaced === 0 ? '' : ` (${flagCounts(summary.by_why, UNPLACED_WHY)})`;
  return [
    ['To move', `${number(summary.cases_to_move)} cases: ${flagCounts(summary.by_reason, PLAN_REASONS)}`],
    ['Placed', `${number(summary.placed)} with ${number(summary.receivers)} officer${summary.receivers === 1 ? '' : 's'}; ${number(summary.unplaced)} unplaced${unplaced}`],
    [
      'Rules',
      `nobody above ${summary.max_capacity_pct}% of capacity; ${summary.scope === 'pdu' ? 'the home team first, then the other teams of its PDU' : 'the home team only'}; ` +
        'no high, very high or unknown-risk case to a PSO, no high or very high case to an officer in their first year',
    ],
  ];
}

/** The report's pointer to the plan: "403 cases to move: 380 placeable, 23 not; caseload plan proposes where". */
function planPointer(plan: Plan): string {
  const { summary } = plan;
  if (summary.cases_to_move === 0) return 'no case of a leaver, an absent officer or no known officer to move';
  return `${number(summary.cases_to_move)} cases to move: ${number(summary.placed)} placeable, ${number(summary.unplaced)} not; caseload plan proposes where`;
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

/** A worklist's summary: how many tasks, of which kinds, how many past due or with no date. */
function dueFacts(view: View): [string, string][] {
  const { tasks, within, until } = view.due!;
  const { officers, by_task: counts, past_due: past, undated } = summariseTasks(tasks);
  const inReset = view.selectedCases.filter((result) => result.reset).length;
  const facts: [string, string][] = [
    ['Due', `${number(tasks.length)} task${tasks.length === 1 ? '' : 's'} for ${number(officers)} officer${officers === 1 ? '' : 's'} on or before ${until} (within ${within} days)`],
    ['Tasks', flagCounts(counts, Object.keys(counts))],
    ['Past due', `${number(past)} already past their date; ${number(undated)} with no date (a missing check, never assessed, never seen with no start date)`],
    ['Reset', `${number(inReset)} cases in Probation Reset have no contact task`],
  ];
  const skipped = view.report.checks_skipped.filter((entry) => entry.check === 'overdue' || entry.check === 'assessment_overdue');
  if (skipped.length > 0) {
    facts.push(['Left out', skipped.map((entry) => `${entry.check === 'overdue' ? 'contact' : 'assessment'} tasks (no ${entry.missing.join(' or ')})`).join(', ')]);
  }
  const shown = view.limit ?? TABLE_ROWS.due;
  if (tasks.length > shown) facts.push(['Shown', `the first ${number(shown)} tasks (--limit N, or --format csv|json for all)`]);
  return facts;
}

/** `da_check_missing (no da_check)`: a skipped check and the columns it wants. */
export function skippedCheckText(entry: CheckSkipped): string {
  return `${entry.check} (no ${entry.missing.join(' or ')})`;
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
      `${number(summary.cases)} analysed: ${number(summary.active)} active, ${number(summary.custody)} custody, ${number(summary.warrant)} warrant` +
        // A filtered view cannot place terminated cases (they are not analysed): it says nothing of them.
        (summary.terminated === null ? '' : ` (${number(summary.terminated)} terminated left out)`),
    ],
    ['Lost', `${number(summary.lost)}${share(summary.lost, summary.cases)}: ${flagCounts(flags, LOST_FLAGS)}`],
    ['Overdue', `${number(summary.overdue)}${share(summary.overdue, summary.active)} of active cases past their contact standard`],
    [
      'Reset',
      `${number(summary.reset)} in Probation Reset (no contact standard in the final third); ` +
        `${number(flags.reset_exempt)} marked but exempt (very high risk, MAPPA or child safeguarding: supervision should resume)`,
    ],
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
    `${number(known.length)} on the roster: ${number(absent.length)} absent holding ${plural(casesOf(absent), 'case')}, ` +
      `${number(left.length)} left with ${plural(casesOf(left), 'case')} still allocated; ` +
      `${number(summary.officer_flags.over_capacity)} over capacity` +
      (busiest && busiest.capacity_pct! > 100 ? ` (highest ${busiest.officer_id} at ${busiest.capacity_pct}%)` : ''),
  ]);
  facts.push(['Peers', peerFact(view.report)]);
  const spans = view.managers.filter((manager) => manager.flags.includes('span_exceeded'));
  if (spans.length > 0) {
    facts.push([
      'Managers',
      `${spans.map((manager) => `${manager.manager_id} oversees ${plural(manager.caseload, 'case')}`).join(', ')} (span ${number(view.report.config.manager_span)})`,
    ]);
  }
  if (view.plan !== null) facts.push(['Reallocation', planPointer(view.plan)]);
  facts.push(['Other flags', flagCounts(flags, ['enforcement_due', 'sentence_expired', 'risk_unknown', 'warrant', 'invalid_data', 'duplicate_record'])]);
  if (checks_skipped.length > 0) {
    facts.push(['Checks skipped', checks_skipped.map(skippedCheckText).join(', ')]);
  }
  if (summary.issues > 0) facts.push(['Data issues', `${number(summary.issues)} (caseload validate lists them)`]);
  return facts;
}

/**
 * How many officers are far from their peers, on what; and says so when nobody could be compared,
 * so a region too small to compare never reads as a region where everyone is on target.
 */
export function peerFact(report: Report): string {
  const { outliers } = report.config;
  if (report.peer_groups.length === 0) {
    return `no peer group (by ${outliers.group_by}) has ${outliers.min_group} comparable officers in post; nobody compared`;
  }
  const compared = report.officers.filter((officer) => PEER_RATES.some((rate) => officer.outliers[rate] !== null)).length;
  const far = report.summary.officer_flags.outlier;
  return (
    `${number(far)} of ${number(compared)} officers compared (by ${outliers.group_by}) far from their peers` +
    (far > 0 ? `: ${flagCounts(report.summary.outliers, PEER_RATES)}` : '')
  );
}

/**
 * `due` as a person reads it: a section per officer (so each can be printed on its own), the
 * tasks in order up to the limit; each section's count is all of that officer's tasks.
 */
function dueSections(view: View): Section[] {
  const { tasks, within } = view.due!;
  if (tasks.length === 0) return [section('Tasks', TASK_COLUMNS, [], 0, `Nothing falls due within ${within} days.`)];
  const totals = new Map<string | null, number>();
  for (const task of tasks) totals.set(task.officer_id, (totals.get(task.officer_id) ?? 0) + 1);
  const groups = new Map<string | null, DueTask[]>();
  for (const task of tasks.slice(0, view.limit ?? TABLE_ROWS.due)) {
    const group = groups.get(task.officer_id);
    if (group) group.push(task);
    else groups.set(task.officer_id, [task]);
  }
  return [...groups].map(([officerId, rows]) => {
    const first = rows[0]!;
    const who = officerId === null ? 'No officer (unallocated)' : [officerId, first.officer_name, first.officer_status === null ? '(not in officers.csv)' : `(${first.officer_status})`].filter(Boolean).join(' ');
    return section(who, TASK_COLUMNS, rows, totals.get(officerId)!, '');
  });
}

export { TABLE_ROWS };

/** The columns a table or markdown shows: the brief ones, without the name columns --redact empties. */
export function tableColumns(section: Section, redacted: boolean): Column<unknown>[] {
  return (briefColumns(section.columns) as Column<unknown>[]).filter((column) => !redacted || !NAME_KEYS.has(column.key));
}

/** `(1,807)` after a section's title; `… 1,782 more` under a cut table. */
export const sectionCount = (section: Section): string => (section.total > 0 ? ` (${number(section.total)})` : '');
export const moreCount = (section: Section): string => `… ${number(section.total - section.rows.length)} more`;

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
        section('Teams', TEAM_COLUMNS, view.teams, view.teams.length, 'No teams.'),
        section('PDUs', PDU_COLUMNS, view.pdus, view.pdus.length, 'No PDUs.'),
        section('Managers', MANAGER_COLUMNS, view.managers, view.managers.length, 'No managers.'),
      ];
    case 'validate':
      return [
        section('Inputs', INPUT_COLUMNS, view.report.inputs, view.report.inputs.length, 'No inputs.'),
        section('Checks skipped', CHECK_COLUMNS, view.report.checks_skipped, view.report.checks_skipped.length, 'Every check can run.'),
        section('Issues', ISSUE_COLUMNS, top(TABLE_ROWS.list)(view.issues), view.issues.length, 'No data issues.'),
      ];
    case 'due':
      return dueSections(view);
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
    case 'plan': {
      const plan = view.plan!;
      return [
        section('Receivers', RECEIVER_COLUMNS, plan.receivers, plan.receivers.length, 'Nobody receives a case.'),
        section('Moves by points', MOVE_TABLE_COLUMNS, top(TABLE_ROWS.list)(plan.moves), plan.summary.placed, 'No case can be placed.'),
        section('Unplaced', UNPLACED_COLUMNS, top(TABLE_ROWS.list)(plan.unplaced), plan.summary.unplaced, 'Every case is placed.'),
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
        columns: ROLLUP_COLUMNS as readonly Column<unknown>[],
        rows: [
          ...view.teams.map((team): RollupRow => ({ level: 'team', ...team })),
          ...view.pdus.map((pdu): RollupRow => ({ level: 'pdu', ...pdu })),
          ...view.managers.map(managerRow),
        ],
      };
    case 'validate':
      return { columns: ISSUE_COLUMNS as readonly Column<unknown>[], rows: view.issues };
    case 'due': {
      const tasks = view.due!.tasks;
      return { columns: TASK_COLUMNS as readonly Column<unknown>[], rows: view.limit === null ? tasks : tasks.slice(0, view.limit) };
    }
    case 'diff': {
      // The changed cases, then the unchanged ones (their change column says so).
      const cases = [...view.diff!.cases, ...view.diff!.unchanged];
      return { columns: CASE_CHANGE_COLUMNS as readonly Column<unknown>[], rows: view.limit === null ? cases : cases.slice(0, view.limit) };
    }
    case 'plan':
      return { columns: MOVE_COLUMNS as readonly Column<unknown>[], rows: view.plan!.moves };
  }
}

/** A row of `teams` CSV and NDJSON: a team or PDU, or a manager with the officers they oversee (its schema is in schemas.ts). */
export type { RollupRow };

const managerRow = (manager: ManagerResult): RollupRow => ({
  level: 'manager',
  name: manager.name,
  manager_id: manager.manager_id,
  officers: manager.officers,
  cases: manager.caseload,
  lost: manager.lost,
  overdue: manager.overdue,
  flags: manager.flags,
});

/** A field of a rollup row, null where that kind of row has none. */
const field =
  (key: string) =>
  (row: RollupRow): Cell =>
    ((row as Record<string, unknown>)[key] as Cell | undefined) ?? null;

/** `teams` CSV: every key of its NDJSON rows, teams and PDUs first, then managers. */
const ROLLUP_COLUMNS: readonly Column<RollupRow>[] = [
  LEVEL_COLUMN,
  ...GROUP_COLUMNS.map(
    (column): Column<RollupRow> => ({
      key: column.key,
      heading: column.heading,
      brief: false,
      value: (row) => {
        if (row.level === 'manager') return field(column.key)(row);
        // The no-team (no-PDU) row is named as the table names it.
        return column.key === 'name' && row.name === null ? (row.level === 'team' ? '(no team)' : '(no PDU)') : column.value(row);
      },
    }),
  ),
  { key: 'manager_id', heading: 'Manager', value: field('manager_id'), brief: false },
  { key: 'officers', heading: 'Officers', value: (row) => (row.level === 'manager' ? row.officers.join(' ') : null), brief: false },
  { key: 'flags', heading: 'Flags', value: (row) => (row.level === 'manager' ? row.flags.join(' ') : null), brief: false },
];
