/**
 * `caseload validate` on one small export written in every shape exports come in
 * (fixtures/shapes, from scripts/generate-shapes.mjs): every clean shape reads to the same
 * cases, and the dirty one reports exactly its dirt.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const AS_OF = ['--as-of', '2026-11-16'];
const SHAPES = 'fixtures/shapes';

/** Every clean shape, with the options it needs. */
const CLEAN: [shape: string, options: string[]][] = [
  ['canonical', []],
  ['aliased', []],
  ['bom-crlf', []],
  ['utf16-tab', []],
  ['semicolon', []],
  ['windows-1252', ['--encoding', 'windows-1252']],
];

interface Input {
  file: string;
  path: string;
  rows: number;
  used: number;
  rejected: number;
}
interface Issue {
  file: string;
  line: number | null;
  column: string | null;
  code: string;
  message: string;
}
interface CaseJson {
  crn: string;
  name: string | null;
  officer_id: string | null;
  officer_name: string | null;
  risk: string | null;
  status: string;
  last_contact: string | null;
  flags: string[];
  line: number;
  [key: string]: unknown;
}
interface ValidateJson {
  schema_version: number;
  as_of: string;
  inputs: Input[];
  checks_skipped: unknown[];
  issues: Issue[];
}
interface CasesJson {
  inputs: Input[];
  summary: Record<string, unknown>;
  officers: Record<string, unknown>[];
  cases: CaseJson[];
  issues: Issue[];
}

function runJson<T>(args: string[]): T {
  const result = runCli(args);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as T;
}

const casesOf = (shape: string, options: string[]): CasesJson => runJson<CasesJson>(['cases', `${SHAPES}/${shape}`, '--all', '--json', ...AS_OF, ...options]);

describe('fixtures/shapes', () => {
  const out = tempDir();
  afterAll(out.cleanup);

  it('are what scripts/generate-shapes.mjs writes', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/generate-shapes.mjs'), out.dir], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const shapes = readdirSync(join(ROOT, SHAPES)).sort();
    expect(readdirSync(out.dir).sort()).toEqual(shapes);
    expect(shapes).toEqual(['aliased', 'bom-crlf', 'canonical', 'dirty', 'semicolon', 'utf16-tab', 'windows-1252']);
    for (const shape of shapes) {
      for (const file of ['officers.csv', 'offenders.csv', 'contacts.csv']) {
        expect(readFileSync(join(out.dir, shape, file)).equals(readFileSync(join(ROOT, SHAPES, shape, file))), `${shape}/${file}`).toBe(true);
      }
    }
  });
});

describe.each(CLEAN)('validate %s', (shape, options) => {
  const dir = `${SHAPES}/${shape}`;

  it('--json: every row used, no issue, no check skipped', () => {
    const json = runJson<ValidateJson>(['validate', dir, '--json', ...AS_OF, ...options]);
    expect(json.schema_version).toBe(1);
    expect(json.as_of).toBe('2026-11-16');
    // The aliased shape carries a Notes column, as exports do: listed as not read, like nothing else.
    const ignored = shape === 'aliased' ? ['Notes'] : [];
    expect(json.inputs).toEqual([
      { file: 'officers', path: `${dir}/officers.csv`, rows: 4, used: 4, rejected: 0, ignored_columns: [], column_hints: [] },
      { file: 'offenders', path: `${dir}/offenders.csv`, rows: 12, used: 12, rejected: 0, ignored_columns: ignored, column_hints: [] },
      { file: 'contacts', path: `${dir}/contacts.csv`, rows: 30, used: 30, rejected: 0, ignored_columns: [], column_hints: [] },
    ]);
    expect(json.checks_skipped).toEqual([]);
    expect(json.issues).toEqual([]);
  });

});

describe('validate a clean export in table mode', () => {
  it.each(CLEAN.filter(([shape]) => ['canonical', 'utf16-tab', 'windows-1252'].includes(shape)))(
    '%s: exit 0, the three files listed, no issue, nothing on stderr',
    (shape, options) => {
      const dir = `${SHAPES}/${shape}`;
      const result = runCli(['validate', dir, ...AS_OF, ...options]);
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe('');
      for (const file of ['officers', 'offenders', 'contacts']) expect(result.stdout).toContain(`${dir}/${file}.csv`);
      expect(result.stdout).not.toMatch(/invalid_value|missing_key|duplicate|field_count|unknown_crn|future_/);
    },
  );

  it('--strict exits 0 and --quiet prints nothing', () => {
    const strict = runCli(['validate', `${SHAPES}/canonical`, '--strict', ...AS_OF]);
    expect([strict.exitCode, strict.stderr]).toEqual([0, '']);
    const quiet = runCli(['validate', `${SHAPES}/canonical`, '--quiet', ...AS_OF]);
    expect([quiet.exitCode, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
  });
});

describe('every clean shape reads to the same export', () => {
  const canonical = casesOf('canonical', []);

  it('canonical reads as the generator wrote it', () => {
    // 12 cases, the terminated X000011 left out of `cases`; physical lines as written.
    expect(canonical.cases.map((record) => [record.crn, record.line]).sort()).toEqual([
      ['X000001', 2], ['X000002', 3], ['X000003', 5], ['X000004', 6], ['X000005', 7], ['X000006', 8],
      ['X000007', 9], ['X000008', 10], ['X000009', 11], ['X000010', 12], ['X000012', 14],
    ]);
    expect(canonical.summary).toMatchObject({ cases: 11, terminated: 1, officers: 4, issues: 0 });
    const byCrn = new Map(canonical.cases.map((record) => [record.crn, record]));
    expect(byCrn.get('X000001')).toMatchObject({ name: 'Smith, John', officer_name: 'René Dubois', risk: 'high', last_contact: '2026-11-10' });
    expect(byCrn.get('X000002')).toMatchObject({ name: 'Anne\nMarie Jones', risk: 'medium', last_contact: '2026-10-20' }); // a missed appointment on 10-06 is not contact
    expect(byCrn.get('X000003')).toMatchObject({ name: 'Chloé Martin', last_contact: '2026-10-01' }); // not the failure on 10-29
    expect(byCrn.get('X000004')).toMatchObject({ risk: 'very_high', officer_name: 'Priya Shah', last_contact: '2026-09-21' }); // not the acceptable absence
    expect(byCrn.get('X000007')).toMatchObject({ officer_id: null, risk: null });
    expect(byCrn.get('X000009')).toMatchObject({ last_contact: null });
    expect(byCrn.get('X000010')).toMatchObject({ status: 'custody' });
    expect(byCrn.get('X000012')).toMatchObject({ name: 'Zoë Clarke', officer_name: 'Okafor, Grace', last_contact: '2026-11-09' }); // offenders.csv's own last_contact
    expect(byCrn.get('X000005')!.flags).toContain('enforcement_due'); // two failures in the year; the third is older
    expect(canonical.officers.map((officer) => officer.name)).toEqual(expect.arrayContaining(['Okafor, Grace', 'René Dubois', 'Priya Shah', "Tom O'Neill"]));
  });

  it.each(CLEAN.filter(([shape]) => shape !== 'canonical'))('%s: same cases, officers and summary as canonical', (shape, options) => {
    const json = casesOf(shape, options);
    expect(json.cases).toEqual(canonical.cases);
    expect(json.officers).toEqual(canonical.officers);
    expect(json.summary).toEqual(canonical.summary);
  });
});

describe('windows-1252 without --encoding', () => {
  it('is an input error (exit 3) naming file:line and suggesting --encoding windows-1252', () => {
    const result = runCli(['validate', `${SHAPES}/windows-1252`, ...AS_OF]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    // René Dubois is on line 3 of officers.csv, the first file read.
    expect(result.stderr).toBe(
      `caseload: ${SHAPES}/windows-1252/officers.csv:3: not UTF-8 text (byte 0xE9); for an export from an older system try --encoding windows-1252\n`,
    );
  });
});

describe('validate dirty', () => {
  const dir = `${SHAPES}/dirty`;
  // Worked out from the generator: officers.csv gains an officer with no officer_id on line 6;
  // offenders.csv has X000002 on lines 3-4, X000003 on 5 (31/02/2026), X000005 on 7, a blank
  // line 9, X000008 on 11 (mediumish), a row with no crn on 16 and X000005 again on 17;
  // contacts.csv has its 30 contacts on lines 2-16 and 18-32 around a blank line 17, then a
  // contact after the as-of date on 33 and one for X999999 on 34.
  const EXPECTED_ISSUES = [
    `${dir}/officers.csv:6 officer_id missing_key`,
    `${dir}/offenders.csv:5 last_assessment invalid_value`,
    `${dir}/offenders.csv:11 risk invalid_value`,
    `${dir}/offenders.csv:16 crn missing_key`,
    `${dir}/offenders.csv:17 crn duplicate_record`,
    `${dir}/contacts.csv:33 date future_contact`,
    `${dir}/contacts.csv:34 crn unknown_crn`,
  ];

  it('--json: exactly these issues, and rows read = used + rejected', () => {
    const json = runJson<ValidateJson>(['validate', dir, '--json', ...AS_OF]);
    expect(json.issues.map((issue) => `${issue.file}:${issue.line} ${issue.column} ${issue.code}`)).toEqual(EXPECTED_ISSUES);
    expect(json.issues.find((issue) => issue.code === 'duplicate_record')!.message).toBe('crn X000005 is listed on lines 7 and 17; line 17 is read');
    expect(json.issues.find((issue) => issue.code === 'invalid_value' && issue.column === 'risk')!.message).toBe('risk: unknown value "mediumish"');
    expect(json.inputs).toEqual([
      { file: 'officers', path: `${dir}/officers.csv`, rows: 5, used: 4, rejected: 1, ignored_columns: [], column_hints: [] },
      { file: 'offenders', path: `${dir}/offenders.csv`, rows: 14, used: 13, rejected: 1, ignored_columns: [], column_hints: [] },
      { file: 'contacts', path: `${dir}/contacts.csv`, rows: 32, used: 30, rejected: 2, ignored_columns: [], column_hints: [] },
    ]);
    for (const input of json.inputs) expect(input.used + input.rejected).toBe(input.rows);
  });

  it('table: exit 0 without --strict, every issue listed with its line', () => {
    const result = runCli(['validate', dir, ...AS_OF]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    for (const message of ['officer_id: empty; the row cannot be placed', 'last_assessment: invalid date "31/02/2026"', 'crn X999999 is not in offenders.csv']) {
      expect(result.stdout).toContain(message);
    }
  });

  it('--strict: exit 3, one line on stderr naming file:line, no stack trace, nothing on stdout', () => {
    const result = runCli(['validate', dir, '--strict', '--json', ...AS_OF]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`caseload: ${dir}/officers.csv:6: officer_id: empty; the row cannot be placed (and 6 more issues); --strict\n`);
  });

  it('every case with a crn is still a case; dirt is flagged, not dropped', () => {
    const json = casesOf('dirty', []);
    const byCrn = new Map(json.cases.map((record) => [record.crn, record]));
    expect([...byCrn.keys()].sort()).toEqual(['X000001', 'X000002', 'X000003', 'X000004', 'X000005', 'X000006', 'X000007', 'X000008', 'X000009', 'X000010', 'X000012']);
    expect(byCrn.get('X000005')).toMatchObject({ officer_id: 'P101', risk: 'high', line: 17 }); // the later row wins
    expect(byCrn.get('X000005')!.flags).toContain('duplicate_record');
    expect(byCrn.get('X000003')!.flags).toContain('invalid_data');
    expect(byCrn.get('X000008')).toMatchObject({ risk: null, line: 11 });
    expect(byCrn.get('X000008')!.flags).toEqual(expect.arrayContaining(['invalid_data', 'risk_unknown']));
    expect(byCrn.get('X000001')!.last_contact).toBe('2026-11-10'); // the contact dated 2026-11-20 does not count
    expect(byCrn.get('X000007')!.line).toBe(10); // after the blank line
  });

  it('report in table mode prints a one-line issue summary on stderr and exits 0', () => {
    const result = runCli(['report', dir, ...AS_OF]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^caseload: 7 data issues/);
  });
});

/**
 * SPEC 3.3 on a spreadsheet-made export (issue 9): headers renamed by hand, an officer code
 * typed in lower case and footer rows. Each is said, none passes for a clean week.
 */
describe('an export saved from a spreadsheet', () => {
  const sample = readFileSync(join(ROOT, 'fixtures/north-london/offenders.csv'), 'utf8').trim().split('\n');
  const renamed = sample[0]!.replace('last_contact', 'Last Contact Date').replace('start_date', 'Sentence Start Date');
  const rows = sample.slice(1, 41);
  // The first open case: its officer code typed in lower case, with a space.
  const statusAt = sample[0]!.split(',').indexOf('status');
  const typed = rows.findIndex((row) => ['', 'active'].includes(row.split(',')[statusAt]!));
  const firstCase = rows[typed]!.split(',');
  const officerCode = firstCase[2]!; // crn,name,officer_id,…
  rows[typed] = [...firstCase.slice(0, 2), `${officerCode.toLowerCase()} `, ...firstCase.slice(3)].join(',');
  const width = renamed.split(',').length;
  const footer = (text: string): string => [text, ...Array<string>(width - 1).fill('')].join(',');
  const { dir, cleanup } = tempDir({
    'officers.csv': readFileSync(join(ROOT, 'fixtures/north-london/officers.csv')),
    'offenders.csv': [renamed, ...rows, footer('Total'), footer('Total rows: 40')].join('\n') + '\n',
    'mapped.json': JSON.stringify({ columns: { offenders: { last_contact: ['Last Contact Date'], start_date: ['Sentence Start Date'] } } }),
  });
  afterAll(cleanup);

  it('--json lists the headers not read, what they look like, the footers and the officer code', () => {
    const result = runCli(['validate', dir, '--json', ...AS_OF]);
    expect(result.exitCode).toBe(0);
    const document = JSON.parse(result.stdout) as { inputs: (Input & { ignored_columns: string[]; column_hints: unknown[] })[]; issues: Issue[] };
    const offenders = document.inputs.find((input) => input.file === 'offenders')!;
    expect(offenders).toMatchObject({ rows: 42, used: 40, rejected: 2 });
    expect(offenders.ignored_columns).toEqual(['Sentence Start Date', 'Last Contact Date']);
    expect(offenders.column_hints).toEqual([
      { header: 'Sentence Start Date', column: 'start_date' },
      { header: 'Last Contact Date', column: 'last_contact' },
    ]);
    expect(document.inputs.find((input) => input.file === 'officers')!.ignored_columns).toEqual([]);
    expect(document.issues.map((issue) => [issue.line, issue.column, issue.code])).toEqual([
      [typed + 2, 'officer_id', 'officer_id_case'],
      [42, null, 'footer_row'],
      [43, null, 'footer_row'],
    ]);
    expect(document.issues[1]!.message).toBe('"Total" is a spreadsheet footer row, not a record; not read');
  });

  it('table: the inputs name the columns not read, and standard error the config that maps each', () => {
    const result = runCli(['validate', dir, ...AS_OF]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Columns not read/);
    expect(result.stdout).toMatch(/Sentence Start Date, Last Contact Date/);
    expect(result.stderr.trim().split('\n')).toEqual([
      `caseload: ${dir}/offenders.csv: 2 columns not read: "Sentence Start Date", "Last Contact Date"`,
      `caseload: ${dir}/offenders.csv: "Sentence Start Date" looks like start_date; to read it, add to the config file: {"columns":{"offenders":{"start_date":["Sentence Start Date"]}}}`,
      `caseload: ${dir}/offenders.csv: "Last Contact Date" looks like last_contact; to read it, add to the config file: {"columns":{"offenders":{"last_contact":["Last Contact Date"]}}}`,
    ]);
  });

  it('reads the case of a lower-case officer code as that officer\'s, and no footer as a case', () => {
    const result = runCli(['cases', dir, '--json', '--all', ...AS_OF]);
    const cases = (JSON.parse(result.stdout) as { cases: (CaseJson & { officer_id: string | null; flags: string[] })[] }).cases;
    const first = cases.find((one) => one.crn === firstCase[0])!;
    expect(first.officer_id).toBe(officerCode);
    expect(first.flags).not.toContain('unknown_officer');
    expect(cases.some((one) => /^total/i.test(one.crn))).toBe(false);
  });

  it('with the columns mapped as the note says, reads them: the contact checks run again', () => {
    const skipped = (args: string[]): string[] =>
      (JSON.parse(runCli(['validate', dir, '--json', ...AS_OF, ...args]).stdout) as { checks_skipped: { check: string }[] }).checks_skipped.map((check) => check.check);
    expect(skipped([])).toContain('never_seen');
    const mapped = runCli(['validate', dir, '--json', ...AS_OF, '--config', join(dir, 'mapped.json')]);
    expect(mapped.stderr).toBe('');
    expect((JSON.parse(mapped.stdout) as { inputs: { ignored_columns: string[] }[] }).inputs[1]!.ignored_columns).toEqual([]);
    expect(skipped(['--config', join(dir, 'mapped.json')])).not.toContain('never_seen');
  });
});

describe('exports that are not what they seem', () => {
  const officers = readFileSync(join(ROOT, 'fixtures/north-london/officers.csv'));
  const offenders = readFileSync(join(ROOT, 'fixtures/north-london/offenders.csv'), 'utf8');
  const expectInputError = (files: Record<string, string | Buffer>, args: string[], message: string): void => {
    const { dir, cleanup } = tempDir(files);
    try {
      const result = runCli(['report', dir, ...AS_OF, ...args]);
      expect(result.exitCode).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`caseload: ${dir}/${message}\n`);
    } finally {
      cleanup();
    }
  };

  it('an offenders.csv with a header and no rows is an input error (exit 3), not 0 cases', () => {
    expectInputError({ 'officers.csv': officers, 'offenders.csv': `${offenders.split('\n')[0]}\n` }, [], 'offenders.csv: no cases: no rows under its header; was the export cut short?');
  });

  it('an officers.csv with a header and no rows is one too: every case would be unknown_officer', () => {
    expectInputError({ 'officers.csv': 'officer_id,name,status\n', 'offenders.csv': offenders }, [], 'officers.csv: no officers: no rows under its header; was the export cut short?');
  });

  it.each([
    ['.xlsx', Buffer.from('504b030414000600080000002100', 'hex')],
    ['.xls', Buffer.from('d0cf11e0a1b11ae10000000000000000', 'hex')],
  ])('a %s workbook renamed .csv is an input error saying to save it as CSV, not to try --encoding', (_kind, bytes) => {
    const message = 'offenders.csv: a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file; open it and save it as CSV (UTF-8)';
    expectInputError({ 'officers.csv': officers, 'offenders.csv': Buffer.concat([bytes, Buffer.alloc(64, 0xff)]) }, [], message);
    expectInputError({ 'officers.csv': officers, 'offenders.csv': Buffer.concat([bytes, Buffer.alloc(64, 0xff)]) }, ['--encoding', 'windows-1252'], message);
  });

  it('a missing required column names the header like it and the config that maps it', () => {
    const renamed = offenders.replace(/^crn,/, 'Case Ref No,');
    expectInputError(
      { 'officers.csv': officers, 'offenders.csv': renamed },
      [],
      'offenders.csv: missing required column crn; found Case Ref No, name, officer_id, risk, tier, sentence_type, start_date, end_date, … 12 more; did you mean "Case Ref No"? To read it as crn, add to the config file: {"columns":{"offenders":{"crn":["Case Ref No"]}}}',
    );
  });
});

describe('validate and findings (issue 9)', () => {
  it('--fail-on is a usage error: validate shows data issues, not the lost cases it would judge', () => {
    const result = runCli(['validate', 'fixtures/north-london', '--fail-on', 'lost', '--quiet', ...AS_OF]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'caseload: --fail-on: validate lists data issues, not findings; --strict exits 3 when there are any, or use --fail-on with report or cases\n',
    );
  });

  it('fits COLUMNS=80, cutting the long paths and messages', () => {
    const result = runCli(['validate', 'fixtures/north-london', ...AS_OF], { env: { COLUMNS: '80' } });
    expect(result.exitCode).toBe(0);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(result.stdout).toContain('…');
  });
});
