/** SPEC 1: `-` means standard input, for one file at most (the built CLI, as a shell user runs it). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, runCli } from '../helpers/cli.js';

const CANONICAL = join(FIXTURES, 'shapes/canonical');
const AS_OF = ['--as-of', '2026-11-16'];

interface CaseJson {
  crn: string;
  name: string | null;
  [key: string]: unknown;
}

function casesOf(stdout: string): CaseJson[] {
  return (JSON.parse(stdout) as { cases: CaseJson[] }).cases;
}

describe('--offenders - reads offenders.csv from standard input', () => {
  it('reads the same cases as the file itself', () => {
    const fromFile = runCli(['cases', CANONICAL, '--all', '--json', ...AS_OF]);
    const fromStdin = runCli(['cases', CANONICAL, '--offenders', '-', '--all', '--json', ...AS_OF], {
      input: readFileSync(join(CANONICAL, 'offenders.csv')),
    });
    expect(fromStdin.stderr).toBe('');
    expect(fromStdin.exitCode).toBe(0);
    expect(casesOf(fromStdin.stdout)).toEqual(casesOf(fromFile.stdout));
    expect(casesOf(fromStdin.stdout)).toHaveLength(11); // 12 cases, one terminated
    const inputs = (JSON.parse(fromStdin.stdout) as { inputs: { file: string; path: string; rows: number }[] }).inputs;
    expect(inputs.find((input) => input.file === 'offenders')).toMatchObject({ path: '<stdin>', rows: 12 });
  });

  it('reads a path that is a named pipe from where it is, as it reads the file: only a regular file is read ahead at offsets', () => {
    const folder = mkdtempSync(join(tmpdir(), 'caseload-fifo-'));
    try {
      // 300 KB: the pipe gives it in several reads.
      const sample = join(FIXTURES, 'north-london');
      execFileSync('mkfifo', [join(folder, 'offenders.csv')]);
      const fromFile = runCli(['cases', sample, '--all', '--json', ...AS_OF]);
      const command = `cat "${join(sample, 'offenders.csv')}" > offenders.csv & exec "${process.execPath}" "${BIN}" cases "${sample}" --offenders offenders.csv --all --json --as-of 2026-11-16`;
      const fromPipe = spawnSync('sh', ['-c', command], { cwd: folder, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
      expect(fromPipe.stderr).toBe('');
      expect(fromPipe.status).toBe(0);
      expect(casesOf(fromPipe.stdout).length).toBeGreaterThan(1000);
      expect(casesOf(fromPipe.stdout)).toEqual(casesOf(fromFile.stdout));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('names <stdin> in issues, with the physical line', () => {
    const result = runCli(['validate', CANONICAL, '--offenders', '-', '--json', ...AS_OF], {
      input: 'crn,officer_id,risk,name\nX1,P101,low,"Ann\nLee"\n\nX2,P101,severe,Bob\n',
    });
    expect(result.exitCode).toBe(0);
    const { issues } = JSON.parse(result.stdout) as { issues: { file: string }[] };
    // (The folder's contacts are for other crns: those issues name contacts.csv.)
    expect(issues.filter((issue) => !issue.file.endsWith('contacts.csv'))).toEqual([{ file: '<stdin>', line: 5, column: 'risk', code: 'invalid_value', message: 'risk: unknown value "severe"' }]);
  });

  it('detects UTF-16 with a BOM on standard input', () => {
    const result = runCli(['cases', CANONICAL, '--offenders', '-', '--all', '--json', ...AS_OF], {
      input: readFileSync(join(FIXTURES, 'shapes/utf16-tab/offenders.csv')),
    });
    expect(result.exitCode).toBe(0);
    expect(casesOf(result.stdout).map((record) => record.name)).toContain('Anne\nMarie Jones');
  });

  it('--contacts - works alongside a folder', () => {
    const result = runCli(['cases', CANONICAL, '--contacts', '-', '--all', '--json', ...AS_OF], {
      input: 'crn,date,outcome\nX000009,2026-11-15,attended\n',
    });
    expect(result.exitCode).toBe(0);
    expect(casesOf(result.stdout).find((record) => record.crn === 'X000009')).toMatchObject({ last_contact: '2026-11-15', days_since_contact: 1 });
  });

  it('--strict names <stdin>:line in its one-line error (exit 3)', () => {
    const result = runCli(['validate', CANONICAL, '--offenders', '-', '--strict', ...AS_OF], { input: 'crn,officer_id,risk\nX1,P101,low\n,P101,low\n' });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^caseload: <stdin>:3: crn: empty[^\n]*\n$/);
  });

  it('bytes on standard input that are not UTF-8: exit 3, naming <stdin> and the line', () => {
    const result = runCli(['validate', CANONICAL, '--offenders', '-', ...AS_OF], { input: Buffer.from('crn,officer_id,risk\nX1,P101,low\nX2,P101,Jos\xe9\n', 'latin1') });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^caseload: <stdin>:3: not UTF-8 text \(byte 0xE9\); for an export from an older system try --encoding windows-1252\n$/);
  });

  it('a 3 MB field on standard input, in a 256 MB heap: read whole', () => {
    const big = 'Ann '.repeat(3 << 18);
    const result = runCli(['cases', CANONICAL, '--offenders', '-', '--all', '--json', ...AS_OF], {
      input: `crn,officer_id,risk,name\nX1,P101,low,"${big}"\nX2,P101,low,Bob\n`,
      env: { NODE_OPTIONS: '--max-old-space-size=256' },
    });
    expect(result.exitCode).toBe(0);
    const cases = casesOf(result.stdout);
    expect(cases.map((record) => record.crn).sort()).toEqual(['X1', 'X2']);
    expect(cases.find((record) => record.crn === 'X1')!.name).toBe(big.trim());
  });

  it('empty standard input is an input error (exit 3)', () => {
    const result = runCli(['validate', CANONICAL, '--offenders', '-', ...AS_OF], { input: '' });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe('caseload: <stdin>: empty file (no header line)\n');
  });
});

describe('two files on standard input', () => {
  it.each([
    [['--officers', '-', '--offenders', '-']],
    [['--offenders', '-', '--contacts', '-']],
    [['--officers', '-', '--contacts', '-']],
    [['--officers', '-', '--offenders', '-', '--contacts', '-']],
  ])('%j is a usage error (exit 2), one line', (files) => {
    const result = runCli(['validate', CANONICAL, ...files, ...AS_OF], { input: 'crn,officer_id,risk\nX1,P1,low\n' });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('caseload: standard input (-) can stand for one file at most\n');
  });
});
