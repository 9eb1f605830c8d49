/**
 * Week over week: what is new, resolved and still open between two analysed exports. Pure, like
 * the rest of the analysis: two Reports in, one DiffReport out.
 */
import { CASE_FLAGS, type CaseFlag, type CaseResult, type OfficerResult, type Report } from './report.js';
import { roundTo } from './officers.js';
import { compareText } from './compare.js';

export type CaseChangeKind = 'appeared' | 'disappeared' | 'changed' | 'unchanged';

export interface CaseChange {
  crn: string;
  name: string | null;
  change: CaseChangeKind;
  officer_id: string | null;
  previous_officer_id: string | null;
  reallocated: boolean;
  team: string | null;
  risk: CaseResult['risk'];
  lost: boolean;
  was_lost: boolean;
  overdue: boolean;
  was_overdue: boolean;
  flags_new: CaseFlag[];
  flags_resolved: CaseFlag[];
  flags_open: CaseFlag[];
  /** Priority in the current export; null for a case that has gone. */
  priority: number | null;
  /** How the roster status of the case's officer (its previous one, for a gone case) changed. */
  officer_status_change: OfficerStatusChange | null;
}

/**
 * How an officer's place on the roster changed: left, went absent (sick, leave, suspended…),
 * returned (from an absence, or came back after leaving), joined (not on the previous roster)
 * or removed (on the previous roster, not on this one).
 */
export type OfficerStatusChange = 'left' | 'absent' | 'returned' | 'joined' | 'removed';

export interface OfficerChange {
  officer_id: string;
  name: string | null;
  team: string | null;
  /** Roster status (null: not on that roster); previous_status is the previous export's. */
  status: string | null;
  previous_status: string | null;
  /** null when the status did not change. */
  status_change: OfficerStatusChange | null;
  caseload: number | null;
  previous_caseload: number | null;
  caseload_change: number;
  capacity_pct: number | null;
  previous_capacity_pct: number | null;
  capacity_change: number | null;
}

export interface DiffSummary {
  cases: number;
  previous_cases: number;
  /** Cases with news: appeared, gone, reallocated, or a flag new or resolved. */
  changed: number;
  appeared: number;
  disappeared: number;
  reallocated: number;
  newly_lost: number;
  still_lost: number;
  no_longer_lost: number;
  newly_overdue: number;
  flags_new: Record<CaseFlag, number>;
  flags_resolved: Record<CaseFlag, number>;
  /** Officers whose roster status changed, by kind of change. */
  officers_left: number;
  officers_absent: number;
  officers_returned: number;
  officers_joined: number;
  officers_removed: number;
}

export interface DiffReport {
  previous_as_of: string;
  summary: DiffSummary;
  /** Cases with news only: appeared, gone, reallocated, or a flag new or resolved. */
  cases: CaseChange[];
  /** Cases without news, listed apart: those still lost (every unchanged case when `all`). */
  unchanged: CaseChange[];
  officers: OfficerChange[];
}


function compareChange(previous: CaseResult | undefined, current: CaseResult | undefined): CaseChange {
  const shown = (current ?? previous)!;
  const before = new Set(previous?.flags ?? []);
  const now = new Set(current?.flags ?? []);
  const flagsNew = (current?.flags ?? []).filter((code) => !before.has(code));
  const flagsResolved = (previous?.flags ?? []).filter((code) => !now.has(code));
  const flagsOpen = (current?.flags ?? []).filter((code) => before.has(code));
  const reallocated = previous !== undefined && current !== undefined && previous.officer_id !== current.officer_id;
  const change: CaseChangeKind =
    previous === undefined
      ? 'appeared'
      : current === undefined
        ? 'disappeared'
        : flagsNew.length > 0 || flagsResolved.length > 0 || reallocated
          ? 'changed'
          : 'unchanged';
  return {
    crn: shown.crn,
    name: shown.name,
    change,
    officer_id: current?.officer_id ?? null,
    previous_officer_id: previous?.officer_id ?? null,
    reallocated,
    team: shown.team,
    risk: shown.risk,
    lost: current?.lost ?? false,
    was_lost: previous?.lost ?? false,
    overdue: current?.overdue ?? false,
    was_overdue: previous?.overdue ?? false,
    flags_new: flagsNew,
    flags_resolved: flagsResolved,
    flags_open: flagsOpen,
    priority: current?.priority ?? null,
    officer_status_change: null,
  };
}

/** What became of an officer between two rosters; null statuses mean not on that roster. */
export function statusChange(was: string | null, is: string | null): OfficerStatusChange | null {
  if (was === is) return null;
  if (was === null) return 'joined';
  if (is === null) return 'removed';
  if (is === 'left') return 'left';
  if (is === 'active') return 'returned';
  // From active, from having left, or from one kind of absence to another (sick → suspended).
  return 'absent';
}

function officerChanges(previous: readonly OfficerResult[], current: readonly OfficerResult[]): OfficerChange[] {
  const before = new Map(previous.map((officer) => [officer.officer_id, officer]));
  const now = new Map(current.map((officer) => [officer.officer_id, officer]));
  const ids = [...new Set([...before.keys(), ...now.keys()])];
  const changes: OfficerChange[] = [];
  for (const officerId of ids) {
    const was = before.get(officerId);
    const is = now.get(officerId);
    const caseloadChange = (is?.caseload ?? 0) - (was?.caseload ?? 0);
    const wasPct = was?.capacity_pct ?? null;
    const isPct = is?.capacity_pct ?? null;
    const capacityChange = wasPct === null || isPct === null ? null : roundTo(isPct - wasPct, 1);
    // An officer absent from the analysis is not on the roster, as is one only named by cases.
    const wasStatus = was?.status ?? null;
    const isStatus = is?.status ?? null;
    const changed = statusChange(wasStatus, isStatus);
    if (was !== undefined && is !== undefined && caseloadChange === 0 && wasPct === isPct && wasStatus === isStatus) continue;
    changes.push({
      officer_id: officerId,
      name: (is ?? was)!.name,
      team: (is ?? was)!.team,
      status: isStatus,
      previous_status: wasStatus,
      status_change: changed,
      caseload: is?.caseload ?? null,
      previous_caseload: was?.caseload ?? null,
      caseload_change: caseloadChange,
      capacity_pct: isPct,
      previous_capacity_pct: wasPct,
      capacity_change: capacityChange,
    });
  }
  // Status changes first (a leaver is news however few cases), then the largest moves.
  return changes.sort(
    (a, b) =>
      Number(b.status_change !== null) - Number(a.status_change !== null) ||
      Math.abs(b.caseload_change) - Math.abs(a.caseload_change) ||
      Math.abs(b.capacity_change ?? 0) - Math.abs(a.capacity_change ?? 0) ||
      compareText(a.officer_id, b.officer_id),
  );
}

const zeroCounts = (): Record<CaseFlag, number> => Object.fromEntries(CASE_FLAGS.map((code) => [code, 0])) as Record<CaseFlag, number>;

export function diffReports(previous: Report, current: Report, options: { all?: boolean } = {}): DiffReport {
  const before = new Map(previous.cases.map((result) => [result.crn, result]));
  const now = new Set(current.cases.map((result) => result.crn));
  // Current cases in priority order, then the cases that have gone, by crn.
  const changes = [
    ...current.cases.map((result) => compareChange(before.get(result.crn), result)),
    ...previous.cases
      .filter((result) => !now.has(result.crn))
      .sort((a, b) => compareText(a.crn, b.crn))
      .map((result) => compareChange(result, undefined)),
  ];

  const flagsNew = zeroCounts();
  const flagsResolved = zeroCounts();
  for (const change of changes) {
    for (const code of change.flags_new) flagsNew[code]++;
    for (const code of change.flags_resolved) flagsResolved[code]++;
  }
  const count = (test: (change: CaseChange) => boolean): number => changes.filter(test).length;
  const officers = officerChanges(previous.officers, current.officers);
  const officersWith = (kind: OfficerStatusChange): number => officers.filter((officer) => officer.status_change === kind).length;
  const statusChanges = new Map(officers.map((officer) => [officer.officer_id, officer.status_change]));
  for (const change of changes) {
    const officerId = change.officer_id ?? change.previous_officer_id;
    change.officer_status_change = officerId === null ? null : (statusChanges.get(officerId) ?? null);
  }
  const withNews = changes.filter((change) => change.change !== 'unchanged');
  return {
    previous_as_of: previous.as_of,
    summary: {
      cases: current.cases.length,
      previous_cases: previous.cases.length,
      changed: withNews.length,
      appeared: count((change) => change.change === 'appeared'),
      disappeared: count((change) => change.change === 'disappeared'),
      reallocated: count((change) => change.reallocated),
      newly_lost: count((change) => change.lost && !change.was_lost),
      still_lost: count((change) => change.lost && change.was_lost),
      no_longer_lost: count((change) => !change.lost && change.was_lost && change.change !== 'disappeared'),
      newly_overdue: count((change) => change.overdue && !change.was_overdue),
      flags_new: flagsNew,
      flags_resolved: flagsResolved,
      officers_left: officersWith('left'),
      officers_absent: officersWith('absent'),
      officers_returned: officersWith('returned'),
      officers_joined: officersWith('joined'),
      officers_removed: officersWith('removed'),
    },
    cases: withNews,
    unchanged: changes.filter((change) => change.change === 'unchanged' && (options.all || change.lost)),
    officers,
  };
}
