/**
 * SPEC 3.2 `due`: each officer's worklist, the tasks of active cases falling due on or before
 * as-of + within days (overdue ones included). Pure: the report and the as-of date in, tasks out.
 */
import { z } from 'zod';
import { formatDay, parseIsoDay, RISKS, type Day } from '../read/values.js';
import { compareText } from './compare.js';
import { stableOrder } from './order.js';
import { day, type CaseResult, type Report } from './report.js';

/** The kinds of task, in the order a case's tasks on the same day are listed. */
export const DUE_TASKS = ['contact', 'first_contact', 'assessment', 'da_check', 'safeguarding_check', 'ending'] as const;
export type DueTaskKind = (typeof DUE_TASKS)[number];

export const MAX_WITHIN_DAYS = 365;
export const DEFAULT_WITHIN_DAYS = 7;

export const dueTaskSchema = z
  .object({
    officer_id: z.string().nullable().describe("The case's responsible officer; null when unallocated"),
    officer_name: z.string().nullable().describe("The officer's name; null when unknown or with --redact"),
    officer_status: z.string().nullable().describe("The roster's status of the officer (active, sick, left, …); null for an unknown officer or none"),
    team: z.string().nullable().describe("The case's team"),
    crn: z.string().describe('Case reference number'),
    name: z.string().nullable().describe('Name of the person on probation; null when not recorded or with --redact'),
    risk: z.enum(RISKS).nullable().describe('Risk of serious harm; null when empty or unreadable'),
    task: z.enum(DUE_TASKS).describe('contact (next contact under the standard), first_contact (never seen), assessment (risk-of-harm review), da_check and safeguarding_check (the check is missing), ending (supervision ends: plan the closing review)'),
    due: day.nullable().describe('When the task falls due; null for a task with no date (a missing check, never assessed, never seen with no start date)'),
    days_until: z.number().int().nullable().describe('due minus the as-of date, negative when already past; null with due null'),
    priority: z.number().int().describe("The case's priority (1 is the most urgent case)"),
  })
  .describe('One task on an officer\'s worklist');
export type DueTask = z.output<typeof dueTaskSchema>;

export interface DueList {
  /** --within: the horizon in days. */
  readonly within: number;
  /** as-of + within, YYYY-MM-DD. */
  readonly until: string;
  /** Every task the view selects, in order, before --limit. */
  readonly tasks: DueTask[];
}

/** A report date back to its day: the report writes YYYY-MM-DD, which parseIsoDay reads without a regular expression. */
const dayOf = (text: string | null): Day | null => (text === null ? null : (parseIsoDay(text) as Day));

/** Adds a case's tasks (SPEC 3.2) to `tasks`, unordered; only active cases have any. */
function addTasksOf(result: CaseResult, officerStatus: string | null, asOf: Day, until: Day, skipped: ReadonlySet<string>, tasks: DueTask[]): void {
  if (result.status !== 'active') return;
  // No contact standard in reset, and none to reckon with no contact data (next_contact_due is null then).
  if (!result.reset && !skipped.has('overdue')) {
    const due = dayOf(result.next_contact_due);
    if (due === null || due <= until) tasks.push(taskOf(result, officerStatus, result.last_contact === null ? 'first_contact' : 'contact', due, asOf));
  }
  if (!skipped.has('assessment_overdue')) {
    const due = dayOf(result.assessment_due);
    if (due === null || due <= until) tasks.push(taskOf(result, officerStatus, 'assessment', due, asOf));
  }
  if (result.flags.includes('da_check_missing')) tasks.push(taskOf(result, officerStatus, 'da_check', null, asOf));
  if (result.flags.includes('safeguarding_check_missing')) tasks.push(taskOf(result, officerStatus, 'safeguarding_check', null, asOf));
  if (result.ends_in_days !== null && result.ends_in_days >= 0) {
    const end = asOf + result.ends_in_days;
    if (end <= until) tasks.push(taskOf(result, officerStatus, 'ending', end, asOf));
  }
}

/** One task of a case. */
function taskOf(result: CaseResult, officerStatus: string | null, task: DueTaskKind, due: Day | null, asOf: Day): DueTask {
  return {
    officer_id: result.officer_id,
    officer_name: result.officer_name,
    officer_status: officerStatus,
    team: result.team,
    crn: result.crn,
    name: result.name,
    risk: result.risk,
    task,
    due: due === null ? null : formatDay(due),
    days_until: due === null ? null : due - asOf,
    priority: result.priority,
  };
}

/** Officer first (none last), then days_until (no date first), then priority, then the task's kind: the worklist's order, which sortTasks keeps. */
export function compareTasks(a: DueTask, b: DueTask): number {
  if (a.officer_id !== b.officer_id) {
    if (a.officer_id === null) return 1;
    if (b.officer_id === null) return -1;
    const byOfficer = compareText(a.officer_id, b.officer_id);
    if (byOfficer !== 0) return byOfficer;
  }
  if (a.days_until !== b.days_until) {
    if (a.days_until === null) return -1;
    if (b.days_until === null) return 1;
    return a.days_until - b.days_until;
  }
  return a.priority - b.priority || taskRank(a.task) - taskRank(b.task);
}

/**
 * The tasks of `cases` (already filtered as `cases` filters) due on or before as-of + `within`
 * days, in the SPEC's order.
 */
export function dueTasks(report: Pick<Report, 'officers' | 'checks_skipped'>, cases: readonly CaseResult[], asOf: Day, within: number): DueList {
  const until = asOf + within;
  const skipped = new Set<string>(report.checks_skipped.map((entry) => entry.check));
  const statusOf = new Map(report.officers.map((officer) => [officer.officer_id, officer.status]));
  const tasks: DueTask[] = [];
  for (const result of cases) {
    const officerStatus = result.officer_id === null ? null : (statusOf.get(result.officer_id) ?? null);
    addTasksOf(result, officerStatus, asOf, until, skipped, tasks);
  }
  return { within, until: formatDay(until), tasks: sortTasks(tasks) };
}

/**
 * The tasks in compareTasks' order, ties as given. A national worklist holds 300k tasks: each
 * is given one exact integer that orders as compareTasks does (officer, date, priority and kind
 * each a small range), and order.ts sorts those by radix. Only ranges so wide that the number
 * would not be exact (or a priority that is not a rank) fall back to the comparator.
 */
function sortTasks(tasks: DueTask[]): DueTask[] {
  const officerIds = [...new Set(tasks.map((task) => task.officer_id).filter((id) => id !== null))].sort(compareText);
  const officerPlace = new Map<string | null, number>(officerIds.map((id, place) => [id, place]));
  officerPlace.set(null, officerIds.length); // no officer last
  let firstDay = 0;
  let lastDay = 0;
  let lastPriority = 0;
  for (const task of tasks) {
    if (task.days_until !== null) {
      firstDay = Math.min(firstDay, task.days_until);
      lastDay = Math.max(lastDay, task.days_until);
    }
    // Priorities are ranks (1, 2, …); anything else is left to the comparator below.
    lastPriority = Number.isInteger(task.priority) && task.priority >= 0 ? Math.max(lastPriority, task.priority) : Infinity;
  }
  const days = lastDay - firstDay + 2; // 0 for no date, first
  const priorities = lastPriority + 1;
  const kinds = DUE_TASKS.length;
  if ((officerIds.length + 1) * days * priorities * kinds > Number.MAX_SAFE_INTEGER) return tasks.sort(compareTasks);
  const keys = Float64Array.from(tasks, (task) => {
    const day = task.days_until === null ? 0 : task.days_until - firstDay + 1;
    return ((officerPlace.get(task.officer_id)! * days + day) * priorities + task.priority) * kinds + taskRank(task.task);
  });
  return Array.from(stableOrder(keys), (position) => tasks[position]!);
}

const countKind = (counts: Float64Array, task: DueTaskKind): void => {
  const rank = taskRank(task);
  counts[rank] = counts[rank]! + 1;
};

/** Counts by place in DUE_TASKS as a record of every kind. */
const countsByKind = (counts: Float64Array): Record<DueTaskKind, number> => Object.fromEntries(DUE_TASKS.map((task, rank) => [task, counts[rank]!])) as Record<DueTaskKind, number>;

/** A kind's place in DUE_TASKS: a switch, where a lookup by name each of 300k tasks costs. */
function taskRank(task: DueTaskKind): number {
  switch (task) {
    case 'contact':
      return 0;
    case 'first_contact':
      return 1;
    case 'assessment':
      return 2;
    case 'da_check':
      return 3;
    case 'safeguarding_check':
      return 4;
    default:
      return 5;
  }
}

export const dueSummarySchema = z
  .object({
    tasks: z.number().int().describe('Tasks on the worklists'),
    officers: z.number().int().describe('Officers (and "no officer") with tasks'),
    past_due: z.number().int().describe('Tasks whose date is already past'),
    undated: z.number().int().describe('Tasks with no date (a missing check, never assessed, never seen with no start date)'),
    by_task: z
      .object(Object.fromEntries(DUE_TASKS.map((task) => [task, z.number().int().describe(`Tasks of kind ${task}`)])) as Record<DueTaskKind, z.ZodNumber>)
      .describe('Tasks per kind'),
  })
  .describe('Counts over the worklists');
export type DueSummary = z.output<typeof dueSummarySchema>;

/** The summary, in one pass over the tasks (a national worklist holds 300k). */
export function summariseTasks(tasks: readonly DueTask[]): DueSummary {
  const officers = new Set<string | null>();
  const counts = new Float64Array(DUE_TASKS.length);
  let pastDue = 0;
  let undated = 0;
  let officer: string | null | undefined;
  for (const task of tasks) {
    // Tasks come officer by officer: the set is asked only when the officer changes.
    if (task.officer_id !== officer) officers.add((officer = task.officer_id));
    if (task.days_until === null) undated++;
    else if (task.days_until < 0) pastDue++;
    countKind(counts, task.task);
  }
  return { tasks: tasks.length, officers: officers.size, past_due: pastDue, undated, by_task: countsByKind(counts) };
}
