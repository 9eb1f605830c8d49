/**
 * Peers (SPEC 2.2), as Recidiviz's supervisor insights compare officers: each officer in post
 * with a comparable caseload against the pooled rate of their peer group, with the spread
 * between officers (the IQR) as the margin, so a bad week for everyone singles nobody out.
 * Pure: counts in, statuses out.
 */
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import { compareText } from './compare.js';
import { roundTo } from './officers.js';

/** The rates officers are compared on, in the order the SPEC lists them. */
export const PEER_RATES = ['overdue', 'lost', 'assessment_overdue'] as const;
export type PeerRate = (typeof PEER_RATES)[number];
export const PEER_STATUSES = ['met', 'near', 'far'] as const;
export type PeerStatus = (typeof PEER_STATUSES)[number];
/** Each rate's short name: `--sort <short>_rate` and the CSV columns `<short>_rate`, `<short>_status`. */
export const PEER_RATE_SHORT: Record<PeerRate, string> = { overdue: 'overdue', lost: 'lost', assessment_overdue: 'assessment' };

/** `peer_group` when `outliers.group_by` is `region`: everyone is one group. */
export const REGION_GROUP = 'region';
/** Rates are shown to this many decimals; statuses are decided on the exact rates. */
const RATE_DECIMALS = 3;
/**
 * Rates and quartiles are fractions computed in floating point: two that are equal on paper
 * (an officer exactly on the target, or exactly one IQR above it) may differ in the last bit.
 */
const TOLERANCE = 1e-9;

/** What one officer brings to the comparison. */
export interface PeerCounts {
  readonly officerId: string;
  /** officers.csv status; null for an officer_id missing from officers.csv. */
  readonly status: string | null;
  readonly team: string | null;
  readonly pdu: string | null;
  readonly caseload: number;
  /** Cases with status active: the denominator of the overdue and assessment rates. */
  readonly active: number;
  readonly overdue: number;
  readonly lost: number;
  readonly assessmentOverdue: number;
}

const RATE_MEANING: Record<PeerRate, string> = {
  overdue: 'overdue cases over active cases',
  lost: 'lost cases over the caseload',
  assessment_overdue: 'active cases with an overdue assessment over active cases',
};

export const peerRatesSchema = z
  .object(
    Object.fromEntries(
      PEER_RATES.map((rate) => [rate, z.number().nullable().describe(`The officer's ${rate} rate (${RATE_MEANING[rate]}), 3 decimals; null where not compared`)]),
    ) as Record<PeerRate, z.ZodNullable<z.ZodNumber>>,
  )
  .describe("The officer's rates, null where not compared");
export type PeerRates = z.output<typeof peerRatesSchema>;

export const peerStatusesSchema = z
  .object(
    Object.fromEntries(
      PEER_RATES.map((rate) => [
        rate,
        z.enum(PEER_STATUSES).nullable().describe(`How the ${rate} rate compares with the peer group's: met (at or under the target), near (above it by at most the IQR), far (more); null where not compared`),
      ]),
    ) as Record<PeerRate, z.ZodNullable<z.ZodEnum<{ met: 'met'; near: 'near'; far: 'far' }>>>,
  )
  .describe('How each rate compares with the peer group');
export type PeerStatuses = z.output<typeof peerStatusesSchema>;

export interface PeerResult {
  /** The group the officer is compared within; null when compared with nobody. */
  peer_group: string | null;
  /** The officer's rates (3 decimals), null where not compared. */
  rates: PeerRates;
  outliers: PeerStatuses;
}

/** One group's yardstick on one rate (JSON `peer_groups`): what each status was judged against. */
export const peerGroupResultSchema = z
  .object({
    group: z.string().describe(`The peer group: a team, a PDU, or "${REGION_GROUP}" (outliers.group_by)`),
    rate: z.enum(PEER_RATES).describe('The rate compared'),
    officers: z.number().int().min(0).describe('Officers compared on this rate'),
    target: z.number().describe("The group's pooled rate (its cases over its denominators), 3 decimals"),
    q1: z.number().describe("First quartile of the officers' rates, 3 decimals"),
    q3: z.number().describe("Third quartile of the officers' rates, 3 decimals"),
    iqr: z.number().describe('q3 minus q1: the margin of near, 3 decimals'),
    met: z.number().int().min(0).describe('Officers at or under the target'),
    near: z.number().int().min(0).describe('Officers above the target by at most the IQR'),
    far: z.number().int().min(0).describe('Officers above the target by more than the IQR'),
  })
  .describe("One peer group's yardstick on one rate: what each status was judged against");
export type PeerGroupResult = z.output<typeof peerGroupResultSchema>;

export interface PeerComparison {
  /** Index for index with the officers given. */
  readonly officers: PeerResult[];
  /** Groups compared, by group name then rate. */
  readonly groups: PeerGroupResult[];
}

const noRates = (): PeerRates => ({ overdue: null, lost: null, assessment_overdue: null });
const noStatuses = (): PeerStatuses => ({ overdue: null, lost: null, assessment_overdue: null });

/** The count and denominator of one rate; the denominator 0 means not compared on it. */
function fraction(officer: PeerCounts, rate: PeerRate): { count: number; of: number } {
  switch (rate) {
    case 'overdue':
      return { count: officer.overdue, of: officer.active };
    case 'lost':
      return { count: officer.lost, of: officer.caseload };
    case 'assessment_overdue':
      return { count: officer.assessmentOverdue, of: officer.active };
  }
}

/**
 * The p-quantile of ascending `sorted` by linear interpolation between closest ranks: Excel's
 * QUARTILE.INC, numpy's default. position = (n − 1) × p.
 */
export function quantileInc(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

/** met: at or under the target; near: above it by at most the IQR; far: more than that. */
export function peerStatus(rate: number, target: number, iqr: number): PeerStatus {
  if (rate <= target + TOLERANCE) return 'met';
  return rate - target <= iqr + TOLERANCE ? 'near' : 'far';
}

/** The officer's peer group, or null when they are not compared at all. */
function groupOf(officer: PeerCounts, settings: Config['outliers']): string | null {
  if (officer.status !== 'active') return null; // only officers in post
  if (officer.caseload < settings.min_caseload || officer.caseload > settings.max_caseload) return null;
  if (settings.group_by === 'region') return REGION_GROUP;
  return officer[settings.group_by];
}

/**
 * Compares every officer with their peers. `skipped` rates (their check could not run on this
 * export) are compared for nobody: an overdue rate of 0 for everyone would look like a clean week.
 */
export function comparePeers(
  officers: readonly PeerCounts[],
  settings: Config['outliers'],
  skipped: ReadonlySet<PeerRate> = new Set(),
): PeerComparison {
  const results: PeerResult[] = officers.map((officer) => ({
    peer_group: groupOf(officer, settings),
    rates: noRates(),
    outliers: noStatuses(),
  }));
  const members = new Map<string, number[]>();
  results.forEach((result, at) => {
    if (result.peer_group === null) return;
    const group = members.get(result.peer_group);
    if (group === undefined) members.set(result.peer_group, [at]);
    else group.push(at);
  });

  const groups: PeerGroupResult[] = [];
  for (const [group, indexes] of [...members].sort(([a], [b]) => compareText(a, b))) {
    for (const rate of PEER_RATES) {
      if (skipped.has(rate)) continue;
      const compared = indexes
        .map((at) => ({ at, ...fraction(officers[at]!, rate) }))
        .filter((entry) => entry.of > 0);
      if (compared.length < settings.min_group) continue;
      const rates = compared.map((entry) => entry.count / entry.of);
      const target = compared.reduce((sum, entry) => sum + entry.count, 0) / compared.reduce((sum, entry) => sum + entry.of, 0);
      const sorted = [...rates].sort((a, b) => a - b);
      const q1 = quantileInc(sorted, 0.25);
      const q3 = quantileInc(sorted, 0.75);
      const iqr = q3 - q1;
      const tally = { met: 0, near: 0, far: 0 };
      compared.forEach((entry, index) => {
        const status = peerStatus(rates[index]!, target, iqr);
        tally[status]++;
        const result = results[entry.at]!;
        result.rates[rate] = roundTo(rates[index]!, RATE_DECIMALS);
        result.outliers[rate] = status;
      });
      groups.push({
        group,
        rate,
        officers: compared.length,
        target: roundTo(target, RATE_DECIMALS),
        q1: roundTo(q1, RATE_DECIMALS),
        q3: roundTo(q3, RATE_DECIMALS),
        iqr: roundTo(iqr, RATE_DECIMALS),
        ...tally,
      });
    }
  }
  return { officers: results, groups };
}

/** Whether any of the officer's rates is far from their peers' (the officer flag `outlier`). */
export function isOutlier(result: Pick<PeerResult, 'outliers'>): boolean {
  return PEER_RATES.some((rate) => result.outliers[rate] === 'far');
}
