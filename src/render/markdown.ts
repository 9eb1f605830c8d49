/** `--format markdown`: the table view as GitHub-flavoured markdown, for tickets and wikis. */
import { displayText } from './columns.js';
import { moreCount, sectionsFor, shownColumns, summaryFacts, type Section } from './sections.js';
import { neutraliseFormula, plainText } from './text.js';
import type { Output } from './output.js';
import type { View } from './view.js';
import { headingFor } from './table.js';

export function markdownCell(text: string): string {
  return neutraliseFormula(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function writeSection(section: Section, view: View, out: Output): void {
  out.write(`\n## ${section.title}\n\n`);
  if (section.rows.length === 0) {
    out.write(`${section.empty}\n`);
    return;
  }
  const columns = shownColumns(section, view);
  out.write(`| ${columns.map((column) => column.heading).join(' | ')} |\n`);
  out.write(`|${columns.map((column) => (column.numeric ? ' ---: ' : ' --- ')).join('|')}|\n`);
  for (const row of section.rows) {
    out.write(`| ${columns.map((column) => markdownCell(displayText(column, row))).join(' | ')} |\n`);
  }
  if (section.total > section.rows.length) out.write(`\n_${moreCount(section)}_\n`);
}

export function renderMarkdown(view: View, out: Output): void {
  out.write(`# ${markdownCell(headingFor(view))}\n`);
  const facts = summaryFacts(view);
  if (facts.length > 0) {
    out.write('\n');
    for (const [label, text] of facts) out.write(`- **${label}:** ${markdownCell(plainText(text))}\n`);
  }
  for (const section of sectionsFor(view)) writeSection(section, view, out);
}
