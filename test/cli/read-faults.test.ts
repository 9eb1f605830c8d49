/**
 * Faults while reading (issue 15): mixed line ends on every reading path, two files that match
 * one name, a file that changes while read, lines of megabytes, broken UTF-16. Each one once
 * lost cases or misreported while the run said success.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const AS_OF = ['--as-of', '2026-11-16'];
const folders: (() => void)[] = [];
afterAll(() => folders.forEach((cleanup) => cleanup()));

function folder(files: Record<string, string | Buffer>): string {
  const { dir, cleanup } = tempDir(files);
  folders.push(cleanup);
  return dir;
}

const ENDS = ['\n', '\r\n', '\r'];
/** Lines joined with LF, CRLF and CR in turn (`shift` rotates which comes first). */
const mixed = (lines: string[], shift = 0): string => lines.map((line, at) => line + ENDS[(at + shift) % 3]).join('');

const OFFICERS = ['officer_id,name,team', 'O1,Ann Ash,T1', 'O2,Bo Birch,T1'];
const CASES = 400;
function offenders(quoted: boolean): string[] {
  const lines = ['crn,officer_id,risk,name,start_date'];
  for (let n = 0; n < CASES; n++) lines.push(`X${1000 + n},O${(n % 2) + 1},medium,${quoted && n === 1 ? '"Person, One"' : `Person ${n}`},2025-01-01`);
  return lines;
}
function contacts(): string[] {
  const lines = ['crn,date,outcome,type'];
  for (let n = 0; n < 3000; n++) lines.push(`X${1000 + (n % CASES)},2026-${String(1 + (n % 10)).padStart(2, '0')}-15,attended,office`);
  lines.push('Z999,2026-03-01,attended,office'); // an unknown crn: its issue names its line
  return lines;
}

interface Report {
  summary: { cases: number };
  inputs: { rows: number }[];
  issues: { file: string; line: number; code: string }[];
  cases: { crn: string; last_contact: string | null }[];
}

function report(dir: string, threads: number): Report {
  const result = runCli(['report', dir, ...AS_OF, '--json', '--all', '--threads', String(threads)], { env: { CASELOAD_PARALLEL_MIN_BYTES: '0' } });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout.replaceAll(dir, '<dir>')) as Report;
}

describe('mixed line ends (LF, CRLF and CR in any mixture)', () => {
  it.each([
    ['the quote-free fast path and the threads', false],
    ['csv-parse, after a quote', true],
  ])('lose no case and no contact on %s', (_path, quoted) => {
    const dir = folder({
      'officers.csv': mixed(OFFICERS),
      'offenders.csv': mixed(offenders(quoted), 1),
      'contacts.csv': mixed(contacts(), 2),
    });
    const oneStream = report(dir, 1);
    expect(oneStream.summary.cases).toBe(CASES);
    expect(oneStream.inputs.map((input) => input.rows)).toEqual([2, CASES, 3001]);
    expect(oneStream.cases.every((result) => result.last_contact !== null)).toBe(true);
    const unknown = oneStream.issues.filter((issue) => issue.code === 'unknown_crn');
    expect(unknown.map((issue) => issue.line)).toEqual([3002]);
    // The threads split contacts.csv at any of the three line ends and agree with one stream.
    expect(report(dir, 2)).toEqual(oneStream);
    expect(report(dir, 3)).toEqual(oneStream);
  });

  it('a CRLF export with LF rows appended reads every row', () => {
    const rows = offenders(false);
    const dir = folder({
      'officers.csv': OFFICERS.join('\r\n') + '\r\n',
      'offenders.csv': rows.slice(0, 200).join('\r\n') + '\r\n' + rows.slice(200).join('\n') + '\n',
    });
    expect(report(dir, 1).summary.cases).toBe(CASES);
  });
});

describe('two files that match one name', () => {
  it('offenders.csv and Offenders.csv: an input error naming both (exit 3)', () => {
    const dir = folder({
      'officers.csv': OFFICERS.join('\n'),
      'offenders.csv': offenders(false).join('\n'),
      'Offenders.csv': offenders(false).slice(0, 3).join('\n'),
    });
    const result = runCli(['report', dir, ...AS_OF]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe(`caseload: ${dir}: ${join(dir, 'Offenders.csv')} and ${join(dir, 'offenders.csv')} both match offenders.csv; keep one, or name it with --offenders\n`);
  });
});

describe('a file that changes while it is read', () => {
  const HOOK = join(ROOT, 'test/helpers/file-fault.mjs');
  const bigContacts = (): string => {
    const lines = contacts();
    for (let n = 0; n < 20_000; n++) lines.push(`X${1000 + (n % CASES)},2026-05-${String(1 + (n % 28)).padStart(2, '0')},attended,office`);
    return lines.join('\n') + '\n';
  };
  const run = (fault: string, threads: number) => {
    const dir = folder({ 'officers.csv': OFFICERS.join('\n'), 'offenders.csv': offenders(false).join('\n'), 'contacts.csv': bigContacts() });
    const file = join(dir, 'contacts.csv');
    const result = runCli(['report', dir, ...AS_OF, '--json', '--threads', String(threads)], {
      env: { CASELOAD_PARALLEL_MIN_BYTES: '0', NODE_OPTIONS: `--import=${HOOK}`, CASELOAD_TEST_FAULT_FILE: file, CASELOAD_TEST_FAULT: fault },
    });
    return { result, file };
  };

  it.each([
    ['truncate', 1, 'changed while being read'],
    ['truncate', 2, 'changed while being read'],
    ['grow', 1, 'changed while being read'],
    ['grow', 2, 'changed while being read'],
    ['remove', 1, 'removed while being read'],
    ['remove', 2, 'removed while being read'],
  ])('%s, %i thread(s): exit 3 naming the file, no partial report', (fault, threads, said) => {
    const { result, file } = run(fault as string, threads as number);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^caseload: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${said}[^\n]*; read it again once the export is complete\n$`));
    expect(result.exitCode).toBe(3);
  });
});

describe('lines of megabytes: an input error, in time linear in the input', () => {
  const MiB = 2 ** 20;
  it.each([
    ['a header of NULs with no line end', (): Buffer => Buffer.alloc(40 * MiB), 'offenders.csv:1'],
    ['a 40 MB field with no line end', (): Buffer => Buffer.concat([Buffer.from('crn,officer_id,risk\nX1,O1,low\nX2,O1,'), Buffer.alloc(40 * MiB, 'a')]), 'offenders.csv:3'],
    ['a 40 MB quoted field', (): Buffer => Buffer.concat([Buffer.from('crn,officer_id,risk\nX1,O1,low\nX2,O1,"'), Buffer.alloc(40 * MiB, 'a'), Buffer.from('"\n')]), 'offenders.csv:3'],
  ])('%s', (_what, content, where) => {
    const dir = folder({ 'officers.csv': OFFICERS.join('\n'), 'offenders.csv': content() });
    const started = performance.now();
    const result = runCli(['report', dir, ...AS_OF]);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.stderr).toBe(`caseload: ${join(dir, where)}: a line longer than 16 MiB; this does not look like a CSV export\n`);
    expect(result.exitCode).toBe(3);
  });
});

describe('UTF-16 that is not UTF-16: an input error, as bad UTF-8 is', () => {
  const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const body = 'crn,officer_id,risk\nX1,O1,low\nX2,O1,high\n';

  it('an odd byte count', () => {
    const dir = folder({ 'officers.csv': OFFICERS.join('\n'), 'offenders.csv': Buffer.concat([utf16(body), Buffer.from([0x41])]) });
    const result = runCli(['report', dir, ...AS_OF]);
    expect(result.stderr).toMatch(/^caseload: .*offenders\.csv:4: not UTF-16 text \(the file ends inside a character/);
    expect(result.exitCode).toBe(3);
  });

  it('a lone surrogate, named with its line', () => {
    const dir = folder({ 'officers.csv': OFFICERS.join('\n'), 'offenders.csv': utf16(`${body}X3,O1,\uD800low\n`) });
    const result = runCli(['report', dir, ...AS_OF]);
    expect(result.stderr).toBe(`caseload: ${join(dir, 'offenders.csv')}:4: not UTF-16 text (a lone surrogate 0xD800)\n`);
    expect(result.exitCode).toBe(3);
  });

  it('good UTF-16 still reads', () => {
    const dir = folder({ 'officers.csv': OFFICERS.join('\n'), 'offenders.csv': utf16(`${body}X3,O1,low\n`) });
    const result = runCli(['report', dir, ...AS_OF, '--json']);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as Report).summary.cases).toBe(3);
  });
});
