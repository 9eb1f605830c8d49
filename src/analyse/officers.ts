/** SPEC 2.2: each officer's caseload, workload points, capacity and flags; managers. */
import type { Config, Tier } from '../config/schema.js';
import type { CaseRecord, OfficerRecord } from '../read/records.js';
import { formatDay, scoringTier, type Day } from '../read/values.js';
import { isAbsence, isUnallocated, riskKey } from './cases.js';
import type { CaseResult, ManagerResult, OfficerFlag, OfficerResult, RiskCounts } from './report.js';
import { compareText } from './compare.js';
import { comparePeers, isOutlier, PEER_RATES, type PeerGroupResult } from './peers.js';

const FULL_TIME_HOURS = 37;
/** An officer who started within this many days is a new starter. */
export const NEW_STARTER_DAYS = 365;

export const OFFICER_SORTS = ['capacity', 'caseload', 'lost', 'overdue', 'overdue_rate', 'lost_rate', 'assessment_rate'] as const;
export type OfficerSort = (typeof OFFICER_SORTS)[number];

export function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

/** Sentence types the WMT scores from the licence table (compared without regard to case). */
const LICENCE_SENTENCES = new Set(['licence', 'pss']);

/**
 * Which WMT tier table a case scores (SPEC 2.2): custody cases the custody table; active and
 * warrant cases on licence or post-sentence supervision the licence table; the rest community.
 */
export function pointsTable(record: Pick<CaseRecord, 'status' | 'sentenceType'>): 'community' | 'licence' | 'custody' {
  if (record.status === 'custody') return 'custody';
  if (record.sentenceType === null) return 'community';
  // An export spells its few sentence types the same way a million times: each is lowered once.
  let table = sentenceTables.get(record.sentenceType);
  if (table === undefined) {
    table = LICENCE_SENTENCES.has(record.sentenceType.toLowerCase()) ? 'licence' : 'community';
    if (sentenceTables.size < 10_000) sentenceTables.set(record.sentenceType, table);
  }
  return table;
}
const sentenceTables = new Map<string, 'community' | 'licence'>();

/** A case in Probation Reset scores reset_weight of its points (the WMT scores S tiers at 0); others in full. */
export function resetWeight(result: Pick<CaseResult, 'reset'>, config: Pick<Config, 'reset_weight'>): number {
  return result.reset ? config.reset_weight : 1;
}

/**
 * Workload points for one case, as the WMT scores them: its tier in its table (an `S` tier as
 * the tier without it), else its risk's points, weighted by `custody_weight` in custody.
 * Warrant cases score 0. `weight` is what the caller scales the case by (1 for a case scored
 * in full), so a rule such as Probation Reset's `reset_weight` needs no change here.
 */
export function casePoints(record: Pick<CaseRecord, 'tier' | 'risk' | 'status' | 'sentenceType'>, config: Config, weight = 1): number {
  if (record.status === 'warrant' || record.status === 'terminated') return 0;
  const table = pointsTable(record);
  const tierPoints = record.tier === null ? undefined : config.points[table][scoringTier(record.tier) as Tier];
  if (tierPoints !== undefined) return tierPoints * weight;
  const riskPoints = config.points.risks[riskKey(record.risk)];
  return (table === 'custody' ? riskPoints * config.custody_weight : riskPoints) * weight;
}

/**
 * What an officer can carry (SPEC 2.2): the nominal target pro rata to contracted hours, less
 * their workload reduction. null with no readable hours, a 100% reduction, or for a leaver.
 */
export function capacityPoints(officer: Pick<OfficerRecord, 'contractedHours' | 'reductionPct' | 'status'>, config: Config): number | null {
  const { contractedHours, reductionPct } = officer;
  if (contractedHours === null || reductionPct >= 100 || officer.status === 'left') return null;
  return roundTo(((config.nominal_target * contractedHours) / FULL_TIME_HOURS) * (1 - reductionPct / 100), 1);
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
  /** Every active case, whichever checks ran: the peers' denominator. */
  activeCases: number;
  assessmentOverdue: number;
}

const emptyTally = (): Tally => ({
  caseload: 0,
  byRisk: { very_high: 0, high: 0, medium: 0, low: 0, unknown: 0 },
  points: 0,
  overdue: 0,
  lost: 0,
  active: 0,
  activeOnTime: 0,
  activeCases: 0,
  assessmentOverdue: 0,
});

/** One more case at `risk`; a property of its own per level, where `byRisk[key]++` is a lookup by name a case. */
function countRisk(byRisk: RiskCounts, risk: CaseRecord['risk']): void {
  switch (risk) {
    case 'very_high':
      byRisk.very_high++;
      break;
    case 'high':
      byRisk.high++;
      break;
    case 'medium':
      byRisk.medium++;
      break;
    case 'low':
      byRisk.low++;
      break;
    default:
      byRisk.unknown++;
  }
}

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
  // Only these fields: `trend` tallies officers from slim per-case results (src/analyse/trend.ts).
  results: readonly Pick<CaseResult, 'overdue' | 'lost' | 'reset' | 'flags'>[],
  context: OfficerContext,
): { officers: OfficerResult[]; peerGroups: PeerGroupResult[] } {
  const { asOf, config, skipped } = context;
  const tallies = new Map<string, Tally>(officers.map((officer) => [officer.officerId, emptyTally()]));
  const unknownIds: string[] = [];
  const contactKnown = !skipped.has('overdue');
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
    countRisk(tally.byRisk, record.risk);
    // Probation Reset: the case scores reset_weight of its points (the WMT scores S tiers at 0).
    tally.points += casePoints(record, config, resetWeight(result, config));
    if (result.overdue) tally.overdue++;
    if (result.lost) tally.lost++;
    if (record.status === 'active') tally.activeCases++;
    if (result.flags.includes('assessment_overdue')) tally.assessmentOverdue++;
    // With the contact checks skipped (no contacts.csv, no last_contact) nobody is known to be seen
    // on time: seen_on_time_pct stays null rather than a false 100%.
    // A case in reset has no contact standard to be on time against, as a custody case has none.
    if (record.status === 'active' && !result.reset && contactKnown) {
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
    const capacity = capacityPoints(officer, config);
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
      reduction_pct: officer.reductionPct,
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
      reduction_pct: null,
    }),
  );
  const all = [...known, ...unknown];
  const peers = comparePeers(
    all.map((result) => {
      const tally = tallies.get(result.officer_id)!;
      return { ...peerIdentity(result), caseload: tally.caseload, active: tally.activeCases, overdue: tally.overdue, lost: tally.lost, assessmentOverdue: tally.assessmentOverdue };
    }),
    config.outliers,
    new Set(PEER_RATES.filter((rate) => skipped.has(rate))),
  );
  all.forEach((result, at) => {
    Object.assign(result, peers.officers[at]!);
    if (isOutlier(result)) result.flags = [...result.flags, 'outlier' as const].sort();
  });
  return { officers: all, peerGroups: peers.groups };
}

const peerIdentity = (result: OfficerResult) => ({ officerId: result.officer_id, status: result.status, team: result.team, pdu: result.pdu });

type OfficerIdentity = Pick<
  OfficerResult,
  'officer_id' | 'name' | 'grade' | 'team' | 'pdu' | 'manager_id' | 'status' | 'status_since' | 'contracted_hours' | 'reduction_pct'
>;

function officerResult(
  tally: Tally,
  capacity: number | null,
  capacityPct: number | null,
  flags: OfficerFlag[],
  identity: OfficerIdentity,
): OfficerResult {
  // Written out, not spread: a spread object then grown by thirteen keys is slow to build.
  return {
    officer_id: identity.officer_id,
    name: identity.name,
    grade: identity.grade,
    team: identity.team,
    pdu: identity.pdu,
    manager_id: identity.manager_id,
    status: identity.status,
    status_since: identity.status_since,
    contracted_hours: identity.contracted_hours,
    reduction_pct: identity.reduction_pct,
    caseload: tally.caseload,
    by_risk: tally.byRisk,
    points: roundTo(tally.points, 2),
    capacity_points: capacity,
    capacity_pct: capacityPct,
    overdue: tally.overdue,
    lost: tally.lost,
    seen_on_time_pct: percent(tally.activeOnTime, tally.active),
    // Filled in by comparePeers once every officer is tallied.
    peer_group: null,
    rates: { overdue: null, lost: null, assessment_overdue: null },
    outliers: { overdue: null, lost: null, assessment_overdue: null },
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
    overdue_rate: (officer) => officer.rates.overdue,
    lost_rate: (officer) => officer.rates.lost,
    assessment_rate: (officer) => officer.rates.assessment_overdue,
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
