/**
 * SPEC 2.3: the reallocation plan. Every case of an officer who cannot hold it (left, absent)
 * and every case with no known officer is either placed with an officer in post of its home
 * team (then its PDU) or listed as unplaced with why. Pure: no I/O, no clock.
 *
 * Receivers sit in binary heaps, one per team (and per PDU) and per kind of receiver (grade
 * rule, capacity): within one heap every officer has the same capacity_points, so the one with
 * the lowest capacity after a move is the one with the fewest points now, whatever the case
 * adds. A case looks at the top of a handful of heaps, not at every officer.
 */
import type { Config } from '../config/schema.js';
import type { CaseRecord, OfficerRecord } from '../read/records.js';
import { z } from 'zod';
import { RISKS, type Day, type Risk } from '../read/values.js';
import { riskKey } from './cases.js';
import { compareText } from './compare.js';
import { casePoints, NEW_STARTER_DAYS, resetWeight, roundTo } from './officers.js';
import type { CaseResult, OfficerResult } from './report.js';

/** The flags that make a case one to move, in their order of precedence as its reason. */
export const PLAN_REASONS = ['officer_left', 'officer_absent', 'unallocated', 'unknown_officer'] as const;
export type PlanReason = (typeof PLAN_REASONS)[number];
export const UNPLACED_WHY = ['no_team', 'no_eligible_officer', 'no_capacity'] as const;
export type UnplacedWhy = (typeof UNPLACED_WHY)[number];
export const PLAN_SCOPES = ['team', 'pdu'] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number];

const crn = z.string().describe('Case reference number');
const personName = z.string().nullable().describe('Name of the person on probation; null when not recorded or with --redact');
const caseRisk = z.enum(RISKS).nullable().describe('Risk of serious harm; null when empty or unreadable');
const casePointsField = z.number().describe('Workload points the case is worth');
const reasonField = z.enum(PLAN_REASONS).describe('Why the case must move: its officer left or is absent, or it has no officer or one not on the roster');
const fromOfficer = z.string().nullable().describe('The officer the case is with now; null when unallocated');
const homeTeam = z.string().nullable().describe("The case's home team (its officer's, or its own team column when unallocated); null when none is known");
const capacityBefore = z.number().describe("The receiver's capacity used before, in percent, one decimal");
const capacityAfter = z.number().describe("The receiver's capacity used after, in percent, one decimal");

export const plannedMoveSchema = z
  .object({
    crn,
    name: personName,
    risk: caseRisk,
    tier: z.string().nullable().describe('Tier A3..D0 (S suffix: Probation Reset); null when empty or unreadable'),
    points: casePointsField,
    reason: reasonField,
    from_officer: fromOfficer,
    home_team: homeTeam,
    to_officer: z.string().describe('The officer in post who receives the case'),
    to_officer_name: z.string().nullable().describe("The receiver's name; null when not recorded or with --redact"),
    to_team: z.string().nullable().describe("The receiver's team"),
    capacity_before: capacityBefore.describe("The receiver's capacity used before this case, in percent, one decimal"),
    capacity_after: capacityAfter.describe("The receiver's capacity used after this case, in percent, one decimal"),
  })
  .describe('One case placed with an officer in post');
export type PlannedMove = z.output<typeof plannedMoveSchema>;

export const unplacedCaseSchema = z
  .object({
    crn,
    name: personName,
    risk: caseRisk,
    points: casePointsField,
    reason: reasonField,
    from_officer: fromOfficer,
    home_team: homeTeam,
    why: z.enum(UNPLACED_WHY).describe('no_team (no home team known), no_eligible_officer (nobody in post may hold it), no_capacity (nobody has room under max_capacity_pct)'),
  })
  .describe('One case that must move and could not be placed');
export type UnplacedCase = z.output<typeof unplacedCaseSchema>;

export const planReceiverSchema = z
  .object({
    officer_id: z.string().describe('Staff code of the receiver'),
    name: z.string().nullable().describe("The receiver's name; null when not recorded or with --redact"),
    team: z.string().nullable().describe("The receiver's team"),
    cases_received: z.number().int().min(0).describe('Cases placed with them'),
    points_received: z.number().describe('Points those cases are worth'),
    capacity_before: capacityBefore,
    capacity_after: capacityAfter.describe("The receiver's capacity used after every case placed with them, in percent, one decimal"),
  })
  .describe('An officer who receives cases');
export type PlanReceiver = z.output<typeof planReceiverSchema>;

export const planSummarySchema = z
  .object({
    cases_to_move: z.number().int().min(0).describe('Cases that must move'),
    placed: z.number().int().min(0).describe('Cases placed'),
    unplaced: z.number().int().min(0).describe('Cases not placed'),
    by_reason: z
      .object(Object.fromEntries(PLAN_REASONS.map((reason) => [reason, z.number().int().min(0).describe(`Cases to move because of ${reason}`)])) as Record<PlanReason, z.ZodNumber>)
      .describe('Cases to move, per reason'),
    by_why: z
      .object(Object.fromEntries(UNPLACED_WHY.map((why) => [why, z.number().int().min(0).describe(`Cases unplaced for ${why}`)])) as Record<UnplacedWhy, z.ZodNumber>)
      .describe('Unplaced cases, per why'),
    receivers: z.number().int().min(0).describe('Officers who receive a case'),
    max_capacity_pct: z.number().describe('No receiver is taken above this capacity (--max-capacity, else config plan.max_capacity_pct)'),
    scope: z.enum(PLAN_SCOPES).describe('team: receivers in the home team only; pdu: then the home PDU'),
  })
  .describe('Counts over the plan');
export type PlanSummary = z.output<typeof planSummarySchema>;

export interface Plan {
  summary: PlanSummary;
  /** In the order the cases were placed: points descending, then priority. */
  moves: PlannedMove[];
  /** In the same order. */
  unplaced: UnplacedCase[];
  /** By team (no team last), then officer_id. */
  receivers: PlanReceiver[];
}

export interface PlanOptions {
  readonly asOf: Day;
  readonly config: Config;
  /** --max-capacity; else config plan.max_capacity_pct. */
  readonly maxCapacityPct?: number;
  /** --team / --pdu: only cases whose home team (home PDU) is one of these, compared without regard to case. */
  readonly teams?: readonly string[];
  readonly pdus?: readonly string[];
}

export interface PlanInput {
  readonly officers: readonly OfficerRecord[];
  /** Every case read (terminated ones are skipped); a repeated crn: the later row, as the analysis reads it. */
  readonly cases: readonly CaseRecord[];
  /** The analysis: officers' points and capacity, cases' flags and priority. */
  readonly officerResults: readonly OfficerResult[];
  readonly caseResults: readonly CaseResult[];
}

/** The case's reason to move, by precedence; null when it stays where it is. */
export function planReason(flags: readonly string[]): PlanReason | null {
  // Plain loops: this runs for every case of a national export.
  for (const reason of PLAN_REASONS) for (const flag of flags) if (flag === reason) return reason;
  return null;
}

/**
 * Which risks a receiver may take (SPEC 2.3): a PSO no high, very_high or unknown-risk case; an
 * officer in their first year no high or very_high case. Ranked so `rank ≥ need` admits.
 */
type Admits = 0 | 1 | 2;
const ADMITS_ALL: Admits = 2;
const ADMITS_NO_HIGH: Admits = 1;
const ADMITS_LOW_MEDIUM: Admits = 0;

function receiverAdmits(officer: OfficerRecord, asOf: Day): Admits {
  if (officer.grade === 'PSO') return ADMITS_LOW_MEDIUM;
  if (officer.startDate !== null && asOf - officer.startDate <= NEW_STARTER_DAYS) return ADMITS_NO_HIGH;
  return ADMITS_ALL;
}

function caseNeeds(risk: Risk | null): Admits {
  const key = riskKey(risk);
  if (key === 'high' || key === 'very_high') return ADMITS_ALL;
  if (key === 'unknown') return ADMITS_NO_HIGH;
  return ADMITS_LOW_MEDIUM;
}

interface ReceiverState {
  readonly record: OfficerRecord;
  readonly capacity: number;
  readonly startPoints: number;
  points: number;
  received: number;
  pointsReceived: number;
}

interface HeapEntry {
  /** The officer's points when pushed: stale once they receive a case (points only grow). */
  readonly points: number;
  readonly state: ReceiverState;
}

/** A min-heap of receivers by points, then officer_id; stale entries are refreshed as they surface. */
class ReceiverHeap {
  private readonly entries: HeapEntry[] = [];

  constructor(
    readonly admits: Admits,
    readonly capacity: number,
  ) {}

  push(state: ReceiverState): void {
    const entries = this.entries;
    entries.push({ points: state.points, state });
    let at = entries.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(entries[at]!, entries[parent]!)) break;
      [entries[at], entries[parent]] = [entries[parent]!, entries[at]!];
      at = parent;
    }
  }

  /** The receiver with the fewest points now (ties: officer_id). */
  peek(): ReceiverState | null {
    for (;;) {
      const top = this.entries[0];
      if (top === undefined) return null;
      if (top.points === top.state.points) return top.state;
      this.pop();
      this.push(top.state);
    }
  }

  private pop(): void {
    const entries = this.entries;
    const last = entries.pop()!;
    if (entries.length === 0) return;
    entries[0] = last;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let smallest = at;
      if (left < entries.length && before(entries[left]!, entries[smallest]!)) smallest = left;
      if (right < entries.length && before(entries[right]!, entries[smallest]!)) smallest = right;
      if (smallest === at) return;
      [entries[at], entries[smallest]] = [entries[smallest]!, entries[at]!];
      at = smallest;
    }
  }
}

const before = (a: HeapEntry, b: HeapEntry): boolean =>
  a.points < b.points || (a.points === b.points && compareText(a.state.record.officerId, b.state.record.officerId) < 0);

/** The heaps of one place (a team, a PDU): one per kind of receiver. */
class Place {
  private readonly heaps = new Map<string, ReceiverHeap>();

  add(state: ReceiverState, admits: Admits): void {
    const key = `${admits}:${state.capacity}`;
    let heap = this.heaps.get(key);
    if (heap === undefined) this.heaps.set(key, (heap = new ReceiverHeap(admits, state.capacity)));
    heap.push(state);
  }

  /** The eligible receiver with the lowest capacity after taking `points` within `limit`; whether any was eligible. */
  best(need: Admits, points: number, limit: number): { state: ReceiverState | null; eligible: boolean } {
    let state: ReceiverState | null = null;
    let bestAfter = Infinity;
    let eligible = false;
    for (const heap of this.heaps.values()) {
      if (heap.admits < need) continue;
      const top = heap.peek();
      if (top === null) continue;
      eligible = true;
      const after = ((top.points + points) / heap.capacity) * 100;
      if (after > limit) continue;
      if (after < bestAfter || (after === bestAfter && compareText(top.record.officerId, state!.record.officerId) < 0)) {
        state = top;
        bestAfter = after;
      }
    }
    return { state, eligible };
  }
}

const pct = (points: number, capacity: number): number => roundTo((points / capacity) * 100, 1);
const fold = (text: string): string => text.toLowerCase();

interface ToMove {
  readonly record: CaseRecord;
  readonly result: CaseResult;
  readonly reason: PlanReason;
  readonly points: number;
  readonly homeTeam: string | null;
  readonly homePdu: string | null;
}

export function planReallocation(input: PlanInput, options: PlanOptions): Plan {
  const { asOf, config } = options;
  const limit = options.maxCapacityPct ?? config.plan.max_capacity_pct;
  const scope = config.plan.scope;
  const officerRecords = new Map(input.officers.map((officer) => [officer.officerId, officer]));
  // Only the cases to move need their records: a national export has a quarter of a million crns to hash.
  const candidates: { result: CaseResult; reason: PlanReason }[] = [];
  for (const result of input.caseResults) {
    const reason = planReason(result.flags);
    if (reason !== null) candidates.push({ result, reason });
  }
  const wanted = new Set(candidates.map(({ result }) => result.crn));
  const records = new Map<string, CaseRecord>();
  for (const record of input.cases) if (record.status !== 'terminated' && wanted.has(record.crn)) records.set(record.crn, record);

  // Receivers: in post, with a capacity, not a senior officer; in their team's and PDU's heaps.
  const teams = new Map<string, Place>();
  const pdus = new Map<string, Place>();
  const placeOf = (places: Map<string, Place>, name: string): Place => {
    let place = places.get(name);
    if (place === undefined) places.set(name, (place = new Place()));
    return place;
  };
  const receiverStates: ReceiverState[] = [];
  for (const result of input.officerResults) {
    const record = officerRecords.get(result.officer_id);
    if (record === undefined || record.status !== 'active' || record.grade === 'SPO') continue;
    if (result.capacity_points === null || result.capacity_points <= 0) continue;
    const state: ReceiverState = { record, capacity: result.capacity_points, startPoints: result.points, points: result.points, received: 0, pointsReceived: 0 };
    const admits = receiverAdmits(record, asOf);
    receiverStates.push(state);
    if (record.team !== null) placeOf(teams, record.team).add(state, admits);
    // The PDU search is for officers of another team: an officer with no team is of none.
    if (record.team !== null && record.pdu !== null) placeOf(pdus, record.pdu).add(state, admits);
  }

  const wantedTeams = new Set((options.teams ?? []).map(fold));
  const wantedPdus = new Set((options.pdus ?? []).map(fold));
  const toMove: ToMove[] = [];
  for (const { result, reason } of candidates) {
    const record = records.get(result.crn);
    if (record === undefined) continue;
    const officer = reason === 'officer_left' || reason === 'officer_absent' ? officerRecords.get(record.officerId!) : undefined;
    const homeTeam = officer === undefined ? record.team : officer.team;
    const homePdu = officer === undefined ? record.pdu : officer.pdu;
    if (wantedTeams.size > 0 && (homeTeam === null || !wantedTeams.has(fold(homeTeam)))) continue;
    if (wantedPdus.size > 0 && (homePdu === null || !wantedPdus.has(fold(homePdu)))) continue;
    toMove.push({ record, result, reason, points: roundTo(casePoints(record, config, resetWeight(result, config)), 2), homeTeam, homePdu });
  }
  toMove.sort((a, b) => b.points - a.points || a.result.priority - b.result.priority);

  const moves: PlannedMove[] = [];
  const unplaced: UnplacedCase[] = [];
  const byReason = Object.fromEntries(PLAN_REASONS.map((reason) => [reason, 0])) as Record<PlanReason, number>;
  const byWhy = Object.fromEntries(UNPLACED_WHY.map((why) => [why, 0])) as Record<UnplacedWhy, number>;
  for (const item of toMove) {
    byReason[item.reason]++;
    const { result, points, homeTeam, homePdu } = item;
    const need = caseNeeds(result.risk);
    let chosen: ReceiverState | null = null;
    let eligible = false;
    if (homeTeam !== null) {
      const inTeam = teams.get(homeTeam)?.best(need, points, limit);
      chosen = inTeam?.state ?? null;
      eligible = inTeam?.eligible ?? false;
      if (chosen === null && scope === 'pdu' && homePdu !== null) {
        const inPdu = pdus.get(homePdu)?.best(need, points, limit);
        chosen = inPdu?.state ?? null;
        eligible ||= inPdu?.eligible ?? false;
      }
    }
    if (chosen === null) {
      const why: UnplacedWhy = homeTeam === null ? 'no_team' : eligible ? 'no_capacity' : 'no_eligible_officer';
      byWhy[why]++;
      unplaced.push({ crn: result.crn, name: result.name, risk: result.risk, points, reason: item.reason, from_officer: item.record.officerId, home_team: homeTeam, why });
      continue;
    }
    const capacityBefore = pct(chosen.points, chosen.capacity);
    chosen.points += points;
    chosen.received++;
    chosen.pointsReceived += points;
    moves.push({
      crn: result.crn,
      name: result.name,
      risk: result.risk,
      tier: result.tier,
      points,
      reason: item.reason,
      from_officer: item.record.officerId,
      home_team: homeTeam,
      to_officer: chosen.record.officerId,
      to_officer_name: chosen.record.name,
      to_team: chosen.record.team,
      capacity_before: capacityBefore,
      capacity_after: pct(chosen.points, chosen.capacity),
    });
  }

  const receivers = receiverRows(receiverStates);
  return {
    summary: {
      cases_to_move: toMove.length,
      placed: moves.length,
      unplaced: unplaced.length,
      by_reason: byReason,
      by_why: byWhy,
      receivers: receivers.length,
      max_capacity_pct: limit,
      scope,
    },
    moves,
    unplaced,
    receivers,
  };
}

/** Every officer who received a case, by team, then officer_id (every receiver has a team). */
function receiverRows(states: readonly ReceiverState[]): PlanReceiver[] {
  return states
    .filter((state) => state.received > 0)
    .sort((a, b) => compareText(a.record.team!, b.record.team!) || compareText(a.record.officerId, b.record.officerId))
    .map((state) => ({
      officer_id: state.record.officerId,
      name: state.record.name,
      team: state.record.team,
      cases_received: state.received,
      points_received: roundTo(state.pointsReceived, 2),
      capacity_before: pct(state.startPoints, state.capacity),
      capacity_after: pct(state.points, state.capacity),
    }));
}
