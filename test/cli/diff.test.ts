import { describe, expect, it } from 'vitest';
import { runCli, transcript } from '../helpers/cli.js';

const PREVIOUS = 'fixtures/weekly/2026-11-09';
const CURRENT = 'fixtures/weekly/2026-11-16';

describe('caseload diff', () => {
  it('prints what changed since last week (golden)', async () => {
    const args = ['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16'];
    await expect(transcript(args, runCli(args))).toMatchFileSnapshot('../golden/diff.table.txt');
  });

  it('takes the previous as-of date from a dated folder name', () => {
    const result = runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--json']);
    const document = JSON.parse(result.stdout);
    expect(document.previous_as_of).toBe('2026-11-09');
    expect(document.as_of).toBe('2026-11-16');
    expect(document.summary.newly_lost).toBe(1);
    expect(Object.keys(document)).toEqual(['schema_version', 'as_of', 'config', 'inputs', 'checks_skipped', 'previous_as_of', 'summary', 'cases', 'officers', 'issues']);
  });

  it('--previous-as-of overrides the folder name', () => {
    const result = runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--previous-as-of', '2026-11-02', '--json']);
    expect(JSON.parse(result.stdout).previous_as_of).toBe('2026-11-02');
  });

  it('--fail-on judges what is new: a newly lost case fails, nothing newly overdue passes', () => {
    expect(runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--fail-on', 'lost', '--quiet']).exitCode).toBe(1);
    expect(runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--fail-on', 'overdue', '--format', 'json']).exitCode).toBe(0);
    expect(runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--fail-on', 'warnings', '--format', 'json']).exitCode).toBe(1);
  });

  it('--quiet prints nothing when nothing is new, even though cases are still lost', () => {
    const result = runCli(['diff', CURRENT, CURRENT, '--as-of', '2026-11-16', '--previous-as-of', '2026-11-16', '--quiet', '--fail-on', 'any']);
    expect(result).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('streams one change per line as NDJSON', () => {
    const lines = runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--format', 'ndjson']).stdout.trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).crn)).toEqual(['C3', 'C2', 'C5', 'C4', 'C1', 'C6']);
  });

  it('--redact leaves the names out', () => {
    const output = runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--redact', '--format', 'json']).stdout;
    for (const name of ['Alpha One', 'Bravo Two', 'Olive Oak', 'Piers Pine']) expect(output).not.toContain(name);
  });

  it('needs both folders (exit 2)', () => {
    const result = runCli(['diff', PREVIOUS]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/missing required argument/);
  });
});

describe('diff CSV and NDJSON agree (issue 9)', () => {
  it('every CSV column is a field of the NDJSON rows', () => {
    const args = ['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16'];
    const header = runCli([...args, '--format', 'csv']).stdout.split('\n')[0]!.split(',');
    const first = JSON.parse(runCli([...args, '--format', 'ndjson']).stdout.split('\n')[0]!) as Record<string, unknown>;
    expect(header.filter((column) => !(column in first))).toEqual([]);
  });
});
