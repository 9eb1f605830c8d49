/**
 * `--format html` (SPEC 3.2): one self-contained page: the summary, the view's charts as static
 * SVG (html/figures.ts says which, html/charts.ts draws them with Vega-Lite), and the view's
 * tables (sectionsFor, as table and markdown show them, every row but the longest lists').
 *
 * A new view (due, plan, trend) plugs in with: its sections in sectionsFor (as for table and
 * markdown), its charts as one FIGURES entry in html/figures.ts, and, when its main list can run
 * to thousands of rows, its columns in LONG_LISTS here.
 *
 * Nothing is fetched and nothing runs: the Content Security Policy allows the one inline style
 * sheet by its hash and data: images, nothing else; the page has no script. Every value from
 * the export is HTML-escaped here; Vega escapes the text it writes into the SVG.
 */
import { createHash } from 'node:crypto';
import { isLostFlag } from '../analyse/report.js';
import { CASE_CHANGE_COLUMNS, CASE_COLUMNS, ISSUE_COLUMNS, displayText, shownColumns, type Column } from './columns.js';
import { digestFacts } from './email.js';
import type { Figure } from './html/figures.js';
import { figuresFor } from './html/figures.js';
import { STYLE } from './html/style.js';
import { StringOutput, type Output } from './output.js';
import { headingFor, sectionsFor, type Section } from './sections.js';
import { escapeHtml, plainText } from './text.js';
import type { View } from './view.js';

/** Rows a page shows of a long list (cases, issues) without --limit; the CSV holds every one. */
export const HTML_LIST_ROWS = 500;

/** Lists that can run to hundreds of thousands of rows on a national export. */
const LONG_LISTS = new Set<readonly Column<never>[]>([CASE_COLUMNS, CASE_CHANGE_COLUMNS, ISSUE_COLUMNS]);

const number = (value: number): string => value.toLocaleString('en-GB');

/** The policy allows the style sheet by its hash: an injected style or anything fetched is refused. */
export function contentSecurityPolicy(style: string): string {
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** `caseload cases DIR --as-of … --format csv`: where the rows a page leaves out are. */
function csvCommand(view: View): string {
  // A diff's source names two folders: the command is shown with placeholders.
  if (view.kind === 'diff') return 'caseload diff PREV_DIR DIR --format csv';
  const command = view.kind === 'report' ? 'cases' : view.kind;
  const every = view.kind !== 'validate' && view.selectedCases.some((result) => result.flags.length === 0) ? ' --all' : '';
  // Quoted for a POSIX shell when it holds anything but plain path characters.
  const source = /^[\w./:-]+$/.test(view.source) ? view.source : `'${view.source.replace(/'/g, `'\\''`)}'`;
  return `caseload ${command} ${source}${every} --as-of ${view.report.as_of} --format csv`;
}

function cellClass(column: Column<unknown>, row: unknown, text: string): string {
  const classes: string[] = [];
  if (column.numeric) classes.push('num');
  if (column.key === 'capacity_pct' && Number(text) > 100) classes.push('over');
  if (column.key === 'flags' && text.split(' ').some(isLostFlag)) classes.push('lost');
  if (column.key === 'lost' && column.value(row) === true) classes.push('lost');
  return classes.length === 0 ? '' : ` class="${classes.join(' ')}"`;
}

export function writeTable(columns: readonly Column<unknown>[], rows: readonly unknown[], label: string, out: Output): void {
  // A wide table scrolls on its own; a keyboard can reach it (tabindex) and a screen reader names it.
  out.write(`<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(label)}">\n<table>\n<thead><tr>`);
  for (const column of columns) out.write(`<th scope="col"${column.numeric ? ' class="num"' : ''}>${escapeHtml(column.heading)}</th>`);
  out.write('</tr></thead>\n<tbody>\n');
  for (const row of rows) {
    out.write('<tr>');
    for (const column of columns) {
      const text = displayText(column, row);
      out.write(`<td${cellClass(column, row, text)}>${escapeHtml(text)}</td>`);
    }
    out.write('</tr>\n');
  }
  out.write('</tbody>\n</table>\n</div>\n');
}

function writeSection(view: View, section: Section, id: string, out: Output): void {
  const long = LONG_LISTS.has(section.columns as readonly Column<never>[]) && view.limit === null;
  const rows = long ? section.rows.slice(0, HTML_LIST_ROWS) : section.rows;
  out.write(`<section aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(section.title)}${section.total > 0 ? ` (${number(section.total)})` : ''}</h2>\n`);
  if (rows.length === 0) {
    out.write(`<p>${escapeHtml(section.empty)}</p>\n</section>\n`);
    return;
  }
  writeTable(shownColumns(section.columns as readonly Column<unknown>[], rows), rows, section.title, out);
  const more = section.total - rows.length;
  if (more > 0) {
    const where = long ? `: every one is in the CSV, <code>${escapeHtml(csvCommand(view))}</code> (with this page's filters)` : '';
    out.write(`<p class="more">Showing the first ${number(rows.length)} of ${number(section.total)}; ${number(more)} more${where}.</p>\n`);
  }
  out.write('</section>\n');
}

export async function writeFigures(figures: readonly Figure[], out: Output): Promise<void> {
  if (figures.length === 0) return;
  // The charting library loads only here, when a page with charts is written.
  const { chartSvg } = await import('./html/charts.js');
  out.write('<section aria-labelledby="charts">\n<h2 id="charts">Charts</h2>\n');
  for (const figure of figures) {
    // The caption is also the chart's accessible name.
    const svg = await chartSvg({ ...figure.spec, description: figure.caption });
    out.write(`<figure id="${figure.id}" aria-labelledby="${figure.id}-title">\n<h3 id="${figure.id}-title">${escapeHtml(figure.title)}</h3>\n`);
    out.write(`<figcaption>${escapeHtml(figure.caption)}</figcaption>\n`);
    out.write(`<div class="chart">${svg}</div>\n`);
    if (figure.table.rows.length === 0) out.write(`<p>${escapeHtml(figure.table.empty)}</p>\n`);
    else writeTable(figure.table.columns as readonly Column<unknown>[], figure.table.rows, `${figure.title}: the chart's figures`, out);
    out.write('</figure>\n');
  }
  out.write('</section>\n');
}

/**
 * The page around any view's content: the policy, the style sheet, the heading and the footer.
 * Shared by every view's page and by explain's.
 */
export async function writeHtmlPage(
  page: { heading: string; source: string; asOf: string },
  out: Output,
  writeMain: (out: Output) => void | Promise<void>,
): Promise<void> {
  const heading = plainText(page.heading);
  out.write(
    '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n' +
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(STYLE)}">\n` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n' +
      `<title>${escapeHtml(heading)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<header>\n<h1>${escapeHtml(heading)}</h1>\n</header>\n<main>\n`,
  );
  await writeMain(out);
  out.write(
    `</main>\n<footer>\n<p>Made by caseload from ${escapeHtml(page.source)} as of ${escapeHtml(page.asOf)}. ` +
      'Charts drawn by Vega-Lite as static images: the page needs no network and no script.</p>\n</footer>\n</body>\n</html>\n',
  );
}

/** A summary as a definition list: label, then text. */
export function writeFacts(facts: readonly [string, string][], title: string, id: string, out: Output): void {
  if (facts.length === 0) return;
  out.write(`<section aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(title)}</h2>\n<dl class="facts">\n`);
  for (const [label, text] of facts) out.write(`<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(text)}</dd>\n`);
  out.write('</dl>\n</section>\n');
}

/** A section that is not one export's view (trend's): every row, the columns that have a value. */
export function writePlainSection(section: Section, id: string, out: Output): void {
  out.write(`<section aria-labelledby="${id}">\n<h2 id="${id}">${escapeHtml(section.title)}${section.total > 0 ? ` (${number(section.total)})` : ''}</h2>\n`);
  if (section.rows.length === 0) out.write(`<p>${escapeHtml(section.empty)}</p>\n`);
  else writeTable(shownColumns(section.columns as readonly Column<unknown>[], section.rows), section.rows, section.title, out);
  if (section.total > section.rows.length) out.write(`<p class="more">Showing ${number(section.rows.length)} of ${number(section.total)}; the JSON and CSV hold every one.</p>\n`);
  out.write('</section>\n');
}

export async function renderHtml(view: View, out: Output): Promise<void> {
  await writeHtmlPage({ heading: headingFor(view), source: view.source, asOf: view.report.as_of }, out, async (main) => {
    writeFacts(digestFacts(view), 'Summary', 'summary', main);
    await writeFigures(figuresFor(view), main);
    // A page is not a screen: every row, but the long lists cut in writeSection.
    const sections = sectionsFor({ ...view, limit: view.limit ?? Number.POSITIVE_INFINITY });
    sections.forEach((section, at) => writeSection(view, section, `table-${at + 1}`, main));
  });
}

/** The page as one string: what an email digest attaches. */
export async function htmlPage(view: View): Promise<string> {
  const page = new StringOutput();
  await renderHtml(view, page);
  return page.toString();
}
