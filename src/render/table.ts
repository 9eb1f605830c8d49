/** `--format table`: what a manager reads at a terminal; top rows only, coloured on a TTY. */
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { isLostFlag } from '../analyse/report.js';
import { briefColumns, displayText, type Column } from './columns.js';
import { sectionsFor, summaryFacts, type Section } from './sections.js';
import { plainText } from './text.js';
import type { Output } from './output.js';
import type { View } from './view.js';

const TITLES: Record<View['kind'], string> = {
  report: 'Caseload report',
  officers: 'Officers',
  cases: 'Cases',
  teams: 'Teams, PDUs and managers',
  validate: 'Data validation',
  diff: 'Changes',
  due: 'Due',
  plan: 'Reallocation plan',
};

export function headingFor(view: View): string {
  return `${TITLES[view.kind]}: ${plainText(view.source)}, as of ${view.report.as_of}`;
}


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

function writeSection(section: Section, out: Output, chalk: ChalkInstance): void {
  out.write(`\n${chalk.bold(section.title)}${section.total > 0 ? chalk.dim(` (${section.total})`) : ''}\n`);
  if (section.rows.length === 0) {
    out.write(`${section.empty}\n`);
    return;
  }
  const columns = briefColumns(section.columns) as Column<unknown>[];
  const table = new Table({
    head: columns.map((column) => column.heading),
    colAligns: columns.map((column) => (column.numeric ? 'right' : 'left')),
    style: { head: chalk.level > 0 ? ['cyan'] : [], border: chalk.level > 0 ? ['grey'] : [] },
    // No rule between rows: twice the rows on a screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of section.rows) table.push(columns.map((column) => paint(column, displayText(column, row), chalk)));
  out.write(`${table.toString()}\n`);
  if (section.total > section.rows.length) {
    out.write(chalk.dim(`… ${section.total - section.rows.length} more (--limit N, or --format csv|json for all)\n`));
  }
}

export function renderTable(view: View, out: Output, chalk: ChalkInstance): void {
  writeTableDocument(headingFor(view), summaryFacts(view), sectionsFor(view), out, chalk);
}

/** A heading, the summary lines and the sections: every table a command prints (trend's too). */
export function writeTableDocument(heading: string, facts: readonly [string, string][], sections: readonly Section[], out: Output, chalk: ChalkInstance): void {
  out.write(`${chalk.bold(heading)}\n`);
  const width = Math.max(0, ...facts.map(([label]) => label.length));
  for (const [label, text] of facts) out.write(`${chalk.bold(label.padEnd(width))}  ${plainText(text)}\n`);
  for (const section of sections) writeSection(section, out, chalk);
}
