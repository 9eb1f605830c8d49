/**
 * `caseload trend` (SPEC 3.2): weekly series over dated exports, and how long each case lost in
 * the latest export has been lost. Pure, and built from per-week summaries rather than whole
 * reports, so a run over many national exports holds a few counts and each week's lost crns.
 */
import { compareText } from './compare.js';
import { type CaseFlag, type CaseResult, type GroupResult, type Report } from './report.js';

/** One team's or PDU's figures in one week. */
export interface GroupPoint {
  as_of: string;
  /** null: the team or PDU is not in that week's export. */
  cases: number | null;
  lost: number | null;
  overdue: number | null;
  capacity_pct: number | null;
}

/** A case lost in the latest export, as that export shows it. */
export interface LostCase {
  crn: string;
  name: string | null;
  officer_id: string | null;
  team: string | null;
  pdu: string | null;
  risk: CaseResult['risk'];
  flags: CaseFlag[];
  priority: number;
}

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

export interface WeekPoint {
  as_of: string;
  cases: number;
  lost: number;
  overdue: number;
  /** Lost now and not in the previous export (null for the first). */
  newly_lost: number | null;
  /** Lost in both this and the previous export (null for the first). */
  still_lost: number | null;
  /** Lost in the previous export and not lost now, or no longer in the export (null for the first). */
  resolved: number | null;
  flags: Record<CaseFlag, number>;
  over_capacity: number;
  issues: number;
}

export interface Series {
  name: string | null;
  points: GroupPoint[];
}

export interface PersistentCase extends LostCase {
  /** Consecutive exports, up to and including the latest, in which the case was lost. */
  weeks_lost: number;
  /** as_of of the first of them. */
  lost_since: string;
}

export interface TrendReport {
  weeks: WeekPoint[];
  teams: Series[];
  pdus: Series[];
  persistent: PersistentCase[];
}

/** The summary of one analysed export; `keepCases` for the latest, whose lost cases are listed. */
export function summariseWeek(report: Report, keepCases: boolean): WeekSummary {
  const lost = report.cases.filter((result) => result.lost);
  return {
    as_of: report.as_of,
    cases: report.summary.cases,
    lost: report.summary.lost,
    overdue: report.summary.overdue,
    flags: { ...report.summary.flags },
    over_capacity: report.summary.officer_flags.over_capacity,
    issues: report.summary.issues,
    teams: report.teams,
    pdus: report.pdus,
    lost_crns: lost.map((result) => result.crn).sort(compareText),
    lost_cases: keepCases
      ? lost.map((result) => ({
          crn: result.crn,
          name: result.name,
          officer_id: result.officer_id,
          team: result.team,
          pdu: result.pdu,
          risk: result.risk,
          flags: result.flags,
          priority: result.priority,
        }))
      : null,
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
 * its lost cases (summariseWeek(report, true)).
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

