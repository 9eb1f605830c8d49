/**
 * `caseload explain` in every format: the explanations of analyse/explain.ts, with the report's
 * head (as of, config, inputs, checks skipped) and the issues of the cases explained.
 */
import type { ChalkInstance } from 'chalk';
import type { z } from 'zod';
import type { explainDocumentSchema } from './schemas.js';
import type { CaseExplanation, FlagExplanation } from '../analyse/explain.js';
import { cite } from '../analyse/explain.js';
import type { Column } from './columns.js';
import { csvField } from './csv.js';
import type { Format } from './formats.js';
import { writeJson } from './json.js';
import { markdownCell } from './markdown.js';
import type { Output } from './output.js';
import { skippedCheckText } from './sections.js';
import { plainText } from './text.js';

/** The JSON document: the report's head, the explanations, and the issues recorded on the rows of the cases explained (and of their officers); its schema is in schemas.ts. */
export type ExplainDocument = z.output<typeof explainDocumentSchema>;

export interface ExplainView {
  readonly document: ExplainDocument;
  /** A label for the export, for headings. */
  readonly source: string;
}

/** `--redact`: the names of the people and their officers left out. */
export function redactExplanations(document: ExplainDocument): ExplainDocument {
  return { ...document, cases: document.cases.map((explanation) => ({ ...explanation, name: null, officer_name: null })) };
}

const heading = (view: ExplainView): string => `Explain: ${plainText(view.source)}, as of ${view.document.as_of}`;

/** `key 56, other 7`: the config values a rule used. */
function configText(config: Readonly<Record<string, unknown>>): string {
  return Object.entries(config)
    .map(([key, value]) => `${key} ${value === null ? 'none' : String(value)}`)
    .join(', ');
}

/** The facts of a case a person reads before its flags, as label and text. */
function caseFacts(explanation: CaseExplanation): [string, string][] {
  const facts: [string, string][] = [['Summary', explanation.summary]];
  const officer = explanation.officer_id === null ? 'none' : `${explanation.officer_id}${explanation.officer_name === null ? '' : ` (${explanation.officer_name})`}`;
  facts.push(['Case', `status ${explanation.status}; risk ${explanation.risk ?? 'unknown'}; officer ${officer}`]);
  if (explanation.analysed) {
    const seen = explanation.last_contact === null ? 'never seen' : `last contact ${explanation.last_contact}, ${explanation.days_since_contact} days ago`;
    facts.push(['Priority', `${explanation.priority} (1 is the most urgent case)`]);
    facts.push(['Contact', `${seen}; standard_days ${explanation.standard_days}; days overdue ${explanation.days_overdue}`]);
  }
  facts.push(['Rows', explanation.evidence.map((evidence) => `${cite(evidence)} (${evidence.what})`).join(', ')]);
  return facts;
}

const STATE_TITLES: [FlagExplanation['state'], string][] = [
  ['set', 'Set'],
  ['not_set', 'Not set'],
  ['skipped', 'Skipped'],
  ['not_applicable', 'Not applicable'],
];

function renderTable(view: ExplainView, out: Output, chalk: ChalkInstance): void {
  const { document } = view;
  out.write(`${chalk.bold(heading(view))}\n`);
  if (document.checks_skipped.length > 0) out.write(`${chalk.bold('Checks skipped')}  ${document.checks_skipped.map(skippedCheckText).join(', ')}\n`);
  for (const explanation of document.cases) {
    out.write(`\n${chalk.bold(explanation.crn)}${explanation.name === null ? '' : ` ${plainText(explanation.name)}`}\n`);
    const facts = caseFacts(explanation);
    const width = Math.max(...facts.map(([label]) => label.length));
    for (const [label, text] of facts) out.write(`  ${chalk.bold(label.padEnd(width))}  ${plainText(text)}\n`);
    const flagWidth = Math.max(0, ...explanation.rules.map((rule) => rule.flag.length));
    for (const [state, title] of STATE_TITLES) {
      const rules = explanation.rules.filter((rule) => rule.state === state);
      if (rules.length === 0) continue;
      out.write(`  ${chalk.bold(title)}\n`);
      for (const rule of rules) {
        const code = rule.flag.padEnd(flagWidth);
        const painted = state === 'set' ? (rule.lost ? chalk.red(code) : chalk.yellow(code)) : code;
        out.write(`    ${painted}  ${plainText(rule.reason)}\n`);
        // The rule itself where it decided something: a person checks a set flag against it.
        if (state === 'set') {
          const config = configText(rule.config);
          out.write(chalk.dim(`    ${' '.repeat(flagWidth)}  rule: ${rule.rule}${config === '' ? '' : ` (${config})`}\n`));
        }
      }
    }
  }
  const issues = document.issues;
  if (issues.length > 0) {
    out.write(`\n${chalk.bold('Data issues of these cases')}\n`);
    for (const issue of issues) out.write(`  ${plainText(`${issue.file}${issue.line === null ? '' : `:${issue.line}`}: ${issue.message}`)}\n`);
  }
}

function renderMarkdown(view: ExplainView, out: Output): void {
  const { document } = view;
  out.write(`# ${markdownCell(heading(view))}\n`);
  if (document.checks_skipped.length > 0) out.write(`\n**Checks skipped:** ${markdownCell(document.checks_skipped.map(skippedCheckText).join(', '))}\n`);
  for (const explanation of document.cases) {
    out.write(`\n## ${markdownCell(explanation.crn)}${explanation.name === null ? '' : ` ${markdownCell(plainText(explanation.name))}`}\n\n`);
    for (const [label, text] of caseFacts(explanation)) out.write(`- **${label}:** ${markdownCell(plainText(text))}\n`);
    if (explanation.rules.length === 0) continue;
    out.write('\n| Flag | State | Rule | Config | Evidence |\n| --- | --- | --- | --- | --- |\n');
    for (const rule of explanation.rules) {
      const cells = [rule.flag, rule.state.replace('_', ' '), rule.rule, configText(rule.config), plainText(rule.reason)];
      out.write(`| ${cells.map(markdownCell).join(' | ')} |\n`);
    }
  }
  if (document.issues.length > 0) {
    out.write('\n## Data issues of these cases\n\n');
    for (const issue of document.issues) out.write(`- ${markdownCell(plainText(`${issue.file}${issue.line === null ? '' : `:${issue.line}`}: ${issue.message}`))}\n`);
  }
}

/** One row per case and flag; a terminated case, which has no flags, one row with flag empty. */
function renderCsv(view: ExplainView, out: Output): void {
  out.write('crn,flag,set,state,rule,config,evidence\n');
  for (const explanation of view.document.cases) {
    const rows =
      explanation.rules.length === 0
        ? [[explanation.crn, null, false, explanation.status, explanation.summary, null, explanation.evidence.map(cite).join(' ')]]
        : explanation.rules.map((rule) => [explanation.crn, rule.flag, rule.set, rule.state, rule.rule, configText(rule.config) || null, rule.reason]);
    for (const row of rows) out.write(`${row.map(csvField).join(',')}\n`);
  }
}

function renderNdjson(view: ExplainView, out: Output): void {
  for (const explanation of view.document.cases) out.write(`${JSON.stringify(explanation)}\n`);
}

/** One page: each case's facts, then its flags as a table (state, rule, config and evidence). */
async function renderHtmlPage(view: ExplainView, out: Output): Promise<void> {
  const { writeFacts, writeHtmlPage, writeTable } = await import('./html.js');
  const { document } = view;
  await writeHtmlPage({ heading: heading(view), source: view.source, asOf: document.as_of }, out, (main) => {
    if (document.checks_skipped.length > 0) writeFacts([['Checks skipped', document.checks_skipped.map(skippedCheckText).join(', ')]], 'Checks skipped', 'skipped', main);
    document.cases.forEach((explanation, at) => {
      const title = `${explanation.crn}${explanation.name === null ? '' : ` ${plainText(explanation.name)}`}`;
      writeFacts(caseFacts(explanation), title, `case-${at + 1}`, main);
      if (explanation.rules.length > 0) writeTable(RULE_COLUMNS as readonly Column<unknown>[], explanation.rules, `${explanation.crn}: every flag`, main);
    });
    if (document.issues.length > 0) {
      writeFacts(document.issues.map((issue) => [`${issue.file}${issue.line === null ? '' : `:${issue.line}`}`, issue.message]), 'Data issues of these cases', 'issues', main);
    }
  });
}

/** The flags of one case as the page's table shows them. */
const RULE_COLUMNS: readonly Column<FlagExplanation>[] = [
  { key: 'flag', heading: 'Flag', value: (rule) => rule.flag, brief: true },
  { key: 'state', heading: 'State', value: (rule) => rule.state.replace('_', ' '), brief: true },
  { key: 'reason', heading: 'Evidence', value: (rule) => plainText(rule.reason), brief: true },
  { key: 'rule', heading: 'Rule', value: (rule) => rule.rule, brief: true },
  { key: 'config', heading: 'Config', value: (rule) => configText(rule.config), brief: true },
];

export const EXPLAIN_RENDERERS: Record<Exclude<Format, 'email'>, (view: ExplainView, out: Output, chalk: ChalkInstance) => void | Promise<void>> = {
  html: renderHtmlPage,
  table: renderTable,
  json: (view, out) => writeJson({ ...view.document }, out),
  ndjson: renderNdjson,
  csv: renderCsv,
  markdown: renderMarkdown,
};
