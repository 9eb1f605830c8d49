/**
 * The charts of each view's HTML page, as data: a Vega-Lite spec, a caption and a table that
 * says the same in text. Pure: nothing here loads the charting library (charts.ts draws them).
 *
 * A view plugs its charts in by adding one entry to FIGURES: a function from its View to its
 * figures. The tables of a view come from sectionsFor (shared with table and markdown).
 */
import type { TopLevelSpec } from 'vega-lite';
import { LOST_FLAGS } from '../../analyse/report.js';
import type { TrendReport, WeekPoint } from '../../analyse/trend.js';
import { PEER_RATES, type PeerRate } from '../../analyse/peers.js';
import type { Column } from '../columns.js';
import type { Section } from '../sections.js';
import { plainText } from '../text.js';
import type { View, ViewKind } from '../view.js';

/** One chart and its equivalent in words and numbers. */
export interface Figure {
  /** The figure's id in the page (`capacity`): tests and links find it by this. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows, in a sentence or two: the figcaption, read by a screen reader too. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
  /** The chart's data as a table, shown beside it. */
  readonly table: Section;
}

const number = (value: number): string => value.toLocaleString('en-GB');
const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);
const NO_TEAM = '(no team)';
/** A team as a chart shows it: control characters out (Vega escapes markup, not those). */
const teamLabel = (team: string | null): string => (team === null ? NO_TEAM : plainText(team));

const column = <Row>(key: string, heading: string, value: (row: Row) => string | number | null, numeric = false, decimals?: number): Column<Row> => ({
  key,
  heading,
  value,
  brief: true,
  numeric,
  ...(decimals === undefined ? {} : { decimals }),
});

const table = <Row>(title: string, columns: readonly Column<Row>[], rows: readonly Row[], empty: string): Section =>
  ({ title, columns, rows, total: rows.length, empty }) as Section;

/** Shared look: transparent background and no frame, so the page's light or dark theme shows through. */
const BASE = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'transparent' } as const;

interface TeamCapacity {
  readonly team: string;
  readonly officers: number;
  readonly over: number;
  readonly highest: number;
}

/** Every officer with a capacity as a dot on their team's row, against a rule at 100%. */
function capacityFigure(view: View): Figure {
  const drawn = view.officers.filter((officer) => officer.capacity_pct !== null);
  const points = drawn.map((officer) => ({ officer: plainText(officer.officer_id), team: teamLabel(officer.team), capacity: officer.capacity_pct! }));
  const byTeam = new Map<string, TeamCapacity>();
  for (const point of points) {
    const team = byTeam.get(point.team) ?? { team: point.team, officers: 0, over: 0, highest: 0 };
    byTeam.set(point.team, {
      team: point.team,
      officers: team.officers + 1,
      over: team.over + (point.capacity > 100 ? 1 : 0),
      highest: Math.max(team.highest, point.capacity),
    });
  }
  const teams = [...byTeam.values()].sort((a, b) => b.over - a.over || b.highest - a.highest || a.team.localeCompare(b.team));
  const rowOf = new Map(teams.map((team, at) => [team.team, at]));
  const over = points.filter((point) => point.capacity > 100).length;
  const undrawn = view.officers.length - drawn.length;
  const top = Math.max(120, ...points.map((point) => point.capacity));
  return {
    id: 'capacity',
    title: "Officers' capacity",
    caption:
      `${number(drawn.length)} officers, one dot each on their team's row; ${number(over)} right of the 100% line are over capacity.` +
      (undrawn > 0 ? ` ${number(undrawn)} with no capacity (no contracted hours, absent or left) are not drawn.` : ''),
    spec: {
      ...BASE,
      width: 560,
      height: { step: 16 },
      // Rows in the table's order, by a number: values from the export never go into a Vega expression.
      data: { values: points.map((point) => ({ ...point, row: rowOf.get(point.team)! })) },
      layer: [
        {
          mark: { type: 'point', filled: true, size: 40, opacity: 0.8 },
          encoding: {
            x: { field: 'capacity', type: 'quantitative', title: 'Capacity used (%)', scale: { domain: [0, top] } },
            y: { field: 'team', type: 'nominal', title: null, sort: { field: 'row', op: 'min' } },
            // The team is also the row: the axis is the legend.
            color: { field: 'team', type: 'nominal', legend: null },
            description: { field: 'officer' },
          },
        },
        { data: { values: [{}] }, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 2, aria: false }, encoding: { x: { datum: 100 }, color: { value: '#d62728' } } },
      ],
    },
    table: table(
      'Capacity by team',
      [
        column<TeamCapacity>('team', 'Team', (row) => row.team),
        column<TeamCapacity>('officers', 'Officers', (row) => row.officers, true),
        column<TeamCapacity>('over_capacity', 'Over 100%', (row) => row.over, true),
        column<TeamCapacity>('highest_pct', 'Highest %', (row) => row.highest, true, 1),
      ],
      teams,
      'No officer has a capacity.',
    ),
  };
}

interface ReasonCount {
  readonly reason: string;
  readonly cases: number;
}

/** The view's lost cases counted by each lost flag they carry (a case may carry more than one). */
function lostFigure(view: View): Figure {
  const counts = LOST_FLAGS.map((reason) => ({ reason, cases: view.selectedCases.filter((result) => result.flags.includes(reason)).length })).filter(
    (count) => count.cases > 0,
  );
  const lost = view.selectedCases.filter((result) => result.lost).length;
  return {
    id: 'lost',
    title: 'Lost cases by reason',
    caption: `${number(lost)} lost cases, by the reason they are lost; a case lost for two reasons is counted under both.`,
    spec: {
      ...BASE,
      width: 560,
      height: { step: 22 },
      data: { values: counts },
      mark: { type: 'bar', color: '#d62728' },
      encoding: {
        y: { field: 'reason', type: 'nominal', title: null, sort: '-x' },
        x: { field: 'cases', type: 'quantitative', title: 'Cases' },
        description: { field: 'cases' },
      },
    },
    table: table(
      'Lost cases by reason',
      [column<ReasonCount>('reason', 'Reason', (row) => row.reason), column<ReasonCount>('cases', 'Cases', (row) => row.cases, true)],
      [...counts].sort((a, b) => b.cases - a.cases),
      'No lost cases.',
    ),
  };
}

interface TeamRates {
  readonly team: string;
  readonly cases: number;
  readonly lost: number;
  readonly lostPct: number;
  readonly overdue: number;
  readonly overduePct: number;
}

/** Each team's lost and overdue cases as a share of its cases, two bars a team. */
function teamRatesFigure(view: View): Figure {
  const teams: TeamRates[] = view.teams
    .filter((team) => team.cases > 0)
    .map((team) => ({
      team: teamLabel(team.name),
      cases: team.cases,
      lost: team.lost,
      lostPct: percent(team.lost, team.cases),
      overdue: team.overdue,
      overduePct: percent(team.overdue, team.cases),
    }))
    .sort((a, b) => b.lostPct - a.lostPct || b.overduePct - a.overduePct || a.team.localeCompare(b.team));
  // Rows in the table's order, by a number: values from the export never go into a Vega expression.
  const bars = teams.flatMap((team, row) => [
    { team: team.team, row, measure: 'lost', rate: team.lostPct },
    { team: team.team, row, measure: 'overdue', rate: team.overduePct },
  ]);
  return {
    id: 'team-rates',
    title: "Teams' lost and overdue rates",
    caption: `Lost and overdue cases as a share of each team's cases, ${number(teams.length)} teams, highest lost rate first.`,
    spec: {
      ...BASE,
      width: 560,
      height: { step: 12 },
      data: { values: bars },
      mark: 'bar',
      encoding: {
        y: { field: 'team', type: 'nominal', title: null, sort: { field: 'row', op: 'min' } },
        yOffset: { field: 'measure', type: 'nominal' },
        x: { field: 'rate', type: 'quantitative', title: "Share of the team's cases (%)" },
        color: { field: 'measure', type: 'nominal', title: null, scale: { domain: ['lost', 'overdue'], range: ['#d62728', '#ff7f0e'] }, legend: { orient: 'top' } },
        description: { field: 'rate' },
      },
    },
    table: table(
      "Teams' lost and overdue rates",
      [
        column<TeamRates>('team', 'Team', (row) => row.team),
        column<TeamRates>('cases', 'Cases', (row) => row.cases, true),
        column<TeamRates>('lost', 'Lost', (row) => row.lost, true),
        column<TeamRates>('lost_pct', 'Lost %', (row) => row.lostPct, true, 1),
        column<TeamRates>('overdue', 'Overdue', (row) => row.overdue, true),
        column<TeamRates>('overdue_pct', 'Overdue %', (row) => row.overduePct, true, 1),
      ],
      teams,
      'No team has cases.',
    ),
  };
}

interface PeerPoint {
  readonly officer: string;
  readonly panel: string;
  readonly rate: number;
  readonly status: string;
}

interface PeerTarget {
  readonly panel: string;
  readonly group: string;
  readonly rate: PeerRate;
  readonly target: number;
  readonly iqr: number;
  readonly officers: number;
  readonly far: number;
}

const RATE_TITLES: Record<PeerRate, string> = { overdue: 'overdue', lost: 'lost', assessment_overdue: 'assessment overdue' };
const toPercent = (fraction: number): number => Math.round(fraction * 1000) / 10;

/**
 * Officers' rates against their peer group's target (SPEC 2.2): a row per group and rate, every
 * officer compared a dot coloured by status, the target a tick. Only when someone was compared.
 */
function peersFigure(view: View): Figure[] {
  const groups = view.report.peer_groups;
  if (groups.length === 0) return [];
  const panelOf = (group: string, rate: PeerRate): string => `${group}: ${RATE_TITLES[rate]}`;
  const points: PeerPoint[] = view.officers.flatMap((officer) =>
    PEER_RATES.filter((rate) => officer.rates[rate] !== null && officer.outliers[rate] !== null && officer.peer_group !== null).map((rate) => ({
      officer: officer.officer_id,
      panel: panelOf(officer.peer_group!, rate),
      rate: toPercent(officer.rates[rate]!),
      status: officer.outliers[rate]!,
    })),
  );
  const targets: PeerTarget[] = groups.map((group) => ({
    panel: panelOf(group.group, group.rate),
    group: group.group,
    rate: group.rate,
    target: toPercent(group.target),
    iqr: toPercent(group.iqr),
    officers: group.officers,
    far: group.far,
  }));
  const panels = targets.map((target) => target.panel);
  const y = { field: 'panel', type: 'nominal', title: null, sort: panels } as const;
  return [
    {
      id: 'peers',
      title: "Officers' rates against their peers",
      caption:
        `Each officer compared with their peer group (by ${view.report.config.outliers.group_by}): their rate as a dot, coloured met, near or far, ` +
        `and the group's pooled target as a black tick; ${number(targets.length)} group rates, ${number(points.length)} officer rates.`,
      spec: {
        ...BASE,
        width: 560,
        height: { step: 22 },
        layer: [
          {
            data: { values: points },
            mark: { type: 'point', filled: true, size: 40 },
            encoding: {
              y,
              x: { field: 'rate', type: 'quantitative', title: 'Rate (%)' },
              color: { field: 'status', type: 'nominal', title: null, scale: { domain: ['met', 'near', 'far'], range: ['#2ca02c', '#ff7f0e', '#d62728'] }, legend: { orient: 'top' } },
              description: { field: 'officer' },
            },
          },
          {
            data: { values: targets },
            mark: { type: 'tick', color: 'currentColor', thickness: 2 },
            encoding: { y, x: { field: 'target', type: 'quantitative' }, description: { field: 'target' } },
          },
        ],
      } as TopLevelSpec,
      table: table(
        "Peer groups' targets",
        [
          column<PeerTarget>('group', 'Peer group', (row) => row.group),
          column<PeerTarget>('rate', 'Rate', (row) => RATE_TITLES[row.rate]),
          column<PeerTarget>('officers', 'Officers', (row) => row.officers, true),
          column<PeerTarget>('target', 'Target %', (row) => row.target, true, 1),
          column<PeerTarget>('iqr', 'IQR %', (row) => row.iqr, true, 1),
          column<PeerTarget>('far', 'Far', (row) => row.far, true),
        ],
        targets,
        'Nobody was compared.',
      ),
    },
  ];
}

/**
 * The charts of each view, in page order. A new view (due, plan, trend) adds its line here;
 * a view with none gets a page of its summary and tables.
 */
export const FIGURES: Partial<Record<ViewKind, (view: View) => Figure[]>> = {
  report: (view) => [capacityFigure(view), lostFigure(view), teamRatesFigure(view), ...peersFigure(view)],
  officers: (view) => [capacityFigure(view), ...peersFigure(view)],
  teams: (view) => [teamRatesFigure(view)],
  cases: (view) => [lostFigure(view)],
};

export function figuresFor(view: View): Figure[] {
  return FIGURES[view.kind]?.(view) ?? [];
}

interface TeamWeek {
  readonly team: string;
  readonly as_of: string;
  readonly lost: number;
}

/**
 * `trend`'s charts: the region's lost and overdue cases over the exports, and each team's lost
 * cases as a line of its own.
 */
export function trendFigures(trend: TrendReport): Figure[] {
  const region = trend.weeks.flatMap((week) => [
    { as_of: week.as_of, measure: 'lost', cases: week.lost },
    { as_of: week.as_of, measure: 'overdue', cases: week.overdue },
  ]);
  const teamWeeks: TeamWeek[] = trend.teams.flatMap((series) =>
    series.points.filter((point) => point.lost !== null).map((point) => ({ team: series.name ?? NO_TEAM, as_of: point.as_of, lost: point.lost! })),
  );
  const first = trend.weeks[0]?.as_of ?? '';
  const last = trend.weeks.at(-1)?.as_of ?? '';
  const time = { field: 'as_of', type: 'temporal', title: 'Export (as of)', axis: { format: '%d %b %Y' } } as const;
  return [
    {
      id: 'trend-region',
      title: 'Lost and overdue cases over the exports',
      caption: `The region's lost and overdue cases in each of ${number(trend.weeks.length)} exports, ${first} to ${last}.`,
      spec: {
        ...BASE,
        width: 560,
        height: 200,
        data: { values: region },
        mark: { type: 'line', point: true },
        encoding: {
          x: time,
          y: { field: 'cases', type: 'quantitative', title: 'Cases' },
          color: { field: 'measure', type: 'nominal', title: null, scale: { domain: ['lost', 'overdue'], range: ['#d62728', '#ff7f0e'] }, legend: { orient: 'top' } },
          description: { field: 'cases' },
        },
      },
      table: table(
        'Lost and overdue cases over the exports',
        [
          column<WeekPoint>('as_of', 'As of', (row) => row.as_of),
          column<WeekPoint>('cases', 'Cases', (row) => row.cases, true),
          column<WeekPoint>('lost', 'Lost', (row) => row.lost, true),
          column<WeekPoint>('overdue', 'Overdue', (row) => row.overdue, true),
        ],
        trend.weeks,
        'No exports.',
      ),
    },
    {
      id: 'trend-teams',
      title: "Each team's lost cases over the exports",
      caption: `Lost cases of each of ${number(trend.teams.length)} teams in each export; a team missing from an export has no point there.`,
      spec: {
        ...BASE,
        width: 560,
        height: 240,
        data: { values: teamWeeks },
        mark: { type: 'line', point: true },
        encoding: {
          x: time,
          y: { field: 'lost', type: 'quantitative', title: 'Lost cases' },
          color: { field: 'team', type: 'nominal', title: 'Team' },
          description: { field: 'lost' },
        },
      },
      table: table(
        "Each team's lost cases over the exports",
        [
          column<TeamWeek>('team', 'Team', (row) => row.team),
          column<TeamWeek>('as_of', 'As of', (row) => row.as_of),
          column<TeamWeek>('lost', 'Lost', (row) => row.lost, true),
        ],
        teamWeeks,
        'No teams.',
      ),
    },
  ];
}
