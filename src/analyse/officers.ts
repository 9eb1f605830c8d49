/** SPEC 2.2: each officer's caseload, workload points, capacity and flags; managers. */
import type { Config } from '../config/schema.js';
import type { CaseRecord, OfficerRecord } from '../read/records.js';
import { formatDay, scoringTier, type Day } from '../read/values.js';
import { isAbsence, isUnallocated, riskKey } from './cases.js';
import type { CaseResult, ManagerResult, OfficerFlag, OfficerResult, RiskCounts } from './report.js';
import { compareText } from './compare.js';

const FULL_TIME_HOURS = 37;
/** An officer who started within this many days is a new starter. */
export const NEW_STARTER_DAYS = 365;

export const OFFICER_SORTS = ['capacity', 'caseload', 'lost', 'overdue'] as const;
export type OfficerSort = (typeof OFFICER_SORTS)[number];

export function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

/** Workload points for one case: its tier's, else its risk's; custody weighted, warrant nil. */
export function casePoints(record: Pick<CaseRecord, 'tier' | 'risk' | 'status'>, config: Config): number {
  if (record.status === 'warrant' || record.status === 'terminated') return 0;
  const tierPoints = record.tier === null ? undefined : config.points.tiers[scoringTier(record.tier) as keyof Config['points']['tiers']];
  const base = tierPoints ?? config.points.risks[riskKey(record.risk)];
  return record.status === 'custody' ? base * config.custody_weight : base;
}

export function capacityPoints(contractedHours: number | null, config: Config): number | null {
  return contractedHours === null ? null : roundTo((config.nominal_target * contractedHours) / FULL_TIME_HOURS, 1);
}

export function percent(part: number, whole: number | null): number | null {
  return whole === null || whole === 0 ? null : roundTo((part / whole) * 100, 1);
}

interface Tally {
  caseload: number;
  byRisk: RiskCounts;
  points: number;
  overdue: number;
  lost: number;
  active: number;
  activeOnTime: number;
}

const emptyTally = (): Tally => ({
  caseload: 0,
  byRisk: { very_high: 0, high: 0, medium: 0, low: 0, unknown: 0 },
  points: 0,
  overdue: 0,
  lost: 0,
  active: 0,
  activeOnTime: 0,
});

export interface OfficerContext {
  readonly asOf: Day;
  readonly config: Config;
  readonly skipped: ReadonlySet<string>;
  readonly unallocatedPattern: RegExp | null;
}

/**
 * Officers of officers.csv in file order, then each unknown officer_id that cases point at
 * (sorted), each with its tallies. `records` and `results` are the analysed (non-terminated)
 * cases, index for index.
 */
export function analyseOfficers(
  officers: readonly OfficerRecord[],
  records: readonly CaseRecord[],
  results: readonly CaseResult[],
  context: OfficerContext,
): OfficerResult[] {
  const { asOf, config, skipped } = context;
  const tallies = new Map<string, Tally>(officers.map((officer) => [officer.officerId, emptyTally()]));
  const unknownIds: string[] = [];
  records.forEach((record, at) => {
    if (isUnallocated(record.officerId, context.unallocatedPattern)) return;
    const officerId = record.officerId!;
    let tally = tallies.get(officerId);
    if (tally === undefined) {
      tallies.set(officerId, (tally = emptyTally()));
      unknownIds.push(officerId);
    }
    const result = results[at]!;
    tally.caseload++;
    tally.byRisk[riskKey(record.risk)]++;
    tally.points += casePoints(record, config);
    if (result.overdue) tally.overdue++;
    if (result.lost) tally.lost++;
    // With the contact checks skipped (no contacts.csv, no last_contact) nobody is known to be seen
    // on time: seen_on_time_pct stays null rather than a false 100%.
    if (record.status === 'active' && !skipped.has('overdue')) {
      tally.active++;
      if (!result.overdue) tally.activeOnTime++;
    }
  });

  const known = officers.map((officer) => {
    const tally = tallies.get(officer.officerId)!;
    const flags: OfficerFlag[] = [];
    const flag = (code: OfficerFlag, when: boolean): void => {
      if (when && !skipped.has(code)) flags.push(code);
    };
    const highRisk = tally.byRisk.high + tally.byRisk.very_high > 0;
    const capacity = capacityPoints(officer.contractedHours, config);
    const capacityPct = percent(tally.points, capacity);
    flag('over_capacity', capacityPct !== null && capacityPct > 100);
    flag('absent_with_cases', isAbsence(officer.status) && tally.caseload > 0);
    flag('left_with_cases', officer.status === 'left' && tally.caseload > 0);
    flag(
      'no_supervision',
      officer.status !== 'left' && (officer.lastSupervision === null || asOf - officer.lastSupervision > config.supervision_days),
    );
    flag('new_starter_high_risk', officer.startDate !== null && asOf - officer.startDate <= NEW_STARTER_DAYS && highRisk);
    flag('pso_high_risk', officer.grade === 'PSO' && highRisk);
    return officerResult(tally, capacity, capacityPct, flags.sort(), {
      officer_id: officer.officerId,
      name: officer.name,
      grade: officer.grade,
      team: officer.team,
      pdu: officer.pdu,
      manager_id: officer.managerId,
      status: officer.status,
      status_since: officer.statusSince === null ? null : formatDay(officer.statusSince),
      contracted_hours: officer.contractedHours,
    });
  });
  const unknown = unknownIds.sort().map((officerId) =>
    officerResult(tallies.get(officerId)!, null, null, ['unknown_officer'], {
      officer_id: officerId,
      name: null,
      grade: null,
      team: null,
      pdu: null,
      manager_id: null,
      status: null,
      status_since: null,
      contracted_hours: null,
    }),
  );
  return [...known, ...unknown];
}

type OfficerIdentity = Pick<
  OfficerResult,
  'officer_id' | 'name' | 'grade' | 'team' | 'pdu' | 'manager_id' | 'status' | 'status_since' | 'contracted_hours'
>;

function officerResult(
  tally: Tally,
  capacity: number | null,
  capacityPct: number | null,
  flags: OfficerFlag[],
  identity: OfficerIdentity,
): OfficerResult {
  return {
    ...identity,
    caseload: tally.caseload,
    by_risk: tally.byRisk,
    points: roundTo(tally.points, 2),
    capacity_points: capacity,
    capacity_pct: capacityPct,
    overdue: tally.overdue,
    lost: tally.lost,
    seen_on_time_pct: percent(tally.activeOnTime, tally.active),
    flags,
  };
}

const byId = (a: { officer_id: string }, b: { officer_id: string }): number => compareText(a.officer_id, b.officer_id);

/** Descending, with null (no hours recorded) after every number. */
const descending = (a: number | null, b: number | null): number => (b ?? -Infinity) - (a ?? -Infinity);

export function compareOfficers(sort: OfficerSort): (a: OfficerResult, b: OfficerResult) => number {
  const keys: Record<OfficerSort, (officer: OfficerResult) => number | null> = {
    capacity: (officer) => officer.capacity_pct,
    caseload: (officer) => officer.caseload,
    lost: (officer) => officer.lost,
    overdue: (officer) => officer.overdue,
  };
  const primary = keys[sort];
  return (a, b) =>
    descending(primary(a), primary(b)) ||
    descending(a.capacity_pct, b.capacity_pct) ||
    b.caseload - a.caseload ||
    byId(a, b);
}

/**
 * Managers (SPEC 2.2): every manager_id named in officers.csv, with the caseloads they oversee.
 * `roster` gives the managers' names (every officer, when `officers` is a filtered few).
 */
export function analyseManagers(officers: readonly OfficerResult[], config: Config, roster: readonly OfficerResult[] = officers): ManagerResult[] {
  const names = new Map(roster.map((officer) => [officer.officer_id, officer.name]));
  const managers = new Map<string, ManagerResult>();
  for (const officer of officers) {
    if (officer.manager_id === null) continue;
    let manager = managers.get(officer.manager_id);
    if (manager === undefined) {
      manager = { manager_id: officer.manager_id, name: names.get(officer.manager_id) ?? null, officers: [], caseload: 0, lost: 0, overdue: 0, flags: [] };
      managers.set(officer.manager_id, manager);
    }
    manager.officers.push(officer.officer_id);
    manager.caseload += officer.caseload;
    manager.lost += officer.lost;
    manager.overdue += officer.overdue;
  }
  const results = [...managers.values()];
  for (const manager of results) {
    manager.officers.sort();
    if (manager.caseload > config.manager_span) manager.flags.push('span_exceeded');
  }
  return results.sort(
    (a, b) => b.caseload - a.caseload || compareText(a.manager_id, b.manager_id),
  );
}
