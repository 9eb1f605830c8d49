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
function addTasksOf(result: CaseResult, asOf: Day, until: Day, skipped: ReadonlySet<string>, add: (task: DueTaskKind, due: Day | null) => void): void {
  if (result.status !== 'active') return;
  // No contact standard in reset, and none to reckon with no contact data (next_contact_due is null then).
  if (!result.reset && !skipped.has('overdue')) {
    const due = dayOf(result.next_contact_due);
    if (due === null || due <= until) add(result.last_contact === null ? 'first_contact' : 'contact', due);
  }
  if (!skipped.has('assessment_overdue')) {
    const due = dayOf(result.assessment_due);
    if (due === null || due <= until) add('assessment', due);
  }
  if (result.flags.includes('da_check_missing')) add('da_check', null);
  if (result.flags.includes('safeguarding_check_missing')) add('safeguarding_check', null);
  if (result.ends_in_days !== null && result.ends_in_days >= 0) {
    const end = asOf + result.ends_in_days;
    if (end <= until) add('ending', end);
  }
}

const TASK_RANK = new Map<string, number>(DUE_TASKS.map((task, at) => [task, at]));

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
  return a.priority - b.priority || TASK_RANK.get(a.task)! - TASK_RANK.get(b.task)!;
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
    addTasksOf(result, asOf, until, skipped, (task, due) =>
      tasks.push({
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
      }),
    );
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
    return ((officerPlace.get(task.officer_id)! * days + day) * priorities + task.priority) * kinds + TASK_RANK.get(task.task)!;
  });
  return Array.from(stableOrder(keys), (position) => tasks[position]!);
}

/** Tasks per kind, every kind present: for the summary. */
export function countTasks(tasks: readonly DueTask[]): Record<DueTaskKind, number> {
  const counts = Object.fromEntries(DUE_TASKS.map((task) => [task, 0])) as Record<DueTaskKind, number>;
  for (const task of tasks) counts[task.task]++;
  return counts;
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

export function summariseTasks(tasks: readonly DueTask[]): DueSummary {
  return {
    tasks: tasks.length,
    officers: new Set(tasks.map((task) => task.officer_id)).size,
    past_due: tasks.filter((task) => task.days_until !== null && task.days_until < 0).length,
    undated: tasks.filter((task) => task.days_until === null).length,
    by_task: countTasks(tasks),
  };
}
