/** `--format markdown`: the table view as GitHub-flavoured markdown, for tickets and wikis. */
import { displayText } from './columns.js';
import { headingFor, moreCount, sectionsFor, tableColumns, summaryFacts, type Section } from './sections.js';
import { neutraliseFormula, plainText } from './text.js';
import type { Output } from './output.js';
import type { View } from './view.js';

/**
 * A cell as markdown shows it and never runs: pipes and backslashes escaped, and the brackets
 * of links and images and the `<` of raw HTML and autolinks, so an export's text stays text.
 */
export function markdownCell(text: string): string {
  return neutraliseFormula(text).replace(/[\\|[\]<]/g, (char) => `\\${char}`);
}

function writeSection(section: Section, redacted: boolean, out: Output): void {
  out.write(`\n## ${section.title}\n\n`);
  if (section.rows.length === 0) {
    out.write(`${section.empty}\n`);
    return;
  }
  const columns = tableColumns(section, redacted);
  out.write(`| ${columns.map((column) => column.heading).join(' | ')} |\n`);
  out.write(`|${columns.map((column) => (column.numeric ? ' ---: ' : ' --- ')).join('|')}|\n`);
  for (const row of section.rows) {
    out.write(`| ${columns.map((column) => markdownCell(displayText(column, row))).join(' | ')} |\n`);
  }
  if (section.total > section.rows.length) out.write(`\n_${moreCount(section)}_\n`);
}

export function renderMarkdown(view: View, out: Output): void {
  writeMarkdownDocument(headingFor(view), summaryFacts(view), sectionsFor(view), out, view.redacted);
}

/** A heading, the summary lines and the sections, as markdown (trend's too). */
export function writeMarkdownDocument(heading: string, facts: readonly [string, string][], sections: readonly Section[], out: Output, redacted = false): void {
  out.write(`# ${markdownCell(heading)}\n`);
  if (facts.length > 0) {
    out.write('\n');
    for (const [label, text] of facts) out.write(`- **${label}:** ${markdownCell(plainText(text))}\n`);
  }
  for (const section of sections) writeSection(section, redacted, out);
}
