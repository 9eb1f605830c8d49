/**
 * `caseload trend` (SPEC 3.2): weekly series over dated exports, and how long each case lost in
 * the latest export has been lost. Pure, and built from per-week summaries rather than whole
 * reports, so a run over many national exports holds a few counts and each week's lost crns.
 */
import { compareText } from './compare.js';
import { z } from 'zod';
import type { CaseRecord, Exports } from '../read/records.js';
import { formatDay, RISKS } from '../read/values.js';
import { caseContext, type AnalyseOptions } from './analyze.js';
import { analyseCase, rankCases } from './cases.js';
import { analyseOfficers, compareOfficers } from './officers.js';
import { CASE_FLAGS, day, type CaseFlag, type CaseResult, type GroupResult } from './report.js';
import { rollUp } from './rollups.js';

const figure = (what: string) => z.number().int().min(0).nullable().describe(`${what}; null when the team or PDU is not in that week's export`);

/** One team's or PDU's figures in one week. */
export const groupPointSchema = z
  .object({
    as_of: day.describe("The week's as-of date"),
    cases: figure('Cases'),
    lost: figure('Lost cases'),
    overdue: figure('Overdue cases'),
    capacity_pct: z.number().nullable().describe("Points over the capacity of its officers in post, one decimal; null without a capacity or when not in that week's export"),
  })
  .describe("One team's or PDU's figures in one week");
export type GroupPoint = z.output<typeof groupPointSchema>;

/** A case lost in the latest export, as that export shows it. */
export const lostCaseShape = {
  crn: z.string().describe('Case reference number'),
  name: z.string().nullable().describe('Name of the person on probation; null when not recorded or with --redact'),
  officer_id: z.string().nullable().describe('Responsible officer; null when unallocated'),
  team: z.string().nullable().describe("The case's team"),
  pdu: z.string().nullable().describe("The case's PDU"),
  risk: z.enum(RISKS).nullable().describe('Risk of serious harm; null when empty or unreadable'),
  flags: z.array(z.enum(CASE_FLAGS).describe('A case flag')).describe('Flags set on the case in the latest export, sorted'),
  priority: z.number().int().describe('Priority in the latest export (1 is the most urgent case)'),
};
export type LostCase = z.output<z.ZodObject<typeof lostCaseShape>>;

/** What one export contributes to the trend: the figures, and its lost cases. */
export interface WeekSummary {
  as_of: string;
  cases: number;
  lost: number;
  overdue: number;
  flags: Record<CaseFlag, number>;
  over_capacity: number;
  issues: number;
  teams: GroupResult[];
  pdus: GroupResult[];
  /** Every lost crn (sorted), to follow streaks across the weeks. */
  lost_crns: string[];
  /** The lost cases in full: kept for the latest export only (null for the others). */
  lost_cases: LostCase[] | null;
}

const caseFlagCounts = z
  .object(Object.fromEntries(CASE_FLAGS.map((code) => [code, z.number().int().min(0).describe(`Cases flagged ${code}`)])) as Record<CaseFlag, z.ZodNumber>)
  .describe('Cases per flag');

export const weekPointSchema = z
  .object({
    as_of: day.describe("The export's as-of date"),
    cases: z.number().int().min(0).describe('Cases analysed'),
    lost: z.number().int().min(0).describe('Lost cases'),
    overdue: z.number().int().min(0).describe('Overdue cases'),
    newly_lost: z.number().int().min(0).nullable().describe('Lost now and not in the previous export; null for the first'),
    still_lost: z.number().int().min(0).nullable().describe('Lost in both this and the previous export; null for the first'),
    resolved: z.number().int().min(0).nullable().describe('Lost in the previous export and not lost now, or no longer in the export; null for the first'),
    flags: caseFlagCounts,
    over_capacity: z.number().int().min(0).describe('Officers over capacity'),
    issues: z.number().int().min(0).describe('Data issues'),
  })
  .describe("The region's figures in one export");
export type WeekPoint = z.output<typeof weekPointSchema>;

export const seriesSchema = z
  .object({
    name: z.string().nullable().describe('Team or PDU name; null for officers with none recorded'),
    points: z.array(groupPointSchema).describe('One point per export, in date order'),
  })
  .describe("One team's or PDU's figures over the weeks");
export type Series = z.output<typeof seriesSchema>;

export const persistentShape = {
  ...lostCaseShape,
  weeks_lost: z.number().int().min(1).describe('Consecutive exports, up to and including the latest, in which the case was lost'),
  lost_since: day.describe('as_of of the first of them'),
};
export const persistentCaseSchema = z.object(persistentShape).describe('A case lost in the latest export, and for how long');
export type PersistentCase = z.output<typeof persistentCaseSchema>;

export interface TrendReport {
  weeks: WeekPoint[];
  teams: Series[];
  pdus: Series[];
  persistent: PersistentCase[];
}

function lostCaseOf(result: CaseResult): LostCase {
  return {
    crn: result.crn,
    name: result.name,
    officer_id: result.officer_id,
    team: result.team,
    pdu: result.pdu,
    risk: result.risk,
    flags: result.flags,
    priority: result.priority,
  };
}

/** What summariseExport keeps of each case: the fields the officer tallies and the rollups read. */
type SlimResult = Pick<CaseResult, 'team' | 'pdu' | 'lost' | 'overdue' | 'reset' | 'flags'>;

/**
 * The summary of one export (`keepCases` for the latest, whose lost cases are listed): the
 * figures analyse(exports, options) would report, without the Report: each case is analysed
 * by the report's own rules (analyseCase) and kept only as the few fields the officer tallies and
 * rollups read (shared between cases with the same values), and a lost case's crn (its whole
 * result for the latest export). A national export's report holds every case's 30-odd fields,
 * some 100 MB; `trend` analyses two exports at once, and keeps a few MB of each besides the
 * read records. test/analyse/trend.test.ts holds it equal to the same figures read off the Report.
 */
export function summariseExport(exports: Exports, options: AnalyseOptions, keepCases: boolean): WeekSummary {
  const { asOf, config } = options;
  const context = caseContext(exports, options);
  const { skipped, unallocatedPattern } = context;

  const flags = Object.fromEntries(CASE_FLAGS.map((code) => [code, 0])) as Record<CaseFlag, number>;
  // Each case's few fields, shared by every case with the same values: a few thousand objects
  // rather than one a case. By team, then PDU (either may be null), then the flag list (cases
  // with the same flags share one list, so the list itself is the key: no text made a case),
  // then lost, overdue and reset as a number from 0 to 7.
  const slimResults = new Map<string | null, Map<string | null, Map<readonly CaseFlag[], SlimResult[]>>>();
  const slimOf = (result: CaseResult): SlimResult => {
    let byPdu = slimResults.get(result.team);
    if (byPdu === undefined) slimResults.set(result.team, (byPdu = new Map()));
    let byFlags = byPdu.get(result.pdu);
    if (byFlags === undefined) byPdu.set(result.pdu, (byFlags = new Map()));
    let byState = byFlags.get(result.flags);
    if (byState === undefined) byFlags.set(result.flags, (byState = []));
    const state = (result.lost ? 4 : 0) + (result.overdue ? 2 : 0) + (result.reset ? 1 : 0);
    let shared = byState[state];
    if (shared === undefined) {
      shared = { team: result.team, pdu: result.pdu, lost: result.lost, overdue: result.overdue, reset: result.reset, flags: result.flags };
      byState[state] = shared;
    }
    return shared;
  };
  let overdue = 0;
  const analysed: CaseRecord[] = [];
  const slim: SlimResult[] = [];
  const lostCrns: string[] = [];
  const lostResults: CaseResult[] = [];
  exports.cases.forEach((record, position) => {
    if (record.status === 'terminated') return;
    const result = analyseCase(record, context, position);
    analysed.push(record);
    slim.push(slimOf(result));
    for (const code of result.flags) flags[code]++;
    if (result.overdue) overdue++;
    if (result.lost) {
      lostCrns.push(result.crn);
      if (keepCases) lostResults.push(result);
    }
  });
  const { officers } = analyseOfficers(exports.officers, analysed, slim, { asOf, config, skipped, unallocatedPattern });
  // In analyse()'s order: the rollups add officers' points up in it.
  officers.sort(compareOfficers(options.sort ?? 'capacity'));
  // Lost cases rank before every other case (SPEC 2.1), so their ranks among themselves are their priorities.
  rankCases(lostResults);

  return {
    as_of: formatDay(asOf),
    cases: slim.length,
    lost: lostCrns.length,
    overdue,
    flags,
    over_capacity: officers.filter((officer) => officer.flags.includes('over_capacity')).length,
    issues: exports.issues.length,
    teams: rollUp(officers, slim, 'team'),
    pdus: rollUp(officers, slim, 'pdu'),
    lost_crns: lostCrns.sort(compareText),
    lost_cases: keepCases ? lostResults.map(lostCaseOf) : null,
  };
}

/** Every team (or PDU) of any week, each with a point for every week, by name (no team last). */
function seriesOf(weeks: readonly WeekSummary[], level: 'teams' | 'pdus'): Series[] {
  const names = new Set<string | null>();
  for (const week of weeks) for (const group of week[level]) names.add(group.name);
  return [...names]
    .sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compareText(a, b)))
    .map((name) => ({
      name,
      points: weeks.map((week) => {
        const group = week[level].find((candidate) => candidate.name === name);
        return {
          as_of: week.as_of,
          cases: group?.cases ?? null,
          lost: group?.lost ?? null,
          overdue: group?.overdue ?? null,
          capacity_pct: group?.capacity_pct ?? null,
        };
      }),
    }));
}

/**
 * The trend over `weeks`, in any order (they are put in date order). The latest week must carry
 * its lost cases (summariseExport with keepCases).
 */
export function buildTrend(weeks: readonly WeekSummary[]): TrendReport {
  const ordered = [...weeks].sort((a, b) => compareText(a.as_of, b.as_of));
  const lostSets = ordered.map((week) => new Set(week.lost_crns));
  const points: WeekPoint[] = ordered.map((week, at) => {
    const previous = at === 0 ? null : lostSets[at - 1]!;
    const current = lostSets[at]!;
    const still = previous === null ? null : week.lost_crns.filter((crn) => previous.has(crn)).length;
    return {
      as_of: week.as_of,
      cases: week.cases,
      lost: week.lost,
      overdue: week.overdue,
      newly_lost: previous === null ? null : week.lost - still!,
      still_lost: still,
      resolved: previous === null ? null : [...previous].filter((crn) => !current.has(crn)).length,
      flags: week.flags,
      over_capacity: week.over_capacity,
      issues: week.issues,
    };
  });

  const latest = ordered.at(-1);
  const persistent: PersistentCase[] = (latest?.lost_cases ?? []).map((lost) => {
    // Count back from the latest export while the case stays lost; a week not lost ends the streak.
    let first = ordered.length - 1;
    while (first > 0 && lostSets[first - 1]!.has(lost.crn)) first--;
    return { ...lost, weeks_lost: ordered.length - first, lost_since: ordered[first]!.as_of };
  });
  persistent.sort((a, b) => b.weeks_lost - a.weeks_lost || a.priority - b.priority);

  return { weeks: points, teams: seriesOf(ordered, 'teams'), pdus: seriesOf(ordered, 'pdus'), persistent };
}

