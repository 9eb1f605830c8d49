/**
 * What every command shares (SPEC 3): CSV and markdown that a spreadsheet or a wiki cannot be
 * tricked by, tables that an export cannot drive the terminal from, colour rules, --redact,
 * --fail-on and --quiet, exit codes and one-line errors, and a reader that goes away early.
 *
 * Small hand-written exports (temp folders) isolate each behaviour; the north-london sample is
 * used where size or realism matters (redaction, pipes).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BIN, FIXTURES, ROOT, runCli, tempDir, type CliResult } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];

// ---------------------------------------------------------------------------------------------
// Tiny exports

type Row = Record<string, string>;

/** RFC 4180 text for test inputs: a field with a delimiter, quote or line break is quoted. */
function csvText(rows: readonly Row[]): string {
  const header = Object.keys(rows[0]!);
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return [header.join(','), ...rows.map((row) => header.map((key) => field(row[key] ?? '')).join(','))].join('\n') + '\n';
}

/** An active full-time PO, long in post, supervised this month: no officer flag. */
const OFFICER: Row = {
  officer_id: 'A1',
  name: 'Alice Smith',
  grade: 'PO',
  team: 'Team A',
  pdu: 'PDU A',
  manager_id: '',
  contracted_hours: '37',
  status: 'active',
  status_since: '',
  start_date: '2015-01-01',
  last_supervision: '2026-11-01',
};

/** A low-risk case seen six days ago, assessed, address known, checks done: no case flag. */
const CASE: Row = {
  crn: 'C1',
  name: 'Bob Jones',
  officer_id: 'A1',
  risk: 'low',
  tier: 'D1',
  sentence_type: 'community_order',
  start_date: '2026-01-01',
  end_date: '2027-06-01',
  last_contact: '2026-11-10',
  address_known: 'yes',
  da_flag: 'no',
  da_check: '',
  safeguarding_flag: 'no',
  safeguarding_check: '',
  last_assessment: '2026-10-01',
  status: 'active',
};

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function exportDir(officers: readonly Row[], cases: readonly Row[], files: Record<string, string> = {}): string {
  // contacts.csv present (so no check is skipped), with each case's last contact as an attended one.
  const contacts = 'crn,date,outcome,type,officer_id\n' + cases.map((row) => (row.last_contact ? `${row.crn},${row.last_contact},attended,office,A1\n` : '')).join('');
  const { dir, cleanup } = tempDir({ 'officers.csv': csvText(officers), 'offenders.csv': csvText(cases), 'contacts.csv': contacts, ...files });
  cleanups.push(cleanup);
  return dir;
}

const EXPORTS = {
  /** Nothing flagged anywhere. */
  clean: () => exportDir([OFFICER], [CASE]),
  /** One warning (address_unknown): not lost, not overdue. */
  warning: () => exportDir([OFFICER], [{ ...CASE, address_known: 'no' }]),
  /** Medium risk, 20 days since contact (standard 14, lost after 56): overdue, not lost. */
  overdue: () => exportDir([OFFICER], [{ ...CASE, risk: 'medium', last_contact: '2026-10-27' }]),
  /** The officer has left: the case is lost (officer_left), and nothing else. */
  lost: () => exportDir([{ ...OFFICER, status: 'left', status_since: '2026-10-01' }], [CASE]),
  /** Only an officer flag (no_supervision); every case clean. */
  officerOnly: () => exportDir([{ ...OFFICER, last_supervision: '2026-01-01' }], [CASE]),
};

/** Names made to be run by a spreadsheet, break a table or drive a terminal. */
const EVIL_NAMES: Row = {
  C1: '=HYPERLINK("http://x")',
  C2: '+1',
  C3: '-2',
  C4: '@SUM(A1)',
  C5: 'Smith, John "Jack"\nsecond line',
  C6: 'a|b\u0007\u001b]0;title\u0007 \u001b[2J',
};

function evilExport(): string {
  return exportDir(
    [
      { ...OFFICER, officer_id: 'A1', name: '\u001b[31mEvil\u001b[0m Officer', team: 'Team | Pipe', pdu: 'North, South' },
      { ...OFFICER, officer_id: 'A2', name: '@SUM(A1)', team: '=1+1', pdu: 'PDU' },
    ],
    // Not seen since January: every case flagged, so every one is listed.
    Object.entries(EVIL_NAMES).map(([crn, name], at) => ({ ...CASE, crn, name, officer_id: at < 2 ? 'A1' : 'A2', last_contact: '2026-01-02' })),
  );
}

const run = (command: string, dir: string, ...extra: string[]): CliResult => runCli([command, dir, ...AS_OF, ...extra]);

/** C0/C1 control characters other than the line feed that ends each line. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

// ---------------------------------------------------------------------------------------------

describe('CSV output', () => {
  let evil: string;
  let csv: string;
  beforeAll(() => {
    evil = evilExport();
    csv = run('cases', evil, '--format', 'csv', '--all').stdout;
  });

  it('has a header row of snake_case keys: the case object\'s keys for cases', () => {
    const header = csv.slice(0, csv.indexOf('\n')).split(',');
    expect(header.every((key) => /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(key))).toBe(true);
    const ndjson = run('cases', evil, '--format', 'ndjson').stdout;
    expect([...header].sort()).toEqual(Object.keys(JSON.parse(ndjson.slice(0, ndjson.indexOf('\n'))) as object).sort());
  });

  it('has a snake_case header row for teams too', () => {
    const teams = run('teams', evil, '--format', 'csv').stdout;
    const header = teams.slice(0, teams.indexOf('\n')).split(',');
    expect(header.length).toBeGreaterThan(5);
    expect(header.filter((key) => !/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(key))).toEqual([]);
  });

  it('neutralises cells starting with = + - @ with a leading quote, and quotes per RFC 4180', () => {
    const rows = parse(csv, { columns: true }) as Row[];
    const name = Object.fromEntries(rows.map((row) => [row.crn, row.name]));
    expect(name).toEqual({
      C1: `'=HYPERLINK("http://x")`,
      C2: "'+1",
      C3: "'-2",
      C4: "'@SUM(A1)",
      // Commas, quotes and a line break survive the round trip, and are not a formula.
      C5: 'Smith, John "Jack"\nsecond line',
      // The bell and the OSC and CSI sequences are gone (issue 15): a terminal showing the file runs none.
      C6: 'a|b ',
    });
    expect(csv).toContain('"Smith, John ""Jack""\nsecond line"');
    for (const row of rows) {
      const a2 = row.officer_id === 'A2';
      if (a2) expect(row.officer_name).toBe("'@SUM(A1)");
      expect(row.team).toBe(a2 ? "'=1+1" : 'Team | Pipe');
      expect(row.pdu).toBe(a2 ? 'PDU' : 'North, South');
    }
    // Numbers are numbers, not text to neutralise; every row has every column.
    expect(rows.map((row) => row.priority)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('neutralises officer names and teams in officers CSV, under a snake_case header', () => {
    const officers = run('officers', evil, '--format', 'csv').stdout;
    expect(officers.slice(0, officers.indexOf('\n')).split(',').filter((key) => !/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(key))).toEqual([]);
    const a2 = (parse(officers, { columns: true }) as Row[]).find((row) => row.officer_id === 'A2')!;
    expect([a2.name, a2.team]).toEqual(["'@SUM(A1)", "'=1+1"]);
  });
});

describe('markdown output', () => {
  let markdown: string;
  beforeAll(() => {
    const evil = evilExport();
    markdown = run('cases', evil, '--format', 'markdown', '--all').stdout + run('officers', evil, '--format', 'markdown').stdout;
  });

  it('escapes | in cells so every row keeps its columns', () => {
    expect(markdown).toContain('| Team \\| Pipe |');
    expect(markdown).toContain('| a\\|b  |'); // the BEL, OSC title and screen clear gone
    // Each table (a run of lines starting with |) has as many cells on every line as in its heading.
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const tables = markdown.split(/\n(?!\|)/).map((block) => block.split('\n').filter((line) => line.startsWith('|'))).filter((lines) => lines.length > 0);
    expect(tables.map((lines) => lines.length)).toEqual([8, 4]); // heading, rule, 6 cases; heading, rule, 2 officers
    for (const lines of tables) for (const line of lines) expect([line, cells(line)]).toEqual([line, cells(lines[0]!)]);
  });

  it('neutralises formula cells', () => {
    expect(markdown).toContain(`| '=HYPERLINK("http://x") |`);
    expect(markdown).toContain("| '+1 |");
    expect(markdown).toContain("| '-2 |");
    expect(markdown).toContain("| '@SUM(A1) |");
    expect(markdown).toContain("| '=1+1 |");
    expect(markdown).not.toMatch(/\| [=+@]/);
  });

  it('keeps line breaks and control characters out of cells', () => {
    expect(markdown).toContain('| Smith, John "Jack" second line |');
    expect(markdown).not.toMatch(CONTROL);
    expect(markdown).toContain('| Evil Officer |');
    expect(markdown).not.toContain('title');
  });
});

describe('table output and colour', () => {
  let evil: string;
  beforeAll(() => {
    evil = evilExport();
  });
  const ESC = '\u001b';

  it('has no escape codes when stdout is not a terminal', () => {
    const result = run('report', evil);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('not_seen');
    expect(result.stdout).not.toContain(ESC);
  });

  it('keeps control characters and escape sequences from the input out of the table', () => {
    const output = run('cases', evil, '--all').stdout + run('report', evil).stdout;
    expect(output).not.toMatch(CONTROL);
    expect(output).toContain('Evil Officer');
    expect(output).toContain(' a|b ');
    expect(output).not.toContain('title');
    expect(output).toContain('Smith, John "Jack" second line');
  });

  it('colours with FORCE_COLOR=1 and with --color, and only with SGR codes of its own', () => {
    for (const result of [run('cases', evil, '--color'), runCli(['cases', evil, ...AS_OF], { env: { FORCE_COLOR: '1' } })]) {
      expect(result.stdout).toContain(`${ESC}[`);
      // Every escape is a colour (SGR), none from the export (its \u001b[31mEvil, \u001b[2J, OSC title).
      expect(result.stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toContain(ESC);
      expect(result.stdout).not.toContain(`${ESC}[31mEvil`);
    }
  });

  it('does not colour with NO_COLOR, even with FORCE_COLOR, nor with --no-color or FORCE_COLOR=0', () => {
    expect(runCli(['cases', evil, ...AS_OF], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    expect(runCli(['cases', evil, '--no-color', ...AS_OF], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(ESC);
    expect(runCli(['cases', evil, ...AS_OF], { env: { FORCE_COLOR: '0' } }).stdout).not.toContain(ESC);
  });

  it('never colours the machine formats', () => {
    for (const format of ['json', 'markdown']) {
      const result = runCli(['cases', evil, '--format', format, '--color', ...AS_OF], { env: { FORCE_COLOR: '3' } });
      expect([format, result.stdout.includes(ESC)]).toEqual([format, false]);
    }
  });
});

describe('--redact', () => {
  /** Every officer and person name in the sample export. */
  const names = [...new Set(['officers.csv', 'offenders.csv'].flatMap((file) =>
    (parse(readFileSync(join(FIXTURES, 'north-london', file)), { columns: true }) as Row[]).map((row) => row.name!).filter((name) => name !== ''),
  ))];
  const found = (text: string): string[] => names.filter((name) => text.includes(name));

  it('the sample has names to find: unredacted output is full of them', () => {
    expect(names.length).toBeGreaterThan(1500);
    expect(found(runCli(['report', SAMPLE, '--all', '--format', 'csv', ...AS_OF]).stdout).length).toBeGreaterThan(1500);
  });

  it.each([
    ['report', 'json', ['--all']],
    ['report', 'ndjson', ['--all']],
    ['report', 'csv', ['--all']],
    ['report', 'table', ['--all', '--limit', '100']],
    ['report', 'markdown', ['--all', '--limit', '100']], // all 47 officers, 100 cases
    ['officers', 'csv', []],
    ['teams', 'table', []], // managers' names
  ])('leaves every name out of %s --format %s', (command, format, extra) => {
    const result = runCli([command, SAMPLE, '--format', format, '--redact', ...AS_OF, ...extra]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(1000);
    expect(found(result.stdout + result.stderr)).toEqual([]);
  });

  it('keeps the shape: name keys are there, and null', () => {
    const doc = JSON.parse(runCli(['report', SAMPLE, '--json', '--redact', '--limit', '5', ...AS_OF]).stdout) as Record<string, Record<string, unknown>[]>;
    expect(doc.cases!.map((row) => [row.name, row.officer_name])).toEqual(Array(5).fill([null, null]));
    expect(doc.officers!.map((row) => row.name)).toEqual(Array(5).fill(null));
    expect(doc.managers!.map((row) => row.name)).toEqual(Array(doc.managers!.length).fill(null));
  });
});

describe('--fail-on and --quiet', () => {
  let dirs: Record<keyof typeof EXPORTS, string>;
  beforeAll(() => {
    dirs = Object.fromEntries(Object.entries(EXPORTS).map(([key, make]) => [key, make()])) as typeof dirs;
  });

  interface Judged {
    exitCode: number;
    doc: { cases: { flags: string[] }[]; officers: { flags: string[] }[] };
  }
  const judged = new Map<string, Judged>();
  /** `report DIR --json --all --fail-on KIND`, run once per export and kind. */
  const judge = (dir: keyof typeof EXPORTS, failOn: string): Judged => {
    const key = `${dir} ${failOn}`;
    if (!judged.has(key)) {
      const result = run('report', dirs[dir], '--fail-on', failOn, '--json', '--all');
      expect(result.stderr).toBe('');
      judged.set(key, { exitCode: result.exitCode, doc: JSON.parse(result.stdout) as Judged['doc'] }); // the report is still printed
    }
    return judged.get(key)!;
  };
  const exitCode = (dir: keyof typeof EXPORTS, failOn: string): number => judge(dir, failOn).exitCode;

  it('the tiny exports hold what they say they do', () => {
    const flagsOf = (dir: keyof typeof EXPORTS) => judge(dir, { clean: 'any', warning: 'any', overdue: 'overdue', lost: 'lost', officerOnly: 'any' }[dir]).doc;
    expect(flagsOf('clean')).toMatchObject({ cases: [{ flags: [] }], officers: [{ flags: [] }] });
    expect(flagsOf('warning')).toMatchObject({ cases: [{ flags: ['address_unknown'] }], officers: [{ flags: [] }] });
    expect(flagsOf('overdue')).toMatchObject({ cases: [{ flags: ['overdue'] }], officers: [{ flags: [] }] });
    expect(flagsOf('lost').cases).toMatchObject([{ flags: ['officer_left'] }]);
    expect(flagsOf('officerOnly')).toMatchObject({ cases: [{ flags: [] }], officers: [{ flags: ['no_supervision'] }] });
  });

  it('exits 0 on a clean export whatever --fail-on asks', () => {
    for (const kind of ['lost', 'overdue', 'warnings', 'any']) expect([kind, exitCode('clean', kind)]).toEqual([kind, 0]);
  });

  it('exits 1 exactly when the findings asked for are there', () => {
    expect(exitCode('lost', 'lost')).toBe(1);
    expect(exitCode('overdue', 'lost')).toBe(0);
    expect(exitCode('overdue', 'overdue')).toBe(1);
    expect(exitCode('warning', 'overdue')).toBe(0);
    expect(exitCode('warning', 'warnings')).toBe(1);
    expect(exitCode('lost', 'warnings')).toBe(0);
    expect(exitCode('warning', 'any')).toBe(1);
    expect(exitCode('officerOnly', 'warnings')).toBe(0);
    expect(exitCode('officerOnly', 'any')).toBe(1);
    expect(exitCode('overdue', 'lost,overdue')).toBe(1);
  });

  it('exits 1 on the sample, whatever the format, with the output printed in full', () => {
    const result = runCli(['cases', SAMPLE, '--fail-on', 'lost', '--limit', '1', '--format', 'csv', ...AS_OF]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(2); // header and the one case
  });

  it('--quiet prints nothing when nothing is flagged, in any command or format', () => {
    for (const [command, format] of [['report', 'table'], ['cases', 'json'], ['officers', 'table'], ['teams', 'ndjson']] as const) {
      const result = run(command, dirs.clean, '--quiet', '--format', format);
      expect([command, format, result.stdout, result.stderr, result.exitCode]).toEqual([command, format, '', '', 0]);
    }
  });

  it('--quiet prints as usual when something is flagged, and --fail-on still decides the exit code', () => {
    const result = run('cases', dirs.warning, '--quiet', '--fail-on', 'any');
    expect(result.stdout).toContain('address_unknown');
    expect(result.exitCode).toBe(1);
    expect(run('report', dirs.warning, '--quiet').stdout).toContain('Flagged cases by priority (1)');
    expect(run('officers', dirs.officerOnly, '--quiet').stdout).toContain('no_supervision');
  });

  it('--quiet never stays silent while --fail-on any fails: report shows flagged officers', () => {
    const result = run('report', dirs.officerOnly, '--quiet', '--fail-on', 'any');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('no_supervision');
    expect(run('cases', dirs.officerOnly, '--quiet').stdout).toBe(''); // cases shows no officer
  });
});

describe('exit codes and errors', () => {
  const oneLine = (result: CliResult): void => {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^caseload: [^\n]+\n$/);
    expect(result.stderr).not.toContain('    at ');
  };

  it.each([
    ['a bad --format', ['--format', 'xml'], '--format'],
    ['--limit 0', ['--limit', '0'], '--limit: expected a positive integer'],
    ['--limit abc', ['--limit', 'abc'], '--limit: expected a positive integer'],
    ['--limit -1', ['--limit', '-1'], '--limit: expected a positive integer'],
    ['a date that does not exist', ['--as-of', '2026-02-30'], '--as-of'],
    ['a date not written YYYY-MM-DD', ['--as-of', '16/11/2026'], '--as-of'],
    ['an unknown option', ['--bogus'], "unknown option '--bogus'"],
    ['an unknown --flag', ['--flag', 'nope'], '--flag'],
    ['an unknown --fail-on', ['--fail-on', 'sometimes'], '--fail-on'],
    ['a second folder', ['fixtures'], 'too many arguments'],
  ])('exits 2 on %s, with one line on stderr', (_name, extra, message) => {
    const result = runCli(['cases', SAMPLE, ...AS_OF, ...extra]);
    expect(result.exitCode).toBe(2);
    oneLine(result);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 on an option the command does not take, still on one line', () => {
    const result = runCli(['teams', SAMPLE, '--sort', 'lost']);
    expect(result.exitCode).toBe(2);
    oneLine(result);
  });

  it('exits 3 on a missing folder, naming it', () => {
    const result = runCli(['report', 'no/such/folder', ...AS_OF]);
    expect(result.exitCode).toBe(3);
    oneLine(result);
    expect(result.stderr).toContain('no/such/folder');
  });

  it('exits 3 on a missing required column, naming the file and the column', () => {
    const dir = exportDir([OFFICER], [{ crn: 'C1', name: 'Bob', risk: 'low' }]);
    const result = run('report', dir);
    expect(result.exitCode).toBe(3);
    oneLine(result);
    expect(result.stderr).toContain('offenders.csv');
    expect(result.stderr).toContain('officer_id');
  });

  it('keeps escape sequences from the export\'s headers out of the error line', () => {
    const dir = exportDir([OFFICER], [CASE], { 'offenders.csv': 'crn,\u001b[31mofficer\u001b[0m,risk\nC1,A1,low\n' });
    const result = run('report', dir);
    expect(result.exitCode).toBe(3);
    oneLine(result);
    expect(result.stderr).not.toMatch(CONTROL);
  });

  it('shows a stack trace only with --debug', () => {
    const result = runCli(['report', 'no/such/folder', '--debug', ...AS_OF]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/^caseload: no\/such\/folder: /);
    expect(result.stderr).toContain('    at ');
  });
});

describe('writing to a pipe', () => {
  const shell = (pipeline: string): CliResult => {
    const node = `"${process.execPath}" "${BIN}"`;
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'Europe/London' };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const result = spawnSync('bash', ['-c', pipeline.replace('caseload', node)], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status ?? -1 };
  };

  it('ends quietly when the reader goes away (| head -1)', () => {
    // No pipefail: the pipeline's status is head's; caseload's own is echoed after head's line.
    const result = shell(`caseload cases ${SAMPLE} --all --format ndjson --as-of 2026-11-16 | head -1; echo "caseload exit \${PIPESTATUS[0]}"`);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect((JSON.parse(lines[0]!) as { priority: number }).priority).toBe(1);
    expect(lines[1]).toBe('caseload exit 0');
    expect(result.exitCode).toBe(0);
  });

  it('writes a large JSON document whole through a pipe', () => {
    const result = shell(`caseload cases ${SAMPLE} --all --json --as-of 2026-11-16 | cat`);
    expect(result.stderr).toBe('');
    expect(result.stdout.length).toBeGreaterThan(1_000_000);
    const doc = JSON.parse(result.stdout) as { summary: { cases: number }; cases: unknown[] };
    expect(doc.cases).toHaveLength(doc.summary.cases);
  });
});
