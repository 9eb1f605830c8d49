/**
 * `--format email` and `caseload notify` (SPEC 3.1): one RFC 5322 message per digest, composed by
 * nodemailer's MailComposer: a plain-text and an HTML body with the summary and the top rows of
 * the view, and the view's main rows as an attached CSV (the CSV renderer's own output) beside
 * the view as an HTML page with charts (the html renderer's own output).
 *
 * Built from the View alone, so it works for any view. Names are left out upstream (the CLI
 * builds the view redacted unless --include-names); here every value is made safe for where it
 * goes: control characters stripped in the text body, HTML-escaped in the HTML body.
 */
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import { summariseTasks } from '../analyse/due.js';
import { parseMailbox } from './mailbox.js';
import { displayText, shownColumns, type Column } from './columns.js';
import { renderCsv } from './csv.js';
import { StringOutput, type Output } from './output.js';
import { headingFor, mainRows, sectionsFor, summaryFacts, type Section } from './sections.js';
import { escapeHtml, plainText } from './text.js';
import type { View } from './view.js';

import { DEFAULT_FROM } from './formats.js';

export { DEFAULT_FROM, escapeHtml, parseMailbox };

/** Rows of each section an email body shows; the attachment carries them all. */
export const EMAIL_ROWS = 20;

/** What the command line says about the message: --to, --from, --subject. */
export interface EmailSettings {
  readonly to: readonly string[];
  readonly from: string;
  /** null: made from the counts and the as-of date. */
  readonly subject: string | null;
}

export const DEFAULT_EMAIL: EmailSettings = { to: [], from: DEFAULT_FROM, subject: null };

/** Whom one digest of `caseload notify` is for: a manager, a team, or the cases nobody oversees. */
export interface DigestScope {
  /** Short, for the subject and file name: `manager N07E605`, `team Haringey`. */
  readonly label: string;
  /** A sentence for the body: whose cases these are. */
  readonly description: string;
}

const number = (value: number): string => value.toLocaleString('en-GB');
const plural = (count: number, word: string): string => `${number(count)} ${word}${count === 1 ? '' : 's'}`;

/** The counts a digest's subject and one-line summary are made of: the cases the view selects. */
function caseCounts(view: View): { selected: number; flagged: number; lost: number; overdue: number } {
  const cases = view.selectedCases;
  return {
    selected: cases.length,
    flagged: cases.filter((result) => result.flags.length > 0).length,
    lost: cases.filter((result) => result.lost).length,
    overdue: cases.filter((result) => result.overdue).length,
  };
}

/** `caseload 2026-11-16: 697 lost, 760 overdue, 1807 flagged` (`--subject` replaces it). */
export function defaultSubject(view: View, scope?: DigestScope): string {
  const head = `caseload ${view.report.as_of}${scope === undefined ? '' : ` ${plainText(scope.label)}`}`;
  if (view.diff !== null) {
    const { summary } = view.diff;
    return `${head}: ${summary.newly_lost} newly lost, ${summary.newly_overdue} newly overdue, ${summary.changed} changed`;
  }
  if (view.due !== null) {
    const { tasks, past_due } = summariseTasks(view.due.tasks);
    return `${head}: ${plural(tasks, 'task')} due by ${view.due.until}, ${past_due} past due`;
  }
  const { lost, overdue, flagged } = caseCounts(view);
  return `${head}: ${number(lost)} lost, ${number(overdue)} overdue, ${number(flagged)} flagged`;
}

/** The summary a digest leads with: the view's own summary (report, diff), else one line of counts. */
export function digestFacts(view: View, scope?: DigestScope): [string, string][] {
  const facts: [string, string][] = scope === undefined ? [] : [['For', scope.description]];
  const summary = summaryFacts(view);
  if (summary.length > 0) return [...facts, ...summary];
  switch (view.kind) {
    case 'officers': {
      const flagged = view.report.officers.filter((officer) => officer.flags.length > 0).length;
      return [...facts, ['Officers', `${plural(view.officersTotal, 'officer')}, ${number(flagged)} with flags`]];
    }
    case 'teams': {
      const over = view.managers.filter((manager) => manager.flags.length > 0).length;
      return [...facts, ['Teams', `${plural(view.teams.length, 'team')}, ${plural(view.pdus.length, 'PDU')}, ${plural(view.managers.length, 'manager')} (${number(over)} over span)`]];
    }
    case 'validate':
      return [...facts, ['Data issues', number(view.issues.length)]];
    default: {
      const { selected, flagged, lost, overdue } = caseCounts(view);
      const cases = selected === flagged ? `${plural(flagged, 'flagged case')}` : `${plural(selected, 'case')}, ${number(flagged)} flagged`;
      return [...facts, ['Cases', `${cases}: ${number(lost)} lost, ${number(overdue)} overdue`]];
    }
  }
}

/** `flagged-cases-2026-11-16.csv`: what the attachment holds, and as of when (`.html` for the page). */
export function attachmentName(view: View, extension: 'csv' | 'html' = 'csv'): string {
  const stems: Partial<Record<View['kind'], string>> = { officers: 'officers', teams: 'teams', validate: 'issues', diff: 'changed-cases', due: 'due-tasks', plan: 'plan-moves' };
  const everyCase = view.selectedCases.some((result) => result.flags.length === 0);
  return `${stems[view.kind] ?? (everyCase ? 'cases' : 'flagged-cases')}-${view.report.as_of}.${extension}`;
}

/** A section as an email shows it: its top rows, its brief columns, less name columns left empty by redaction. */
function emailSection(section: Section): { section: Section; columns: Column<unknown>[] } {
  const rows = section.rows.slice(0, EMAIL_ROWS);
  return { section: { ...section, rows }, columns: shownColumns(section.columns as readonly Column<unknown>[], rows) };
}

function moreLine(section: Section, attached: string | null): string | null {
  const more = section.total - section.rows.length;
  if (more <= 0) return null;
  return `… ${number(more)} more${attached === null ? '' : `: every one is in the attached ${attached}`}`;
}

function textTable(columns: readonly Column<unknown>[], rows: readonly unknown[]): string {
  const cells = rows.map((row) => columns.map((column) => displayText(column, row)));
  const widths = columns.map((column, at) => Math.max(column.heading.length, ...cells.map((line) => line[at]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((value, at) => (columns[at]!.numeric ? value.padStart(widths[at]!) : value.padEnd(widths[at]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.heading)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}


function htmlTable(columns: readonly Column<unknown>[], rows: readonly unknown[]): string {
  const cell = (tag: 'th' | 'td', column: Column<unknown>, text: string): string =>
    `<${tag} style="text-align:${column.numeric ? 'right' : 'left'};padding:2px 6px;border:1px solid #ccc">${escapeHtml(text)}</${tag}>`;
  const head = `<tr>${columns.map((column) => cell('th', column, column.heading)).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${columns.map((column) => cell('td', column, displayText(column, row))).join('')}</tr>`);
  return `<table style="border-collapse:collapse;font-size:13px">\n<thead>${head}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

/** The text and HTML bodies: heading, summary, then each section's top rows. */
function bodies(view: View, attached: string, scope?: DigestScope): { text: string; html: string } {
  const heading = headingFor(view);
  const facts = digestFacts(view, scope);
  const width = Math.max(0, ...facts.map(([label]) => label.length));
  const attachedColumns = mainRows(view).columns;
  const text: string[] = [plainText(heading), ''];
  const html: string[] = [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>' + escapeHtml(heading) + '</title></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px">',
    `<h1 style="font-size:18px">${escapeHtml(heading)}</h1>`,
  ];
  if (facts.length > 0) {
    for (const [label, fact] of facts) text.push(`${label.padEnd(width)}  ${plainText(fact)}`);
    html.push('<table style="border-collapse:collapse">');
    for (const [label, fact] of facts) html.push(`<tr><th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0">${escapeHtml(label)}</th><td>${escapeHtml(fact)}</td></tr>`);
    html.push('</table>');
  }
  for (const original of sectionsFor(view)) {
    const { section, columns } = emailSection(original);
    const title = `${section.title}${section.total > 0 ? ` (${number(section.total)})` : ''}`;
    const more = moreLine(section, section.columns === attachedColumns ? attached : null);
    text.push('', plainText(title), '');
    html.push(`<h2 style="font-size:16px">${escapeHtml(title)}</h2>`);
    if (section.rows.length === 0) {
      text.push(section.empty);
      html.push(`<p>${escapeHtml(section.empty)}</p>`);
      continue;
    }
    text.push(textTable(columns, section.rows));
    html.push(htmlTable(columns, section.rows));
    if (more !== null) {
      text.push(more);
      html.push(`<p>${escapeHtml(more)}</p>`);
    }
  }
  const page = attachmentName(view, 'html');
  text.push('', `Attached: ${attached}, and ${page} (the report as a page with charts, for any browser)`, '');
  html.push(`<p>Attached: ${escapeHtml(attached)}, and ${escapeHtml(page)} (the report as a page with charts, for any browser)</p>`, '</body></html>', '');
  return { text: text.join('\n'), html: html.join('\n') };
}

/**
 * The message for a view, as MailComposer options: the same whether it is written to standard
 * output, to an .eml file or sent over SMTP. The Date and Message-ID headers are nodemailer's:
 * the time of writing, not the as-of date, which the subject and the body carry.
 */
export async function digestMail(view: View, settings: EmailSettings, scope?: DigestScope): Promise<MailComposerOptions> {
  const attached = attachmentName(view);
  const csv = new StringOutput();
  renderCsv(view, csv);
  // The page (and its charting library) loads only when a digest is written.
  const { htmlPage } = await import('./html.js');
  const page = await htmlPage(view);
  const subject =
    settings.subject === null ? defaultSubject(view, scope) : `${plainText(settings.subject)}${scope === undefined ? '' : ` (${plainText(scope.label)})`}`;
  return {
    from: settings.from,
    ...(settings.to.length > 0 ? { to: [...settings.to] } : {}),
    subject,
    ...bodies(view, attached, scope),
    attachments: [
      { filename: attached, content: csv.toString(), contentType: 'text/csv; charset=utf-8' },
      { filename: attachmentName(view, 'html'), content: page, contentType: 'text/html; charset=utf-8' },
    ],
    // Nothing from an export may make the composer read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * The RFC 5322 message as bytes. `unix` line ends for `sendmail -t` (what nodemailer's own
 * sendmail transport hands over); `windows` (CRLF) for .eml files and SMTP.
 */
export async function composeMessage(mail: MailComposerOptions, newline: 'unix' | 'windows'): Promise<Buffer> {
  // nodemailer loads only when a message is composed: other formats never need it.
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  return new MailComposer({ ...mail, newline }).compile().build();
}

/** `--format email`: one message on standard output, for `sendmail -t`. */
export async function renderEmail(view: View, out: Output, context: { readonly email: EmailSettings }): Promise<void> {
  const message = await composeMessage(await digestMail(view, context.email), 'unix');
  // Every part is 7-bit (nodemailer encodes anything else), so the bytes are ASCII text.
  out.write(message.toString('utf8'));
}
