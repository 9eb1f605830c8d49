/**
 * Who gets which worklist (`notify --view due --split-by officer`, SPEC 3.2): each officer in post
 * their own tasks; an absent or departed officer's tasks to their manager, when the manager is in
 * post with an address; everything else (no officer, an officer not in officers.csv, nobody to
 * reach) to --to, with the reason said. Without --to those tasks are unsent, each group with a
 * line. Pure: addresses are resolved by the caller.
 */
import { compareText } from './compare.js';
import type { DueTask } from './due.js';

export interface RosterEntry {
  readonly officerId: string;
  /** active, left, or an absence (sick, leave, …). */
  readonly status: string;
  readonly managerId: string | null;
  /** A usable single mailbox from officers.csv, or null when there is none. */
  readonly address: string | null;
  /** Whether officers.csv has something in `email` (to tell "no email" from "not an address"). */
  readonly hasEmail: boolean;
}

export interface OfficerWorklist {
  /** The recipient: an officer in post. */
  readonly officerId: string;
  readonly address: string;
  /** Absent or departed officers they manage whose tasks this digest carries, sorted. */
  readonly covering: string[];
  readonly tasks: DueTask[];
}

export interface DueRouting {
  readonly worklists: OfficerWorklist[];
  /** Tasks for --to: no officer, or nobody on the roster to reach. */
  readonly toTasks: DueTask[];
  /** Why tasks went to --to (or, without --to, were not sent): one line per officer or group. */
  readonly reasons: string[];
}

const plural = (count: number, word: string): string => `${count.toLocaleString('en-GB')} ${word}${count === 1 ? '' : 's'}`;

/** Why an officer cannot receive mail, or null when they can. */
function unreachable(entry: RosterEntry | undefined, officerId: string): string | null {
  if (entry === undefined) return `${officerId} is not in officers.csv`;
  if (entry.status !== 'active') return `${officerId} is not in post (${entry.status})`;
  if (entry.address === null) return entry.hasEmail ? `${officerId} has an email in officers.csv that is not one address` : `${officerId} has no email in officers.csv`;
  return null;
}

/** Routes every task to exactly one place: an officer's worklist or --to. `tasks` in due order. */
export function routeDueTasks(tasks: readonly DueTask[], roster: readonly RosterEntry[]): DueRouting {
  // A repeated officer_id: the later row wins, as in the analysis.
  const byId = new Map(roster.map((entry) => [entry.officerId, entry]));
  const worklists = new Map<string, { address: string; covering: Set<string>; tasks: DueTask[] }>();
  const toTasks: DueTask[] = [];
  /** Reason → tasks it sent to --to, in first-seen order. */
  const reasons = new Map<string, number>();
  const toTo = (task: DueTask, reason: string): void => {
    toTasks.push(task);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  const deliver = (recipient: string, address: string, task: DueTask, covering: string | null): void => {
    let worklist = worklists.get(recipient);
    if (worklist === undefined) worklists.set(recipient, (worklist = { address, covering: new Set(), tasks: [] }));
    if (covering !== null) worklist.covering.add(covering);
    worklist.tasks.push(task);
  };

  for (const task of tasks) {
    const officerId = task.officer_id;
    if (officerId === null) {
      toTo(task, 'unallocated (no officer)');
      continue;
    }
    const entry = byId.get(officerId);
    if (entry === undefined) {
      toTo(task, `${officerId} is not in officers.csv`);
      continue;
    }
    if (entry.status === 'active') {
      const problem = unreachable(entry, officerId);
      if (problem === null) deliver(officerId, entry.address!, task, null);
      else toTo(task, problem);
      continue;
    }
    // Absent or left: the manager covers, when in post and reachable.
    const away = `${officerId} is ${entry.status === 'left' ? 'gone (left)' : `absent (${entry.status})`}`;
    if (entry.managerId === null) {
      toTo(task, `${away} and has no manager_id`);
      continue;
    }
    const manager = byId.get(entry.managerId);
    const problem = unreachable(manager, entry.managerId);
    if (problem === null) deliver(entry.managerId, manager!.address!, task, officerId);
    else toTo(task, `${away}; their manager ${problem}`);
  }

  return {
    worklists: [...worklists]
      .sort(([a], [b]) => compareText(a, b))
      .map(([officerId, worklist]) => ({
        officerId,
        address: worklist.address,
        covering: [...worklist.covering].sort(compareText),
        // Their own tasks first, then each covered officer's, each in due order.
        tasks: worklist.tasks.sort((a, b) => (a.officer_id === officerId ? 0 : 1) - (b.officer_id === officerId ? 0 : 1) || compareText(a.officer_id!, b.officer_id!)),
      })),
    toTasks,
    reasons: [...reasons].map(([reason, count]) => `${reason}: ${plural(count, 'task')}`),
  };
}
