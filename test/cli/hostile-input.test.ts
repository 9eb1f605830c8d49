/**
 * No input crashes caseload, loses a case, or reaches the user's terminal (SPEC 1.3, 3): the
 * built CLI on broken and hostile exports, each run on a 256 MB heap, so a read that held a
 * whole file or a runaway field in memory fails here. Each ends with a clear one-line error and
 * the SPEC's exit code, or reads on with the problem recorded as an issue; never a stack trace.
 *
 * (What test/read/bad-input.test.ts, test/read/stdin.test.ts, test/cli/output.test.ts and
 * test/config/cli.test.ts already cover is not repeated here.)
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';

const AS_OF = ['--as-of', '2026-11-16'];
/** A small heap: memory must not grow with a field, a line or a file. */
const LIMITED = { NODE_OPTIONS: '--max-old-space-size=256' };
/** C0/C1 control characters and DEL, a line feed aside. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const OFFICERS = 'officer_id,name\nP1,Ann Officer\n';
const OFFENDERS = 'crn,name,officer_id,risk\nX1,Bob Case,P1,low\nX2,Cy Case,P1,high\n';
const CONTACTS = 'crn,date,outcome\nX1,2026-11-10,attended\n';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

/** An export folder: the three good files, any of them replaced. */
function exportDir(files: Record<string, string | Buffer> = {}): string {
  const { dir, cleanup } = tempDir({ 'officers.csv': OFFICERS, 'offenders.csv': OFFENDERS, 'contacts.csv': CONTACTS, ...files });
  cleanups.push(cleanup);
  return dir;
}

function run(args: readonly string[], options: { input?: string | Buffer; cwd?: string } = {}): CliResult {
  return runCli([...args, ...AS_OF], { ...options, env: LIMITED });
}

/** One short line on stderr, nothing on stdout, the exit code, no stack trace, nothing a terminal acts on. */
function expectOneLineError(result: CliResult, exitCode: number, message: RegExp): void {
  expect(result.stderr).toMatch(/^caseload: [^\n]+\n$/);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain('    at ');
  expect(result.stderr).not.toMatch(CONTROL);
  expect(result.stderr.length).toBeLessThan(400);
  expect(result.stdout).toBe('');
  expect(result.exitCode).toBe(exitCode);
}

interface Json {
  inputs: { file: string; rows: number; used: number; rejected: number }[];
  summary: { cases: number };
  cases: { crn: string; name: string | null; flags: string[] }[];
  issues: { file: string; line: number | null; column: string | null; code: string; message: string }[];
}

/** `report --all --json`: it must succeed. */
function report(dir: string, ...extra: string[]): Json {
  const result = run(['report', dir, '--all', '--json', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as Json;
}

/** Deterministic bytes that are no text at all. */
function randomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let at = 0; at < length; at++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    bytes[at] = state >>> 24;
  }
  return bytes;
}

describe('empty and header-only files', () => {
  it.each(['officers.csv', 'offenders.csv', 'contacts.csv'])('an empty %s: exit 3, naming it', (file) => {
    const dir = exportDir({ [file]: '' });
    expectOneLineError(run(['report', dir]), 3, new RegExp(`${file}: empty file \\(no header line\\)$`, 'm'));
  });

  it.each([
    ['a byte-order mark alone', Buffer.from([0xef, 0xbb, 0xbf])],
    ['a UTF-16 byte-order mark alone', Buffer.from([0xff, 0xfe])],
    ['blank lines only', '\n\r\n  \n\t\n'],
    ['bare delimiters only', ',,,\n,,,\n'],
  ])('offenders.csv of %s: exit 3, empty file', (_name, content) => {
    expectOneLineError(run(['validate', exportDir({ 'offenders.csv': content })]), 3, /offenders\.csv: empty file \(no header line\)$/m);
  });

  it('a header-only offenders.csv: a failed export, not a clean week: exit 3', () => {
    const dir = exportDir({ 'offenders.csv': 'crn,officer_id,risk\n' });
    expectOneLineError(run(['report', dir]), 3, /offenders\.csv: no cases: no rows under its header; was the export cut short\?$/m);
  });

  it('a header-only officers.csv: exit 3, since every case would be unknown_officer', () => {
    const dir = exportDir({ 'officers.csv': 'officer_id,name\r\n' });
    expectOneLineError(run(['report', dir]), 3, /officers\.csv: no officers: no rows under its header; was the export cut short\?$/m);
  });

  it('a header-only contacts.csv, with a CR line end and no data: read, nobody seen', () => {
    const doc = report(exportDir({ 'contacts.csv': 'crn,date,outcome\r' }));
    expect(doc.inputs.find((input) => input.file === 'contacts')).toMatchObject({ rows: 0 });
    expect(doc.cases.every((result) => result.flags.includes('never_seen'))).toBe(true);
  });
});

describe('malformed CSV', () => {
  it('a repeated header: the first is read, and the repeat is recorded as an issue on line 1', () => {
    const dir = exportDir({ 'offenders.csv': 'crn,name,Name,officer_id,risk,CRN\nX1,Bob,Robert,P1,low,Y9\n' });
    const doc = report(dir);
    expect(doc.cases).toMatchObject([{ crn: 'X1', name: 'Bob' }]);
    expect(doc.issues.map((issue) => [issue.line, issue.column, issue.code])).toEqual([
      [1, 'crn', 'duplicate_column'],
      [1, 'name', 'duplicate_column'],
    ]);
    // In table mode the issues are summed up on stderr; --strict makes them an input error.
    const table = run(['report', dir]);
    expect(table.exitCode).toBe(0);
    expect(table.stderr).toMatch(/^caseload: 2 data issues \([^)]*offenders\.csv 2\); caseload validate lists them\n$/);
    expectOneLineError(run(['report', dir, '--strict']), 3, /offenders\.csv:1: header "CRN" repeats column crn; the first is read \(and 1 more issue\); --strict$/m);
  });

  it('an unclosed quote followed by megabytes: exit 3 at once, naming the line it opened on', () => {
    const rest = 'X9,Someone,P1,low\n'.repeat(300_000); // ~5 MB that would all be one field
    const dir = exportDir({ 'offenders.csv': `crn,name,officer_id,risk\nX1,Bob,P1,low\nX2,"Cy, unclosed,P1,low\n${rest}` });
    expectOneLineError(run(['report', dir]), 3, /offenders\.csv:3: a quoted field opened on this line is never closed$/m);
  });

  it('an unclosed quote in contacts.csv read across threads: the same error', () => {
    const rows = 'X1,2026-11-01,attended\n'.repeat(20_000);
    const dir = exportDir({ 'contacts.csv': `crn,date,outcome\n${rows}X2,"2026-11-02,attended\n${rows}` });
    const result = runCli(['report', dir, ...AS_OF, '--threads', '2'], { env: { ...LIMITED, CASELOAD_PARALLEL_MIN_BYTES: '0' } });
    expectOneLineError(result, 3, /contacts\.csv:20002: a quoted field opened on this line is never closed$/m);
  });

  it('NUL bytes inside fields are data: kept in JSON (escaped), stripped from the table', () => {
    const dir = exportDir({ 'offenders.csv': 'crn,name,officer_id,risk\nX1,Bo\u0000b,P1,low\nX\u00002,Cy,P1,low\n' });
    const doc = report(dir);
    expect(doc.cases.map((result) => [result.crn, result.name]).sort()).toEqual([
      ['X\u00002', 'Cy'],
      ['X1', 'Bo\u0000b'],
    ]);
    const json = run(['cases', dir, '--all', '--json']).stdout;
    expect(json).toContain('Bo\\u0000b');
    expect(json).not.toContain('\u0000');
    const table = run(['cases', dir, '--all']);
    expect(table.stdout).toContain(' Bob ');
    expect(table.stdout).not.toMatch(CONTROL);
  });

  it('UTF-16 without a byte-order mark (a NUL every other byte): exit 3, one line, no NUL on the terminal', () => {
    const dir = exportDir({ 'offenders.csv': Buffer.from(OFFENDERS, 'utf16le') });
    expectOneLineError(run(['report', dir]), 3, /offenders\.csv: missing required column crn/);
  });

  it.each(['officers.csv', 'offenders.csv', 'contacts.csv'])('random binary as %s: exit 3, not UTF-8, with the line', (file) => {
    const dir = exportDir({ [file]: randomBytes(256 * 1024, 7) });
    expectOneLineError(run(['report', dir]), 3, new RegExp(`${file.replace('.', '\\.')}:\\d+: not UTF-8 text \\(byte 0x[0-9A-F]{2}\\); for an export from an older system try --encoding windows-1252$`, 'm'));
  });

  it('random binary read as windows-1252 (every byte is a character): exit 3, a short line naming the file', () => {
    const dir = exportDir({ 'offenders.csv': randomBytes(256 * 1024, 11) });
    expectOneLineError(run(['report', dir, '--encoding', 'windows-1252']), 3, /offenders\.csv: missing required column crn/);
  });

  it('a header line of 3 MB without a line break (a wrong file): exit 3, and the error line stays short', () => {
    const dir = exportDir({ 'offenders.csv': `Reference number ${'x'.repeat(3 << 20)},officer,risk` });
    expectOneLineError(run(['report', dir]), 3, /offenders\.csv: missing required column crn; found Reference number x+…, officer, risk; to read another header as crn, name it in the config file: \{"columns":\{"offenders":\{"crn":\["<header>"\]\}\}\}$/m);
  });

  it.each([
    ['unquoted (the quote-free reader)', (big: string) => `crn,name,officer_id,risk\nX1,${big},P1,low\nX2,Cy,P1,low\n`],
    ['quoted, with commas, quotes and line breaks in it (csv-parse)', (big: string) => `crn,name,officer_id,risk\nX1,"${big}, ""and"",\nmore",P1,low\nX2,Cy,P1,low\n`],
  ])('a 3 MB field, %s, is read whole and the case kept', (_name, file) => {
    const big = 'Ann '.repeat(3 << 18); // 3 MiB
    const dir = exportDir({ 'offenders.csv': file(big) });
    const doc = report(dir);
    expect(doc.cases.map((result) => result.crn).sort()).toEqual(['X1', 'X2']);
    expect(doc.cases.find((result) => result.crn === 'X1')!.name!.startsWith(big.trim())).toBe(true);
    expect(doc.inputs.find((input) => input.file === 'offenders')).toMatchObject({ rows: 2, used: 2, rejected: 0 });
    // The table pads every row to the widest cell (tens of megabytes here), still in the small heap.
    const table = run(['cases', dir, '--all']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/│ X2 +│ Cy +│/);
  });

  it('10,000 columns: read, every case kept, quickly', () => {
    const extra = Array.from({ length: 9_997 }, (_, at) => `extra ${at}`);
    const rows = Array.from({ length: 50 }, (_, at) => [`X${at}`, 'P1', 'low', ...extra.map((_, column) => String(column % 10))].join(','));
    const started = Date.now();
    const doc = report(exportDir({ 'offenders.csv': [['crn', 'officer_id', 'risk', ...extra].join(','), ...rows].join('\n') + '\n' }));
    expect(doc.summary.cases).toBe(50);
    expect(doc.issues).toEqual([]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('10,000 columns all named crn: the first is read, each repeat recorded', () => {
    const dir = exportDir({ 'offenders.csv': `${Array(10_000).fill('crn').join(',')},officer_id,risk\n${Array(10_000).fill('X1').join(',')},P1,low\n` });
    const doc = report(dir);
    expect(doc.cases.map((result) => result.crn)).toEqual(['X1']);
    expect(doc.issues).toHaveLength(9_999);
    expect(new Set(doc.issues.map((issue) => `${issue.line} ${issue.column} ${issue.code}`))).toEqual(new Set(['1 crn duplicate_column']));
  });

  it('10,000 unknown columns and no required one: exit 3, the headers found summed up on one short line', () => {
    const header = Array.from({ length: 10_000 }, (_, at) => `column ${at}`).join(',');
    expectOneLineError(run(['report', exportDir({ 'offenders.csv': `${header}\n` })]), 3, /missing required column crn \(and officer_id, risk\); found column 0, .*column 7, … 9992 more; to read another header as crn, name it in the config file: .*$/m);
  });
});

/** Whether chmod 000 keeps this user out (it does not keep root out). */
function permissionsApply(): boolean {
  const { dir, cleanup } = tempDir({ 'probe.csv': 'x' });
  try {
    chmodSync(join(dir, 'probe.csv'), 0o000);
    readFileSync(join(dir, 'probe.csv'));
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(join(dir, 'probe.csv'), 0o600);
    cleanup();
  }
}
const UNREADABLE_TESTABLE = permissionsApply();

describe('files and folders that are not there, or not files', () => {
  it.each(['officers.csv', 'offenders.csv', 'contacts.csv'])('%s that is a folder: exit 3, naming it', (file) => {
    const files: Record<string, string> = { 'officers.csv': OFFICERS, 'offenders.csv': OFFENDERS };
    delete files[file];
    const { dir, cleanup } = tempDir({ ...files, [`${file}/inside.txt`]: 'x' });
    cleanups.push(cleanup);
    expectOneLineError(run(['report', dir]), 3, new RegExp(`${file.replace('.', '\\.')}: is a folder, not a file$`, 'm'));
  });

  it('--offenders naming a folder: exit 3', () => {
    const dir = exportDir();
    expectOneLineError(run(['report', dir, '--offenders', dir]), 3, /: is a folder, not a file$/m);
  });

  it('--contacts naming a file that does not exist: exit 3', () => {
    expectOneLineError(run(['report', exportDir(), '--contacts', 'no/such/contacts.csv']), 3, /^caseload: no\/such\/contacts\.csv: no such file$/m);
  });

  it('a folder without offenders.csv: exit 3, naming the file it looked for', () => {
    const { dir, cleanup } = tempDir({ 'officers.csv': OFFICERS });
    cleanups.push(cleanup);
    expectOneLineError(run(['report', dir]), 3, /offenders\.csv: no such file$/m);
  });

  it('a file given where the export folder goes: exit 3', () => {
    const dir = exportDir();
    expectOneLineError(run(['report', join(dir, 'officers.csv')]), 3, /officers\.csv: not a folder$/m);
  });

  // chmod 000 does not stop root (as these tests may run): then these two are skipped, honestly.
  it.skipIf(!UNREADABLE_TESTABLE)('an unreadable offenders.csv (chmod 000): exit 3, permission denied', () => {
    const dir = exportDir();
    chmodSync(join(dir, 'offenders.csv'), 0o000);
    try {
      expectOneLineError(run(['report', dir]), 3, /offenders\.csv: permission denied$/m);
    } finally {
      chmodSync(join(dir, 'offenders.csv'), 0o600);
    }
  });

  it.skipIf(!UNREADABLE_TESTABLE)('an unreadable export folder (chmod 000): exit 3, permission denied', () => {
    const dir = exportDir();
    chmodSync(dir, 0o000);
    try {
      expectOneLineError(run(['report', dir]), 3, /permission denied$/m);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('bad values on the command line and in the config file: exit 2', () => {
  it.each([
    ['29 February in a year that is not a leap year', ['--as-of', '2026-02-29'], /--as-of: expected a real date as YYYY-MM-DD, got "2026-02-29"/],
    ['a date without zero padding', ['--as-of', '2026-2-3'], /--as-of: expected a real date/],
    ['a date with a time', ['--as-of', '2026-11-16T00:00'], /--as-of: expected a real date/],
    ['an unknown encoding', ['--encoding', 'ebcdic'], /--encoding: unknown encoding "ebcdic"/],
    ['a two-character delimiter', ['--delimiter', ';;'], /--delimiter: expected one character, or tab/],
    ['a quote as the delimiter', ['--delimiter', '"'], /--delimiter: expected one character, or tab/],
    ['no threads', ['--threads', '0'], /--threads: expected a positive integer/],
  ])('%s', (_name, extra, message) => {
    // The last --as-of wins: these come after the good one.
    const result = runCli(['report', exportDir(), ...AS_OF, ...extra], { env: LIMITED });
    expectOneLineError(result, 2, message);
  });

  it('29 February in a leap year is a date', () => {
    expect(runCli(['validate', exportDir(), '--as-of', '2028-02-29'], { env: LIMITED }).exitCode).toBe(0);
  });

  it('diff --previous-as-of that does not exist', () => {
    const dir = exportDir();
    expectOneLineError(run(['diff', dir, dir, '--previous-as-of', '2026-02-30']), 2, /--previous-as-of: expected a real date/);
  });

  // (test/config/load.test.ts checks each value in-process; here, what reaches the user.)
  it.each([
    ['an unallocated_pattern that is no regular expression', '{"unallocated_pattern": "(N07U"}', /unallocated_pattern: expected a valid regular expression \(.*\)/],
    ['a number too large for JSON', '{"manager_span": 1e999}', /manager_span: expected a positive integer/],
    ['a __proto__ key', '{"__proto__": {"lost_after_days": 1}}', /: __proto__: unknown key$/m],
    ['a nested __proto__ key', '{"contact_standards": {"__proto__": {"high": 1}}}', /: contact_standards\.__proto__: unknown key$/m],
    ['binary', randomBytes(4096, 3), /: not valid JSON/],
  ])('a config with %s', (_name, text, message) => {
    const { dir, cleanup } = tempDir({ 'bad.json': text });
    cleanups.push(cleanup);
    expectOneLineError(run(['report', exportDir(), '--config', 'bad.json'], { cwd: dir }), 2, message);
  });

  it('a config that is a folder', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    mkdirSync(join(dir, 'caseload.config.json'));
    expectOneLineError(run(['report', exportDir()], { cwd: dir }), 2, /^caseload: caseload\.config\.json: cannot read config file$/m);
  });
});

describe('input text in output, error lines and stderr', () => {
  const ESCAPES = 'crn,name,officer_id,risk\nX1,"\u001b[31mRed\u001b[0m \u001b]0;pwned\u0007Ann\u009b2J",P1,"\u001b[2Jsevere"\n';

  it('JSON and NDJSON carry escape sequences as escaped data: parsed back, the very same characters; no raw ESC written', () => {
    const dir = exportDir({ 'offenders.csv': ESCAPES });
    for (const format of ['json', 'ndjson']) {
      const result = run(['cases', dir, '--all', '--format', format]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).not.toContain('\u001b');
      expect(result.stdout).not.toContain('\u0007');
      const record = format === 'json' ? (JSON.parse(result.stdout) as Json).cases[0]! : (JSON.parse(result.stdout.split('\n')[0]!) as Json['cases'][number]);
      expect(record.name).toBe('\u001b[31mRed\u001b[0m \u001b]0;pwned\u0007Ann\u009b2J');
    }
  });

  it('validate lists issues quoting such values, as a table and as markdown, with nothing a terminal acts on', () => {
    const dir = exportDir({ 'offenders.csv': ESCAPES });
    for (const format of ['table', 'markdown']) {
      const result = run(['validate', dir, '--format', format]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('risk: unknown value "severe"');
      expect(result.stdout).not.toMatch(CONTROL);
      expect(result.stdout).not.toContain('pwned');
    }
  });

  it('--strict quoting a value full of escape sequences: one plain line', () => {
    const dir = exportDir({ 'offenders.csv': 'crn,officer_id,risk\nX1,P1,"\u001b[2J\u001b]0;pwned\u0007high\r\nly"\n' });
    expectOneLineError(run(['report', dir, '--strict']), 3, /offenders\.csv:2: risk: unknown value "high ly"; --strict$/m);
  });

  it('the data-issue summary names a folder as given, but nothing in its name reaches the terminal', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const odd = join(dir, 'export\u001b[31m\u0007');
    mkdirSync(odd);
    writeFileSync(join(odd, 'officers.csv'), OFFICERS);
    writeFileSync(join(odd, 'offenders.csv'), 'crn,officer_id,risk\nX1,P1,severe\n');
    const result = run(['report', odd]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/^caseload: 1 data issue \(.*export\/offenders\.csv 1\); caseload validate lists them\n$/);
    expect(result.stderr + result.stdout).not.toMatch(CONTROL);
  });

  it('a path starting with = in validate --format csv is neutralised like any cell', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    mkdirSync(join(dir, '=HYPERLINK("x")'));
    writeFileSync(join(dir, '=HYPERLINK("x")', 'officers.csv'), OFFICERS);
    writeFileSync(join(dir, '=HYPERLINK("x")', 'offenders.csv'), 'crn,officer_id,risk\nX1,P1,severe\n');
    const result = run(['validate', '=HYPERLINK("x")', '--format', 'csv'], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/^"'=HYPERLINK\(""x""\)\/offenders\.csv",2,risk,invalid_value,/);
  });
});
