/** SPEC 2.2: team and PDU rollups of the officers' tallies. */
import { isAbsence } from './cases.js';
import { percent, roundTo } from './officers.js';
import type { CaseResult, GroupResult, OfficerResult } from './report.js';
import { compareText } from './compare.js';

interface Group {
  inPost: number;
  absent: number;
  left: number;
  cases: number;
  lost: number;
  overdue: number;
  points: number;
  capacity: number;
  /** Capacity of the officers in post who are not absent: who can carry the work today. */
  availableCapacity: number;
}

const emptyGroup = (): Group => ({ inPost: 0, absent: 0, left: 0, cases: 0, lost: 0, overdue: 0, points: 0, capacity: 0, availableCapacity: 0 });

/**
 * Groups by `key` (team or pdu): the roster's officers by their own team (headcount, points,
 * capacity), the cases by theirs (an officer's, or the case's own when its officer is unknown).
 * Cases still pointing at leavers count in their old team; capacity counts only officers in post,
 * so a team covering vacancies shows it. Cases and officers with no team make the null row
 * ("no team"), so every case is in exactly one row. Only the fields named are read: `trend`
 * rolls up slim per-case results (src/analyse/trend.ts).
 */
export function rollUp(officers: readonly OfficerResult[], cases: readonly Pick<CaseResult, 'team' | 'pdu' | 'lost' | 'overdue'>[], key: 'team' | 'pdu'): GroupResult[] {
  const groups = new Map<string | null, Group>();
  const groupOf = (name: string | null): Group => {
    let group = groups.get(name);
    if (group === undefined) groups.set(name, (group = emptyGroup()));
    return group;
  };
  for (const officer of officers) {
    if (officer.status === null) continue; // an officer_id missing from officers.csv has no team of its own
    const group = groupOf(officer[key]);
    if (officer.status === 'left') group.left++;
    else {
      group.inPost++;
      group.capacity += officer.capacity_points ?? 0;
      if (isAbsence(officer.status)) group.absent++;
      else group.availableCapacity += officer.capacity_points ?? 0;
    }
    group.points += officer.points;
  }
  for (const result of cases) {
    const group = groupOf(result[key]);
    group.cases++;
    if (result.lost) group.lost++;
    if (result.overdue) group.overdue++;
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compareText(a, b))) // no team last
    .map(([name, group]) => ({
      name,
      officers_in_post: group.inPost,
      absent: group.absent,
      left: group.left,
      cases: group.cases,
      lost: group.lost,
      overdue: group.overdue,
      average_caseload: group.inPost === 0 ? null : roundTo(group.cases / group.inPost, 1),
      capacity_pct: percent(group.points, group.capacity),
      available_capacity_pct: percent(group.points, group.availableCapacity),
    }));
}
