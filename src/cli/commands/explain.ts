import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import type { CommandSpec } from './command.js';

/**
 * `explain [DIR] CRN...`: the first argument is the export folder when it is an existing folder
 * or has a path separator in it (a crn never has), so a mistyped folder is reported as a folder.
 */
export async function splitArguments(args: readonly string[]): Promise<{ dir: string | undefined; crns: string[] }> {
  const [first, ...rest] = args;
  if (first === undefined) return { dir: undefined, crns: [] };
  const isFolder = /[\\/]/.test(first) || (await stat(first).then((info) => info.isDirectory(), () => false));
  const crns = (isFolder ? rest : [...args]).map((crn) => crn.trim()).filter((crn) => crn !== '');
  return { dir: isFolder ? first : undefined, crns: [...new Set(crns)] };
}

/** Files as evidence names them: `contacts.csv`, not the path the export came from. */
const fileName = (label: string): string => (label === '<stdin>' ? label : basename(label));

export const explainCommand: CommandSpec = {
  name: 'explain',
  args: '[DIR] [CRN...]',
  summary: 'why each case is flagged, or not: every flag with its rule, the config value and the evidence (file:line)',
  examples: [
    'caseload explain exports/2026-11-16 X536761 --as-of 2026-11-16',
    'caseload explain exports/2026-11-16 X536761 X102040 --format json --redact',
    'cd exports/2026-11-16 && caseload explain . X536761',
  ],
  groups: ['files', 'input', 'output'],
  async run(args, options, context) {
    const { dir, crns } = await splitArguments(args);
    if (crns.length === 0) throw new UsageError('explain: name at least one CRN (caseload explain [DIR] CRN...)');
    if (options.limit !== undefined) throw new UsageError('--limit: explain shows every case it is given');
    // The evidence needs contacts.csv read twice; standard input can be read once.
    if (options.contacts === '-') throw new UsageError('--contacts -: explain reads contacts.csv twice for its line numbers; name the file');
    const [{ analyseExport, effectiveConfig, formatOf, readOptions }, { explainCase }, { closestValues }, { contactSettingsFor, resolveSources }, { readContactRows }, render] =
      await Promise.all([
        import('../run.js'),
        import('../../analyse/explain.js'),
        import('../../read/columns.js'),
        import('../../read/exports.js'),
        import('../../read/evidence.js'),
        import('../../render/explain.js'),
      ]);
    const config = await effectiveConfig(options);
    const asOf = options.asOf ?? context.today();
    const inputs = { dir, officers: options.officers, offenders: options.offenders, contacts: options.contacts };
    const { exports, report } = await analyseExport(inputs, options, asOf, config, context);

    const records = new Map(exports.cases.map((record) => [record.crn, record]));
    const label = (file: string): string | null => exports.inputs.find((input) => input.file === file)?.path ?? null;
    const unknown = crns.filter((crn) => !records.has(crn));
    if (unknown.length > 0) {
      const named = unknown.map((crn) => {
        // Within two edits: a mistyped or transposed digit, not any crn of the same length.
        const closest = closestValues(crn, records.keys(), 3, 2);
        return `${crn}${closest.length > 0 ? ` (closest: ${closest.join(', ')})` : ''}`;
      });
      throw new InputError(`${label('offenders')}: no case ${named.join(', ')}`);
    }

    const sources = await resolveSources(inputs);
    const contactRows = sources.contacts === null ? null : await readContactRows(sources.contacts, contactSettingsFor(readOptions(options, asOf, config)), new Set(crns));
    context.timing?.('evidence');
    const files = { officers: label('officers')!, offenders: label('offenders')!, contacts: label('contacts') };
    const evidenceFiles = { officers: fileName(files.officers), offenders: fileName(files.offenders), contacts: files.contacts === null ? null : fileName(files.contacts) };
    const results = new Map(report.cases.map((result) => [result.crn, result]));
    const officers = new Map(exports.officers.map((officer) => [officer.officerId, officer]));
    const issuesOf = (file: string | null, lines: readonly number[]) =>
      exports.issues.filter((issue) => issue.file === file && issue.line !== null && lines.includes(issue.line));

    const explanations = [];
    const issues = [];
    for (const crn of crns) {
      const record = records.get(crn)!;
      const officer = (record.officerId === null ? undefined : officers.get(record.officerId)) ?? null;
      const rows = contactRows?.get(crn);
      const caseIssues = issuesOf(files.offenders, [record.line]);
      explanations.push(
        explainCase({
          asOf,
          config,
          checksSkipped: report.checks_skipped,
          files: evidenceFiles,
          record,
          result: results.get(crn) ?? null,
          officer,
          evidence: { lastContact: rows?.lastContact ?? null, failures: rows?.failures ?? [], issues: caseIssues },
        }),
      );
      issues.push(...caseIssues, ...issuesOf(files.officers, officer === null ? [] : [officer.line]), ...issuesOf(files.contacts, rows?.lines ?? []));
    }
    const document = {
      schema_version: report.schema_version,
      as_of: report.as_of,
      config: report.config,
      inputs: report.inputs,
      checks_skipped: report.checks_skipped,
      cases: explanations,
      // Two cases of one officer share its issues: each once.
      issues: [...new Set(issues)],
    };
    const format = formatOf(options);
    if (format === 'email') throw new UsageError('--format email: explain has no digest; use report, cases or diff');
    const view = { document: options.redact ? render.redactExplanations(document) : document, source: dir ?? label('offenders')! };
    await render.EXPLAIN_RENDERERS[format](view, context.out, context.chalk);
    context.timing?.('render');
    return 0;
  },
};
