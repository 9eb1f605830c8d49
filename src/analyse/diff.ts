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
}

export interface OfficerChange {
  officer_id: string;
  name: string | null;
  team: string | null;
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
  appeared: number;
  disappeared: number;
  reallocated: number;
  newly_lost: number;
  still_lost: number;
  no_longer_lost: number;
  newly_overdue: number;
  flags_new: Record<CaseFlag, number>;
  flags_resolved: Record<CaseFlag, number>;
}

export interface DiffReport {
  previous_as_of: string;
  summary: DiffSummary;
  /** Cases with news, and those still lost (all cases of both exports when `all`). */
  cases: CaseChange[];
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
  };
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
    if (was !== undefined && is !== undefined && caseloadChange === 0 && wasPct === isPct) continue;
    changes.push({
      officer_id: officerId,
      name: (is ?? was)!.name,
      team: (is ?? was)!.team,
      caseload: is?.caseload ?? null,
      previous_caseload: was?.caseload ?? null,
      caseload_change: caseloadChange,
      capacity_pct: isPct,
      previous_capacity_pct: wasPct,
      capacity_change: capacityChange,
    });
  }
  return changes.sort(
    (a, b) =>
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
  return {
    previous_as_of: previous.as_of,
    summary: {
      cases: current.cases.length,
      previous_cases: previous.cases.length,
      appeared: count((change) => change.change === 'appeared'),
      disappeared: count((change) => change.change === 'disappeared'),
      reallocated: count((change) => change.reallocated),
      newly_lost: count((change) => change.lost && !change.was_lost),
      still_lost: count((change) => change.lost && change.was_lost),
      no_longer_lost: count((change) => !change.lost && change.was_lost && change.change !== 'disappeared'),
      newly_overdue: count((change) => change.overdue && !change.was_overdue),
      flags_new: flagsNew,
      flags_resolved: flagsResolved,
    },
    cases: options.all ? changes : changes.filter((change) => change.change !== 'unchanged' || change.lost),
    officers: officerChanges(previous.officers, current.officers),
  };
}
