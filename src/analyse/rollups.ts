/** SPEC 2.2: team and PDU rollups of the officers' tallies. */
import { isAbsence } from './cases.js';
import { percent, roundTo } from './officers.js';
import type { GroupResult, OfficerResult } from './report.js';
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
}

/**
 * Groups known officers by `key` (team or pdu). Cases still pointing at leavers count in their
 * old team; capacity counts only officers in post, so a team covering vacancies shows it.
 */
export function rollUp(officers: readonly OfficerResult[], key: 'team' | 'pdu'): GroupResult[] {
  const groups = new Map<string | null, Group>();
  for (const officer of officers) {
    if (officer.status === null) continue; // an officer_id missing from officers.csv has no team
    const name = officer[key];
    let group = groups.get(name);
    if (group === undefined) {
      groups.set(name, (group = { inPost: 0, absent: 0, left: 0, cases: 0, lost: 0, overdue: 0, points: 0, capacity: 0 }));
    }
    if (officer.status === 'left') group.left++;
    else {
      group.inPost++;
      if (isAbsence(officer.status)) group.absent++;
      group.capacity += officer.capacity_points ?? 0;
    }
    group.cases += officer.caseload;
    group.lost += officer.lost;
    group.overdue += officer.overdue;
    group.points += officer.points;
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
    }));
}
