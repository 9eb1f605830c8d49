/**
 * `caseload trend` in every format. The trend is not one export's report, so it has its own
 * view; it is drawn with the same pieces as every other view (sections, columns, the table and
 * markdown document writers, the JSON writer and CSV fields).
 */
import type { ChalkInstance } from 'chalk';
import type { TrendDocument } from './schemas.js';
import type { GroupPoint, PersistentCase, Series, TrendReport, WeekPoint } from '../analyse/trend.js';
import type { Config } from '../config/schema.js';
import { parseDate } from '../read/values.js';
import { col, num, oneDecimal, type Column } from './columns.js';
import { csvField } from './csv.js';
import type { Format } from './formats.js';
import { writeJson } from './json.js';
import { writeMarkdownDocument } from './markdown.js';
import type { Output } from './output.js';
import { section, TABLE_ROWS, type Section } from './sections.js';
import { writeTableDocument } from './table.js';
import { SCHEMA_VERSION } from '../analyse/report.js';

export interface TrendView {
  readonly trend: TrendReport;
  readonly config: Config;
  /** Each export's folder and as-of date, in date order. */
  readonly exports: readonly { path: string; as_of: string }[];
  /** --limit: persistent cases shown (tables default to TABLE_ROWS.list; other formats to all). */
  readonly limit: number | null;
  readonly source: string;
}

/** `--redact`: the persistent cases without names. */
export function redactTrend(trend: TrendReport): TrendReport {
  return { ...trend, persistent: trend.persistent.map((lost) => ({ ...lost, name: null })) };
}

const SPARKS = '▁▂▃▄▅▆▇█';

/**
 * Values as a sparkline, from ▁ (0) to █ (the series' largest); a week with no figure (the team
 * not in that export) is a space. Scaled per series: it shows the shape, the numbers beside it the size.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const max = Math.max(0, ...values.map((value) => value ?? 0));
  return values
    .map((value) => (value === null ? ' ' : SPARKS[max === 0 ? 0 : Math.round((value / max) * (SPARKS.length - 1))]))
    .join('');
}

const WEEK_COLUMNS: readonly Column<WeekPoint>[] = [
  col('as_of', 'As of', (row) => row.as_of),
  num('cases', 'Cases', (row) => row.cases),
  num('lost', 'Lost', (row) => row.lost),
  num('newly_lost', 'Newly lost', (row) => row.newly_lost),
  num('still_lost', 'Still lost', (row) => row.still_lost, false),
  num('resolved', 'Resolved', (row) => row.resolved),
  num('overdue', 'Overdue', (row) => row.overdue),
  num('over_capacity', 'Over capacity', (row) => row.over_capacity),
  num('issues', 'Data issues', (row) => row.issues, false),
];

const first = (series: Series): GroupPoint => series.points[0]!;
const latest = (series: Series): GroupPoint => series.points.at(-1)!;

const SERIES_COLUMNS: readonly Column<Series>[] = [
  col('name', 'Name', (row) => row.name ?? '(none)'),
  col('lost_trend', 'Lost over the weeks', (row) => sparkline(row.points.map((point) => point.lost))),
  num('first_lost', 'First', (row) => first(row).lost),
  num('lost', 'Latest', (row) => latest(row).lost),
  num('cases', 'Cases', (row) => latest(row).cases),
  num('overdue', 'Overdue', (row) => latest(row).overdue),
  oneDecimal('capacity_pct', 'Capacity %', (row) => latest(row).capacity_pct),
];

const PERSISTENT_COLUMNS: readonly Column<PersistentCase>[] = [
  num('weeks_lost', 'Weeks lost', (row) => row.weeks_lost),
  col('lost_since', 'Since', (row) => row.lost_since),
  col('crn', 'CRN', (row) => row.crn),
  col('name', 'Name', (row) => row.name),
  col('risk', 'Risk', (row) => row.risk),
  col('officer_id', 'Officer', (row) => row.officer_id),
  col('team', 'Team', (row) => row.team),
  col('pdu', 'PDU', (row) => row.pdu, false),
  num('priority', 'Priority', (row) => row.priority, false),
  col('flags', 'Flags', (row) => row.flags.join(' ')),
];

/** One point of a series, as CSV writes it (and NDJSON, with `type` for `level`). */
interface PointRow {
  level: 'region' | 'team' | 'pdu';
  name: string | null;
  as_of: string;
  cases: number | null;
  lost: number | null;
  overdue: number | null;
  capacity_pct: number | null;
  newly_lost: number | null;
  still_lost: number | null;
  resolved: number | null;
  over_capacity: number | null;
}

const POINT_COLUMNS: readonly Column<PointRow>[] = [
  col('level', 'Level', (row) => row.level),
  col('name', 'Name', (row) => row.name),
  col('as_of', 'As of', (row) => row.as_of),
  num('cases', 'Cases', (row) => row.cases),
  num('lost', 'Lost', (row) => row.lost),
  num('overdue', 'Overdue', (row) => row.overdue),
  num('capacity_pct', 'Capacity %', (row) => row.capacity_pct),
  num('newly_lost', 'Newly lost', (row) => row.newly_lost),
  num('still_lost', 'Still lost', (row) => row.still_lost),
  num('resolved', 'Resolved', (row) => row.resolved),
  num('over_capacity', 'Over capacity', (row) => row.over_capacity),
];

/** Every point of every series, region first, then teams, then PDUs: CSV's rows. */
function pointRows(trend: TrendReport): PointRow[] {
  const weeks = trend.weeks.map((week): PointRow => ({
    level: 'region',
    name: null,
    as_of: week.as_of,
    cases: week.cases,
    lost: week.lost,
    overdue: week.overdue,
    capacity_pct: null,
    newly_lost: week.newly_lost,
    still_lost: week.still_lost,
    resolved: week.resolved,
    over_capacity: week.over_capacity,
  }));
  const groups = (level: 'team' | 'pdu', series: readonly Series[]): PointRow[] =>
    series.flatMap((entry) =>
      entry.points.map((point) => ({ level, name: entry.name, ...point, newly_lost: null, still_lost: null, resolved: null, over_capacity: null })),
    );
  return [...weeks, ...groups('team', trend.teams), ...groups('pdu', trend.pdus)];
}

const number = (value: number): string => value.toLocaleString('en-GB');
const plural = (count: number, word: string): string => `${number(count)} ${word}${count === 1 ? '' : 's'}`;
const WEEK_DAYS = 7;

/** The summary lines: the span, the lost count then and now, the longest streaks, any gaps. */
export function trendFacts(view: TrendView): [string, string][] {
  const { weeks, persistent } = view.trend;
  const firstWeek = weeks[0]!;
  const lastWeek = weeks.at(-1)!;
  const facts: [string, string][] = [
    ['Exports', `${plural(weeks.length, 'export')}, ${firstWeek.as_of} to ${lastWeek.as_of}`],
    [
      'Lost',
      `${number(lastWeek.lost)} in the latest export (${number(firstWeek.lost)} on ${firstWeek.as_of})` +
        (weeks.length > 1 ? `; since ${weeks.at(-2)!.as_of}: ${number(lastWeek.newly_lost!)} newly lost, ${number(lastWeek.resolved!)} resolved` : ''),
    ],
  ];
  const repeated = persistent.filter((lost) => lost.weeks_lost > 1);
  const longest = persistent[0];
  facts.push([
    'Persistent',
    repeated.length === 0
      ? 'no case lost in more than the latest export'
      : `${number(repeated.length)} lost in 2 or more consecutive exports; longest ${longest!.weeks_lost} (since ${longest!.lost_since})`,
  ]);
  const gaps: string[] = [];
  for (let at = 1; at < weeks.length; at++) {
    const days = (parseDate(weeks[at]!.as_of) as number) - (parseDate(weeks[at - 1]!.as_of) as number);
    if (days > WEEK_DAYS) gaps.push(`${weeks[at - 1]!.as_of} to ${weeks[at]!.as_of} (${days} days)`);
  }
  // Streaks count exports, not weeks: a missing week must not pass unnoticed.
  if (gaps.length > 0) facts.push(['Gaps', `more than a week between exports: ${gaps.join(', ')}`]);
  const issues = weeks.filter((week) => week.issues > 0);
  if (issues.length > 0) {
    facts.push(['Data issues', `${issues.map((week) => `${week.as_of} ${number(week.issues)}`).join(', ')} (caseload validate DIR lists them)`]);
  }
  return facts;
}

export function trendSections(view: TrendView): Section[] {
  const { trend } = view;
  const shown = trend.persistent.slice(0, view.limit ?? TABLE_ROWS.list);
  return [
    section('Weeks', WEEK_COLUMNS, trend.weeks, trend.weeks.length, 'No exports.'),
    section('Teams: lost cases over the weeks', SERIES_COLUMNS, trend.teams, trend.teams.length, 'No teams.'),
    section('PDUs: lost cases over the weeks', SERIES_COLUMNS, trend.pdus, trend.pdus.length, 'No PDUs.'),
    section('Lost in the latest export, longest lost first', PERSISTENT_COLUMNS, shown, trend.persistent.length, 'No lost cases.'),
  ];
}

const heading = (view: TrendView): string => `Trend: ${view.source}`;

export function trendDocument(view: TrendView): TrendDocument {
  const { trend } = view;
  return {
    schema_version: SCHEMA_VERSION,
    as_of: trend.weeks.at(-1)!.as_of,
    config: view.config,
    exports: [...view.exports],
    weeks: trend.weeks,
    teams: trend.teams,
    pdus: trend.pdus,
    persistent: view.limit === null ? trend.persistent : trend.persistent.slice(0, view.limit),
  };
}

/**
 * NDJSON: one object per line, each tagged with `type`: `week` (the region's figures for one
 * export), `team` and `pdu` (one point of a series: name, as_of and the figures), then
 * `persistent` (one case lost in the latest export, with weeks_lost and lost_since).
 */
function writeNdjson(view: TrendView, out: Output): void {
  const { trend } = view;
  for (const week of trend.weeks) out.write(`${JSON.stringify({ type: 'week', ...week })}\n`);
  for (const [type, series] of [['team', trend.teams], ['pdu', trend.pdus]] as const) {
    for (const entry of series) for (const point of entry.points) out.write(`${JSON.stringify({ type, name: entry.name, ...point })}\n`);
  }
  const persistent = view.limit === null ? trend.persistent : trend.persistent.slice(0, view.limit);
  for (const lost of persistent) out.write(`${JSON.stringify({ type: 'persistent', ...lost })}\n`);
}

function writeCsv(view: TrendView, out: Output): void {
  out.write(`${POINT_COLUMNS.map((column) => column.key).join(',')}\n`);
  for (const row of pointRows(view.trend)) out.write(`${POINT_COLUMNS.map((column) => csvField(column.value(row))).join(',')}\n`);
}

export type TrendFormat = Exclude<Format, 'email'>;

/** One page: the facts, the series as charts, and every table. */
async function writeHtml(view: TrendView, out: Output): Promise<void> {
  const [{ writeFacts, writeFigures, writeHtmlPage, writePlainSection }, { trendFigures }] = await Promise.all([import('./html.js'), import('./html/figures.js')]);
  const asOf = view.trend.weeks.at(-1)?.as_of ?? '';
  await writeHtmlPage({ heading: heading(view), source: view.source, asOf }, out, async (main) => {
    writeFacts(trendFacts(view), 'Summary', 'summary', main);
    await writeFigures(trendFigures(view.trend), main);
    // A page is not a screen: every persistent case unless --limit.
    trendSections({ ...view, limit: view.limit ?? Number.POSITIVE_INFINITY }).forEach((section, at) => writePlainSection(section, `table-${at + 1}`, main));
  });
}

export function renderTrend(format: TrendFormat, view: TrendView, out: Output, chalk: ChalkInstance): void | Promise<void> {
  switch (format) {
    case 'html':
      return writeHtml(view, out);
    case 'table':
      return writeTableDocument(heading(view), trendFacts(view), trendSections(view), out, chalk);
    case 'markdown':
      return writeMarkdownDocument(heading(view), trendFacts(view), trendSections(view), out);
    case 'json':
      return writeJson(trendDocument(view), out);
    case 'ndjson':
      return writeNdjson(view, out);
    case 'csv':
      return writeCsv(view, out);
  }
}
