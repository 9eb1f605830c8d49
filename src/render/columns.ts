/**
 * The columns of each kind of row, shared by the table, markdown and CSV renderers so the
 * three never disagree. `brief` columns fit a terminal; CSV carries every column.
 */
import type { CaseChange, OfficerChange } from '../analyse/diff.js';
import type { DueTask } from '../analyse/due.js';
import type { PlannedMove, PlanReceiver, UnplacedCase } from '../analyse/plan.js';
import type { CaseResult, CheckSkipped, GroupResult, ManagerResult, OfficerResult } from '../analyse/report.js';
import type { InputSummary, Issue } from '../read/records.js';
import { cellText } from './text.js';
import { PEER_RATE_SHORT, PEER_RATES } from '../analyse/peers.js';

export type Cell = string | number | boolean | null;

export interface Column<Row> {
  /** snake_case key: the CSV header. */
  readonly key: string;
  /** Terminal and markdown heading. */
  readonly heading: string;
  readonly value: (row: Row) => Cell;
  readonly brief: boolean;
  readonly numeric?: boolean;
  /** Decimal places a person sees (108.0 beside 103.6); CSV and JSON keep the number as it is. */
  readonly decimals?: number;
  /** What a person sees instead of the value (tables, markdown, email); CSV keeps the value. */
  readonly display?: (row: Row) => string;
  /** False for a column only people read: CSV leaves it out, as NDJSON has no such field. */
  readonly csv?: boolean;
}

export const col = <Row>(key: string, heading: string, value: (row: Row) => Cell, brief = true, numeric = false): Column<Row> => ({
  key,
  heading,
  value,
  brief,
  numeric,
});
export const num = <Row>(key: string, heading: string, value: (row: Row) => Cell, brief = true): Column<Row> =>
  col(key, heading, value, brief, true);
/** A percentage or an average, shown to one decimal place. */
export const oneDecimal = <Row>(key: string, heading: string, value: (row: Row) => Cell, brief = true): Column<Row> => ({
  ...num(key, heading, value, brief),
  decimals: 1,
});

export const CASE_COLUMNS: readonly Column<CaseResult>[] = [
  num('priority', '#', (row) => row.priority),
  col('crn', 'CRN', (row) => row.crn),
  col('name', 'Name', (row) => row.name),
  col('risk', 'Risk', (row) => row.risk ?? 'unknown'),
  col('tier', 'Tier', (row) => row.tier, false),
  col('officer_id', 'Officer', (row) => row.officer_id),
  col('officer_name', 'Officer name', (row) => row.officer_name, false),
  col('team', 'Team', (row) => row.team),
  col('pdu', 'PDU', (row) => row.pdu, false),
  col('manager_id', 'Manager', (row) => row.manager_id, false),
  col('sentence_type', 'Sentence', (row) => row.sentence_type, false),
  col('status', 'Status', (row) => row.status, false),
  col('start_date', 'Start', (row) => row.start_date, false),
  col('end_date', 'End', (row) => row.end_date, false),
  col('last_contact', 'Last seen', (row) => row.last_contact),
  {
    ...num('days_since_contact', 'Days', (row: CaseResult) => row.days_since_contact),
    // Never seen: the days since the sentence started, marked, rather than a blank.
    display: (row: CaseResult) =>
      row.days_since_contact === null && row.days_since_start !== null ? `${row.days_since_start} (start)` : cellText(row.days_since_contact),
  },
  num('standard_days', 'Standard', (row) => row.standard_days, false),
  col('overdue', 'Overdue', (row) => row.overdue, false),
  num('days_overdue', 'Overdue by', (row) => row.days_overdue),
  col('lost', 'Lost', (row) => row.lost, false),
  col('flags', 'Flags', (row) => row.flags.join(' ')),
  num('line', 'Line', (row) => row.line, false),
  col('reset', 'Reset', (row) => row.reset, false),
  col('reset_date', 'Reset date', (row) => row.reset_date, false),
  col('next_contact_due', 'Contact due', (row) => row.next_contact_due, false),
  col('assessment_due', 'Assessment due', (row) => row.assessment_due, false),
  num('ends_in_days', 'Ends in', (row) => row.ends_in_days, false),
  num('days_since_start', 'Since start', (row) => row.days_since_start, false),
  col('da_flag', 'DA', (row) => row.da_flag, false),
  col('safeguarding_flag', 'Safeguarding', (row) => row.safeguarding_flag, false),
];

export const OFFICER_COLUMNS: readonly Column<OfficerResult>[] = [
  col('officer_id', 'Officer', (row) => row.officer_id),
  col('name', 'Name', (row) => row.name),
  col('grade', 'Grade', (row) => row.grade),
  col('team', 'Team', (row) => row.team),
  col('pdu', 'PDU', (row) => row.pdu, false),
  col('manager_id', 'Manager', (row) => row.manager_id, false),
  col('status', 'Status', (row) => row.status),
  col('status_since', 'Since', (row) => row.status_since, false),
  num('contracted_hours', 'Hours', (row) => row.contracted_hours, false),
  num('caseload', 'Cases', (row) => row.caseload),
  num('very_high', 'VH', (row) => row.by_risk.very_high, false),
  num('high', 'High', (row) => row.by_risk.high, false),
  num('medium', 'Med', (row) => row.by_risk.medium, false),
  num('low', 'Low', (row) => row.by_risk.low, false),
  num('unknown_risk', 'Unk', (row) => row.by_risk.unknown, false),
  num('points', 'Points', (row) => row.points, false),
  num('capacity_points', 'Capacity', (row) => row.capacity_points, false),
  oneDecimal('capacity_pct', 'Capacity %', (row) => row.capacity_pct),
  num('reduction_pct', 'Reduction %', (row) => row.reduction_pct),
  num('overdue', 'Overdue', (row) => row.overdue),
  num('lost', 'Lost', (row) => row.lost),
  oneDecimal('seen_on_time_pct', 'On time %', (row) => row.seen_on_time_pct, false),
  col('flags', 'Flags', (row) => row.flags.join(' ')),
  col('peers', 'Peers', (row) => peerSummary(row)),
  col('peer_group', 'Peer group', (row) => row.peer_group, false),
  ...PEER_RATES.flatMap((rate) => [
    { ...num<OfficerResult>(`${PEER_RATE_SHORT[rate]}_rate`, `${PEER_RATE_SHORT[rate]} rate`, (row) => row.rates[rate], false), decimals: 3 },
    col<OfficerResult>(`${PEER_RATE_SHORT[rate]}_status`, `${PEER_RATE_SHORT[rate]} status`, (row) => row.outliers[rate], false),
  ]),
];

/**
 * The officers table's Peers cell: the rates not met, by short name (`overdue far, assessment near`), `met` when every
 * rate compared is met, empty when the officer is compared on none.
 */
export function peerSummary(officer: Pick<OfficerResult, 'outliers'>): string {
  const compared = PEER_RATES.filter((rate) => officer.outliers[rate] !== null);
  if (compared.length === 0) return '';
  const behind = compared.filter((rate) => officer.outliers[rate] !== 'met');
  return behind.length === 0 ? 'met' : behind.map((rate) => `${PEER_RATE_SHORT[rate]} ${officer.outliers[rate]}`).join(', ');
}

export const MANAGER_COLUMNS: readonly Column<ManagerResult>[] = [
  col('manager_id', 'Manager', (row) => row.manager_id),
  col('name', 'Name', (row) => row.name),
  num('officer_count', 'Officers', (row) => row.officers.length),
  num('caseload', 'Cases', (row) => row.caseload),
  num('lost', 'Lost', (row) => row.lost),
  num('overdue', 'Overdue', (row) => row.overdue),
  col('flags', 'Flags', (row) => row.flags.join(' ')),
];

/** Team or PDU rollup columns; the row of cases and officers with none is named `none`. */
export function groupColumns(none: string): readonly Column<GroupResult>[] {
  return [
    col('name', 'Name', (row) => row.name ?? none),
    num('officers_in_post', 'In post', (row) => row.officers_in_post),
    num('absent', 'Absent', (row) => row.absent),
    num('left', 'Left', (row) => row.left),
    num('cases', 'Cases', (row) => row.cases),
    num('lost', 'Lost', (row) => row.lost),
    num('overdue', 'Overdue', (row) => row.overdue),
    oneDecimal('average_caseload', 'Avg cases', (row) => row.average_caseload),
    oneDecimal('capacity_pct', 'Capacity %', (row) => row.capacity_pct),
    oneDecimal('available_capacity_pct', 'Available %', (row) => row.available_capacity_pct),
  ];
}

export const GROUP_COLUMNS: readonly Column<GroupResult>[] = groupColumns('(none)');
export const TEAM_COLUMNS: readonly Column<GroupResult>[] = groupColumns('(no team)');
export const PDU_COLUMNS: readonly Column<GroupResult>[] = groupColumns('(no PDU)');

export const ISSUE_COLUMNS: readonly Column<Issue>[] = [
  col('file', 'File', (row) => row.file),
  num('line', 'Line', (row) => row.line),
  col('column', 'Column', (row) => row.column),
  col('code', 'Code', (row) => row.code),
  col('message', 'Message', (row) => row.message),
];

export const INPUT_COLUMNS: readonly Column<InputSummary>[] = [
  col('file', 'File', (row) => row.file),
  col('path', 'Path', (row) => row.path),
  num('rows', 'Rows', (row) => row.rows),
  num('used', 'Used', (row) => row.used),
  num('rejected', 'Rejected', (row) => row.rejected),
  col('ignored_columns', 'Columns not read', (row) => row.ignored_columns.join(', ')),
];

export const CHECK_COLUMNS: readonly Column<CheckSkipped>[] = [
  col('check', 'Check', (row) => row.check),
  col('file', 'File', (row) => row.file),
  col('missing', 'Missing', (row) => row.missing.join(', ')),
];

export const CASE_CHANGE_COLUMNS: readonly Column<CaseChange>[] = [
  num('priority', '#', (row) => row.priority),
  col('crn', 'CRN', (row) => row.crn),
  col('name', 'Name', (row) => row.name),
  col('change', 'Change', (row) => row.change),
  col('risk', 'Risk', (row) => row.risk ?? 'unknown'),
  col('officer_id', 'Officer', (row) => row.officer_id),
  // The table shows the previous officer only where it tells something; CSV carries it always.
  {
    ...col('moved_from', 'Was', (row: CaseChange) => (row.reallocated || row.change === 'disappeared' ? row.previous_officer_id : null)),
    csv: false,
  },
  col('previous_officer_id', 'Previous officer', (row) => row.previous_officer_id, false),
  col('reallocated', 'Reallocated', (row) => row.reallocated, false),
  col('team', 'Team', (row) => row.team, false),
  col('lost', 'Lost', (row) => row.lost, false),
  col('was_lost', 'Was lost', (row) => row.was_lost, false),
  col('overdue', 'Overdue', (row) => row.overdue, false),
  col('was_overdue', 'Was overdue', (row) => row.was_overdue, false),
  col('flags_new', 'New flags', (row) => row.flags_new.join(' ')),
  col('flags_resolved', 'Resolved', (row) => row.flags_resolved.join(' ')),
  col('flags_open', 'Still open', (row) => row.flags_open.join(' ')),
  col('officer_status_change', 'Officer status change', (row) => row.officer_status_change, false),
];

const signed = (value: number | null): Cell => (value === null ? null : value > 0 ? `+${value}` : String(value));

/** An officer's roster status; `not on roster` for none. */
const statusText = (status: string | null): string => status ?? 'not on roster';

export const OFFICER_CHANGE_COLUMNS: readonly Column<OfficerChange>[] = [
  col('officer_id', 'Officer', (row) => row.officer_id),
  col('name', 'Name', (row) => row.name),
  col('team', 'Team', (row) => row.team),
  // `sick (was active)` where the status changed; the status alone where it did not.
  col('status_shown', 'Status', (row) => (row.previous_status === row.status ? row.status : `${statusText(row.status)} (was ${statusText(row.previous_status)})`)),
  col('status', 'Status now', (row) => row.status, false),
  col('previous_status', 'Previous status', (row) => row.previous_status, false),
  col('status_change', 'Status change', (row) => row.status_change, false),
  num('previous_caseload', 'Was', (row) => row.previous_caseload),
  num('caseload', 'Cases', (row) => row.caseload),
  num('caseload_change', 'Change', (row) => signed(row.caseload_change)),
  oneDecimal('previous_capacity_pct', 'Was %', (row) => row.previous_capacity_pct),
  oneDecimal('capacity_pct', 'Capacity %', (row) => row.capacity_pct),
  num('capacity_change', 'Change %', (row) => signed(row.capacity_change)),
];

/** `due` (SPEC 3.2): the table shows the officer in each section's title, so their columns are not brief. */
export const TASK_COLUMNS: readonly Column<DueTask>[] = [
  col('officer_id', 'Officer', (row) => row.officer_id, false),
  col('officer_name', 'Officer name', (row) => row.officer_name, false),
  col('officer_status', 'Officer status', (row) => row.officer_status, false),
  col('team', 'Team', (row) => row.team, false),
  col('crn', 'CRN', (row) => row.crn),
  col('name', 'Name', (row) => row.name),
  col('risk', 'Risk', (row) => row.risk),
  col('task', 'Task', (row) => row.task),
  col('due', 'Due', (row) => row.due),
  num('days_until', 'In days', (row) => row.days_until),
  num('priority', '#', (row) => row.priority),
];

/** `108.0 → 112.3`: a receiver's capacity before and after, for a person; CSV has the two numbers. */
const capacityChange = <Row extends { capacity_before: number; capacity_after: number }>(): Column<Row> =>
  col('capacity_change', 'Capacity %', (row) => `${row.capacity_before.toFixed(1)} → ${row.capacity_after.toFixed(1)}`);

/** A planned move, every SPEC 2.3 field: the CSV is the move list, ready for a bulk reallocation. */
export const MOVE_COLUMNS: readonly Column<PlannedMove>[] = [
  col('crn', 'CRN', (row) => row.crn),
  col('name', 'Name', (row) => row.name, false),
  col('risk', 'Risk', (row) => row.risk ?? 'unknown'),
  col('tier', 'Tier', (row) => row.tier),
  num('points', 'Points', (row) => row.points),
  col('reason', 'Reason', (row) => row.reason),
  col('from_officer', 'From', (row) => row.from_officer),
  col('home_team', 'Home team', (row) => row.home_team, false),
  col('to_officer', 'To', (row) => row.to_officer),
  col('to_officer_name', 'To name', (row) => row.to_officer_name, false),
  col('to_team', 'To team', (row) => row.to_team),
  oneDecimal('capacity_before', 'Capacity before', (row) => row.capacity_before, false),
  oneDecimal('capacity_after', 'Capacity after', (row) => row.capacity_after, false),
];

/** The moves as a table shows them: the receiver's capacity as before → after. */
export const MOVE_TABLE_COLUMNS: readonly Column<PlannedMove>[] = [...MOVE_COLUMNS, capacityChange<PlannedMove>()];

export const UNPLACED_COLUMNS: readonly Column<UnplacedCase>[] = [
  col('crn', 'CRN', (row) => row.crn),
  col('name', 'Name', (row) => row.name, false),
  col('risk', 'Risk', (row) => row.risk ?? 'unknown'),
  num('points', 'Points', (row) => row.points),
  col('reason', 'Reason', (row) => row.reason),
  col('from_officer', 'From', (row) => row.from_officer),
  col('home_team', 'Home team', (row) => row.home_team ?? '(none)'),
  col('why', 'Why', (row) => row.why),
];

export const RECEIVER_COLUMNS: readonly Column<PlanReceiver>[] = [
  col('officer_id', 'Officer', (row) => row.officer_id),
  col('name', 'Name', (row) => row.name),
  col('team', 'Team', (row) => row.team),
  num('cases_received', 'Cases in', (row) => row.cases_received),
  num('points_received', 'Points in', (row) => row.points_received),
  oneDecimal('capacity_before', 'Capacity before', (row) => row.capacity_before, false),
  oneDecimal('capacity_after', 'Capacity after', (row) => row.capacity_after, false),
  capacityChange<PlanReceiver>(),
];

export function briefColumns<Row>(columns: readonly Column<Row>[]): Column<Row>[] {
  return columns.filter((column) => column.brief);
}

/** The columns that hold a person's name: the ones --redact empties. */
export const NAME_KEYS: ReadonlySet<string> = new Set(['name', 'officer_name']);

/** The brief columns less the name columns empty on every row (redacted): what an email or a page shows. */
export function shownColumns<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): Column<Row>[] {
  return briefColumns(columns).filter(
    (column) => !NAME_KEYS.has(column.key) || rows.some((row) => column.value(row) !== null && column.value(row) !== ''),
  );
}

/** A cell as a person reads it in a table, markdown or an email body. */
export function displayText<Row>(column: Column<Row>, row: Row): string {
  if (column.display !== undefined) return column.display(row);
  const value = column.value(row);
  if (typeof value !== 'number') return cellText(value);
  if (column.decimals !== undefined) return value.toFixed(column.decimals);
  // Counts with thousands separators (1,807), as the summary writes them; a line number (file:line)
  // and a priority rank (the # a person quotes back) as they are.
  return column.key === 'line' || column.key === 'priority' ? String(value) : value.toLocaleString('en-GB');
}
