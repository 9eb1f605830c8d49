/**
 * `notify --view due --split-by officer`: the routing of src/analyse/digests.ts turned into
 * digests: one worklist per officer in post (with the tasks of absent officers they manage),
 * the rest to --to.
 */
import { routeDueTasks, type RosterEntry } from '../../analyse/digests.js';
import type { DueTask } from '../../analyse/due.js';
import { parseMailbox } from '../../render/mailbox.js';
import { plainText } from '../../render/text.js';
import type { View } from '../../render/view.js';
import type { OfficerRecord } from '../../read/records.js';
import type { RunOptions } from '../option-values.js';
import type { Digest, DigestPlan } from './notify.js';

/** The due view narrowed to some of its tasks (and the cases they belong to). */
function narrowDueView(view: View, tasks: DueTask[]): View {
  const crns = new Set(tasks.map((task) => task.crn));
  const cases = view.selectedCases.filter((result) => crns.has(result.crn));
  return { ...view, due: { ...view.due!, tasks }, cases, selectedCases: cases, casesTotal: cases.length };
}

export function planDueDigests(view: View, officers: readonly OfficerRecord[], options: Pick<RunOptions, 'to'>): DigestPlan {
  const roster: RosterEntry[] = officers.map((officer) => ({
    officerId: officer.officerId,
    status: officer.status,
    managerId: officer.managerId,
    address: officer.email === null ? null : (parseMailbox(officer.email)?.address ?? null),
    hasEmail: officer.email !== null,
  }));
  const routing = routeDueTasks(view.due!.tasks, roster);
  const digests: Digest[] = routing.worklists.map((worklist) => {
    const shown = plainText(worklist.officerId);
    const covering = worklist.covering.length === 0 ? '' : `, and the tasks of ${worklist.covering.map(plainText).join(', ')} (absent or left), whom they manage`;
    return {
      file: `officer-${worklist.officerId}`,
      label: `officer ${shown}`,
      key: `officer:${worklist.officerId}`,
      recipients: [worklist.address],
      to: [worklist.address],
      view: narrowDueView(view, worklist.tasks),
      scope: { label: `officer ${worklist.officerId}`, description: `${worklist.officerId}: their worklist${covering}` },
    };
  });
  const unsent: string[] = [];
  if (routing.toTasks.length > 0) {
    if (options.to.length > 0) {
      digests.push({
        file: 'no-officer',
        label: 'tasks with no officer to reach',
        key: 'no-officer',
        recipients: options.to.map((text) => parseMailbox(text)!.address),
        to: options.to,
        view: narrowDueView(view, routing.toTasks),
        scope: { label: 'no officer', description: `tasks no officer in post can be sent: ${routing.reasons.map(plainText).join('; ')}` },
      });
    } else {
      for (const reason of routing.reasons) unsent.push(`${plainText(reason)} not sent; --to ADDRESS sends them`);
    }
  }
  return { digests, unsent, notes: options.to.length > 0 ? routing.reasons.map((reason) => `to --to: ${plainText(reason)}`) : [] };
}
