/** `--format table`: what a manager reads at a terminal; top rows only, coloured on a TTY. */
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { isLostFlag } from '../analyse/report.js';
import { displayText, type Column } from './columns.js';
import { headingFor, moreCount, sectionCount, sectionsFor, tableColumns, summaryFacts, type Section } from './sections.js';
import { plainText } from './text.js';
import type { Output } from './output.js';
import type { View } from './view.js';

/** Colour where it tells something: lost flags red, other flags yellow, over capacity red. */
function paint(column: Column<unknown>, text: string, chalk: ChalkInstance): string {
  if (column.key === 'flags' && text !== '') {
    return text
      .split(' ')
      .map((code) => (isLostFlag(code) || code === 'over_capacity' || code === 'span_exceeded' ? chalk.red(code) : chalk.yellow(code)))
      .join(' ');
  }
  if (column.key === 'capacity_pct' && Number(text) > 100) return chalk.red(text);
  return text;
}

export { tableWidth } from './formats.js';

/** Text columns are never narrowed below this (padding included): `abc…` still hints at the value. */
const NARROWEST = 6;

/** Columns that identify a row (a CRN, an officer code, a date): narrowed only after the free text. */
const IDENTIFIER_KEYS = new Set(['crn', 'officer_id', 'manager_id', 'last_contact', 'start_date', 'end_date', 'status_since', 'code', 'check']);

/** What a column is, for narrowing: 3 free text (names, teams, flags, messages), 2 an identifier, 1 a number. */
export function narrowingTier(column: Pick<Column<unknown>, 'key' | 'numeric'>): number {
  return column.numeric ? 1 : IDENTIFIER_KEYS.has(column.key) ? 2 : 3;
}

export interface FitColumn {
  /** Width the column needs, padding included. */
  readonly natural: number;
  /** Width it may narrow to: a number's cells are never cut, only its heading. */
  readonly minimum: number;
  readonly tier: number;
}

/** Free text keeps this much (padding included) until numbers' headings and identifiers have given way. */
const COMFORTABLE = 14;

/**
 * The order columns give way in: free text to a readable width, then numbers' headings, then
 * free text to the narrowest, then identifiers. Each step is a floor for every column.
 */
const NARROWING_STEPS: readonly ((column: FitColumn) => number)[] = [
  (column) => (column.tier === 3 ? Math.min(column.natural, COMFORTABLE) : column.natural),
  (column) => (column.tier === 3 ? Math.min(column.natural, COMFORTABLE) : column.tier === 1 ? column.minimum : column.natural),
  (column) => (column.tier === 2 ? column.natural : column.minimum),
  (column) => column.minimum,
];

/**
 * Column widths (padding included) that fit `width` with the table's borders, the widest column
 * above its floor giving way one character at a time, step by step (NARROWING_STEPS); null when
 * the table fits as it is. A table that cannot fit keeps the narrowest widths it can.
 */
export function fitWidths(columns: readonly FitColumn[], width: number): number[] | null {
  const widths = columns.map((column) => column.natural);
  const total = (): number => widths.reduce((sum, each) => sum + each, 0) + widths.length + 1;
  if (total() <= width) return null;
  for (const step of NARROWING_STEPS) {
    const floors = columns.map(step);
    while (total() > width) {
      let widest = -1;
      widths.forEach((each, at) => {
        if (each > floors[at]! && (widest < 0 || each > widths[widest]!)) widest = at;
      });
      if (widest < 0) break;
      widths[widest]!--;
    }
  }
  return widths;
}

/** Words onto lines of at most `width`, the lines after the first indented by `indent` spaces. */
export function wrapText(text: string, width: number | null, indent: number): string[] {
  if (width === null || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length > width && line.trim() !== '') {
      lines.push(line);
      line = `${' '.repeat(indent)}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

function writeSection(section: Section, redacted: boolean, out: Output, chalk: ChalkInstance, width: number | null): void {
  out.write(`\n${chalk.bold(section.title)}${chalk.dim(sectionCount(section))}\n`);
  if (section.rows.length === 0) {
    out.write(`${section.empty}\n`);
    return;
  }
  const columns = tableColumns(section, redacted);
  const cells = section.rows.map((row) => columns.map((column) => displayText(column, row)));
  const fitted =
    width === null
      ? null
      : fitWidths(
          columns.map((column, at) => {
            const content = Math.max(1, ...cells.map((line) => line[at]!.length)) + 2;
            const natural = Math.max(column.heading.length + 2, content);
            return { natural, minimum: column.numeric ? content : Math.min(natural, NARROWEST), tier: narrowingTier(column) };
          }),
          width,
        );
  const table = new Table({
    head: columns.map((column) => column.heading),
    colAligns: columns.map((column) => (column.numeric ? 'right' : 'left')),
    style: { head: chalk.level > 0 ? ['cyan'] : [], border: chalk.level > 0 ? ['grey'] : [] },
    // No rule between rows: twice the rows on a screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    // Narrowed columns cut their text with an ellipsis (cli-table3's truncate).
    ...(fitted === null ? {} : { colWidths: fitted }),
  });
  cells.forEach((line) => table.push(line.map((text, at) => paint(columns[at]!, text, chalk))));
  out.write(`${table.toString()}\n`);
  if (section.total > section.rows.length) {
    out.write(chalk.dim(`${moreCount(section)} (--limit N, or --format csv|json for all)\n`));
  }
}

/** The table view; `width` (tableWidth) is what every line must fit, null for none. */
export function renderTable(view: View, out: Output, chalk: ChalkInstance, width: number | null = null): void {
  writeTableDocument(headingFor(view), summaryFacts(view), sectionsFor(view), out, chalk, { width, redacted: view.redacted });
}

/** How a table document is laid out: the width to fit (null for none), and whether names were left out. */
export interface TableLayout {
  readonly width: number | null;
  readonly redacted: boolean;
}

/** A heading, the summary lines and the sections: every table a command prints (trend's too). */
export function writeTableDocument(
  heading: string,
  facts: readonly [string, string][],
  sections: readonly Section[],
  out: Output,
  chalk: ChalkInstance,
  { width, redacted }: TableLayout = { width: null, redacted: false },
): void {
  for (const line of wrapText(heading, width, 2)) out.write(`${chalk.bold(line)}\n`);
  const labelWidth = Math.max(0, ...facts.map(([label]) => label.length));
  for (const [label, text] of facts) {
    const lines = wrapText(`${label.padEnd(labelWidth)}  ${plainText(text)}`, width, labelWidth + 2);
    out.write(`${chalk.bold(lines[0]!.slice(0, labelWidth))}${lines[0]!.slice(labelWidth)}\n`);
    for (const line of lines.slice(1)) out.write(`${line}\n`);
  }
  for (const section of sections) writeSection(section, redacted, out, chalk, width);
}
