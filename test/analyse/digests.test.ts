/** Who gets which worklist (notify --view due --split-by officer): every task routed exactly once. */
import { describe, expect, it } from 'vitest';
import { routeDueTasks, type RosterEntry } from '../../src/analyse/digests.js';
import type { DueTask } from '../../src/analyse/due.js';

const task = (crn: string, officerId: string | null): DueTask => ({
  officer_id: officerId,
  officer_name: null,
  officer_status: null,
  team: null,
  crn,
  name: null,
  risk: 'medium',
  task: 'contact',
  due: null,
  days_until: null,
  priority: 1,
});
const entry = (officerId: string, status: string, managerId: string | null, address: string | null, hasEmail = address !== null): RosterEntry => ({
  officerId,
  status,
  managerId,
  address,
  hasEmail,
});

const ROSTER = [
  entry('M1', 'active', null, 'm1@x.example'),
  entry('M2', 'sick', null, 'm2@x.example'),
  entry('O1', 'active', 'M1', 'o1@x.example'),
  entry('O2', 'sick', 'M1', 'o2@x.example'), // absent: M1 covers
  entry('O3', 'left', 'M1', null), // left: M1 covers
  entry('O4', 'active', 'M1', null), // in post, no email
  entry('O5', 'active', 'M1', null, true), // in post, an email that is not one address
  entry('O6', 'leave', null, 'o6@x.example'), // absent, no manager
  entry('O7', 'left', 'M2', null), // manager absent
  entry('O8', 'sick', 'MX', null), // manager not on the roster
];

describe('routeDueTasks', () => {
  const tasks = [
    task('A', 'O1'),
    task('B', 'O2'),
    task('C', 'O3'),
    task('D', 'O4'),
    task('E', 'O5'),
    task('F', 'O6'),
    task('G', 'O7'),
    task('H', 'O8'),
    task('I', 'ZZ'),
    task('J', null),
    task('K', 'M1'),
  ];
  const routing = routeDueTasks(tasks, ROSTER);

  it('an officer in post gets their own; the manager also gets the tasks of absent and departed officers', () => {
    expect(routing.worklists.map((worklist) => [worklist.officerId, worklist.address, worklist.covering, worklist.tasks.map((one) => one.crn)])).toEqual([
      ['M1', 'm1@x.example', ['O2', 'O3'], ['K', 'B', 'C']],
      ['O1', 'o1@x.example', [], ['A']],
    ]);
  });

  it('the rest go to --to, each with its reason', () => {
    expect(routing.toTasks.map((one) => one.crn)).toEqual(['D', 'E', 'F', 'G', 'H', 'I', 'J']);
    expect(routing.reasons).toEqual([
      'O4 has no email in officers.csv: 1 task',
      'O5 has an email in officers.csv that is not one address: 1 task',
      'O6 is absent (leave) and has no manager_id: 1 task',
      'O7 is gone (left); their manager M2 is not in post (sick): 1 task',
      'O8 is absent (sick); their manager MX is not in officers.csv: 1 task',
      'ZZ is not in officers.csv: 1 task',
      'unallocated (no officer): 1 task',
    ]);
  });

  it('nothing dropped, nothing twice', () => {
    const routed = [...routing.worklists.flatMap((worklist) => worklist.tasks), ...routing.toTasks].map((one) => one.crn).sort();
    expect(routed).toEqual(tasks.map((one) => one.crn).sort());
  });

  it('a repeated officer_id: the later roster row wins', () => {
    const later = routeDueTasks([task('A', 'O1')], [entry('O1', 'active', null, 'old@x.example'), entry('O1', 'left', null, null)]);
    expect(later.worklists).toEqual([]);
    expect(later.reasons).toEqual(['O1 is gone (left) and has no manager_id: 1 task']);
  });

  it('counts tasks per reason', () => {
    expect(routeDueTasks([task('A', null), task('B', null)], []).reasons).toEqual(['unallocated (no officer): 2 tasks']);
  });
});
