/** SPEC 4 through the built CLI: --config, caseload.config.json in the working directory. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const CANONICAL = join(FIXTURES, 'shapes/canonical');
const AS_OF = ['--as-of', '2026-11-16'];

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function dirWith(files: Record<string, string>): string {
  const { dir, cleanup } = tempDir(files);
  cleanups.push(cleanup);
  return dir;
}

interface Json {
  config: { lost_after_days: number; contact_standards: { high: number } };
  cases: { crn: string; overdue: boolean; standard_days: number }[];
}

describe('--config with a bad file', () => {
  it.each([
    ['an unknown key', '{"contact_standards": {"extra": 3}}', 'caseload: bad.json: contact_standards.extra: unknown key\n'],
    ['invalid JSON', '{\n  "lost_after_days": 56,\n}\n', 'caseload: bad.json:3: not valid JSON (Expected double-quoted property name in JSON at position 27)\n'],
  ])('%s: exit 2, one line on stderr, no stack trace', (_name, text, stderr) => {
    const cwd = dirWith({ 'bad.json': text });
    const result = runCli(['report', CANONICAL, '--config', 'bad.json', ...AS_OF], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(stderr);
  });

  it('a missing --config file: exit 2', () => {
    const result = runCli(['cases', CANONICAL, '--config', 'missing.json', ...AS_OF], { cwd: dirWith({}) });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('caseload: missing.json: no such config file\n');
  });

  it('--debug adds the stack trace', () => {
    const cwd = dirWith({ 'bad.json': '{"lost_after_days": -1}' });
    const result = runCli(['report', CANONICAL, '--config', 'bad.json', '--debug', ...AS_OF], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('caseload: bad.json: lost_after_days: expected a positive integer (got -1)');
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('caseload.config.json in the working directory', () => {
  it('is picked up without --config, and changes the analysis', () => {
    const cwd = dirWith({ 'caseload.config.json': JSON.stringify({ lost_after_days: 120, contact_standards: { high: 30 } }) });
    const tuned = runCli(['cases', CANONICAL, '--all', '--json', ...AS_OF], { cwd });
    expect(tuned.exitCode).toBe(0);
    const after = JSON.parse(tuned.stdout) as Json;
    expect(after.config.lost_after_days).toBe(120);
    expect(after.config.contact_standards.high).toBe(30);
    // X000001 is high risk: its standard is 7 days by default, 30 with this file.
    expect(after.cases.find((record) => record.crn === 'X000001')!.standard_days).toBe(30);
  });

  it('is where a bad config is reported from, by name', () => {
    const cwd = dirWith({ 'caseload.config.json': '{"date_order": "ymd"}' });
    const result = runCli(['validate', CANONICAL, ...AS_OF], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('caseload: caseload.config.json: date_order: expected "dmy" or "mdy" (got "ymd")\n');
  });

  it('gives way to --config', () => {
    const cwd = dirWith({ 'caseload.config.json': '{"date_order": "ymd"}', 'good.json': '{"lost_after_days": 70}' });
    const result = runCli(['cases', CANONICAL, '--json', '--config', 'good.json', ...AS_OF], { cwd });
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as Json).config.lost_after_days).toBe(70);
  });

  it('config columns let an export with its own headers be read', () => {
    const exportFiles = { 'export/officers.csv': 'officer_id,name\nP1,Ann\n', 'export/offenders.csv': 'Ref No,OM,Harm Band\nX1,P1,high\n' };
    const without = runCli(['validate', 'export', ...AS_OF], { cwd: dirWith(exportFiles) });
    expect(without.exitCode).toBe(3);
    expect(without.stderr).toMatch(/^caseload: export\/offenders\.csv: missing required column crn \(and officer_id, risk\); found Ref No, OM, Harm Band; to read another header as crn, name it in the config file: \{"columns":\{"offenders":\{"crn":\["<header>"\]\}\}\}\n$/);
    const cwd = dirWith({
      ...exportFiles,
      'caseload.config.json': JSON.stringify({ columns: { offenders: { crn: ['Ref No'], officer_id: ['OM'], risk: ['Harm Band'] } } }),
    });
    const result = runCli(['cases', 'export', '--all', '--json', ...AS_OF], { cwd });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as Json).cases.map((record) => record.crn)).toEqual(['X1']);
  });
});
