import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ROOT, runCli, runOnce, tempDir, transcript } from '../helpers/cli.js';

const PREVIOUS = 'fixtures/weekly/2026-11-09';
const CURRENT = 'fixtures/weekly/2026-11-16';
/** The weekly fixture's cases as diff lists them, each with its change: the changed ones, then the one still lost. */
const CHANGES_IN_ORDER = [
  ['C2', 'changed'],
  ['C5', 'appeared'],
  ['C4', 'changed'],
  ['C1', 'changed'],
  ['C6', 'disappeared'],
  ['C3', 'unchanged'],
];

describe('caseload diff', () => {
  it('prints what changed since last week (golden)', async () => {
    const args = ['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16'];
    await expect(transcript(args, runOnce(args))).toMatchFileSnapshot('../golden/diff.table.txt');
  });

  it('takes the previous as-of date from a dated folder name', () => {
    const result = runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--json']);
    const document = JSON.parse(result.stdout);
    expect(document.previous_as_of).toBe('2026-11-09');
    expect(document.as_of).toBe('2026-11-16');
    expect(document.summary.newly_lost).toBe(1);
    expect(Object.keys(document)).toEqual(['schema_version', 'as_of', 'config', 'inputs', 'checks_skipped', 'previous_as_of', 'summary', 'cases', 'unchanged', 'officers', 'issues']);
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
    const result = runCli(['diff', CURRENT, CURRENT, '--as-of', '2026-11-16', '--previous-as-of', '2026-11-15', '--quiet', '--fail-on', 'any']);
    expect(result).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('streams one change per line as NDJSON', () => {
    const lines = runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--format', 'ndjson']).stdout.trim().split('\n');
    // The changed cases, then the one still lost, which says it is unchanged.
    expect(lines.map((line) => [JSON.parse(line).crn, JSON.parse(line).change])).toEqual(CHANGES_IN_ORDER);
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

describe('caseload diff: the as-of dates (issue 9)', () => {
  it('takes both as-of dates from dated folder names when --as-of is not given', () => {
    const document = JSON.parse(runCli(['diff', PREVIOUS, CURRENT, '--json']).stdout);
    expect([document.previous_as_of, document.as_of]).toEqual(['2026-11-09', '2026-11-16']);
  });

  it('is a usage error (exit 2) when the previous export is not older: folders given the wrong way round', () => {
    const result = runCli(['diff', CURRENT, PREVIOUS]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "caseload: the previous export's date 2026-11-16 is not before the as-of date 2026-11-09: name the older export first (caseload diff PREV_DIR DIR), or give --previous-as-of\n",
    );
  });

  it.each(['2026-11-16', '2026-11-20'])('is a usage error (exit 2) with --previous-as-of %s, on or after --as-of', (previousAsOf) => {
    const result = runCli(['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16', '--previous-as-of', previousAsOf]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`caseload: --previous-as-of ${previousAsOf} is not before the as-of date 2026-11-16: the previous export must be older\n`);
  });
});

describe('caseload diff: only what changed counts as changed (issue 9)', () => {
  const args = ['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16'];

  it('JSON: cases holds the 5 with news, unchanged the one still lost; --all adds the unchanged unflagged one', () => {
    const document = JSON.parse(runOnce([...args, '--json']).stdout);
    expect(document.summary.changed).toBe(5);
    expect(document.cases.map((entry: { crn: string }) => entry.crn)).toEqual(['C2', 'C5', 'C4', 'C1', 'C6']);
    expect(document.unchanged.map((entry: { crn: string }) => entry.crn)).toEqual(['C3']);
    const all = JSON.parse(runOnce([...args, '--json', '--all']).stdout);
    expect(all.cases).toEqual(document.cases);
    expect(all.unchanged.map((entry: { crn: string }) => entry.crn)).toEqual(['C3', 'C7']);
  });

  it('table and markdown title the changed cases with their count and list the still lost apart', () => {
    const table = runOnce(args).stdout;
    expect(table).toMatch(/Changed cases by priority \(5\)/);
    expect(table).toMatch(/Still lost, unchanged \(1\)/);
    const markdown = runOnce([...args, '--format', 'markdown']).stdout;
    expect(markdown).toMatch(/## Changed cases by priority\n\n(.*\n){2}(\| \d* \| C\d .*\n){5}\n## Still lost, unchanged\n/);
    for (const output of [table, markdown]) expect(output).toMatch(/5 changed, 1 appeared, 1 gone, 1 reallocated/);
    expect(runOnce([...args, '--all']).stdout).toMatch(/Unchanged cases \(2\)/);
  });

  it('the email subject counts what changed', () => {
    const mail = runCli([...args, '--format', 'email', '--to', 'spo@probation.example', '--from', 'caseload@probation.example']).stdout;
    expect(mail).toMatch(/^Subject: caseload 2026-11-16: 1 newly lost, 0 newly overdue, 5 changed$/m);
  });

  it('CSV lists the changed cases, then the still lost, each with its change', () => {
    const rows = runOnce([...args, '--format', 'csv']).stdout.trim().split('\n').slice(1).map((line) => line.split(','));
    expect(rows.map((row) => [row[1], row[3]])).toEqual(CHANGES_IN_ORDER);
  });
});

/** An email's text bodies as written (soft line breaks joined, =XX bytes decoded); other text unchanged. */
function quotedPrintableDecoded(text: string): string {
  return Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

describe('caseload diff: officer status changes (issue 9)', () => {
  // The weekly pair, with a roster that changed more: P1 went sick, P2 came back, P3 vanished,
  // P4 joined; O2 left as before.
  const { dir, cleanup } = tempDir();
  const previous = join(dir, '2026-11-09');
  const current = join(dir, '2026-11-16');
  cpSync(join(ROOT, PREVIOUS), previous, { recursive: true });
  cpSync(join(ROOT, CURRENT), current, { recursive: true });
  const addOfficers = (folder: string, rows: string[]): void => {
    const file = join(folder, 'officers.csv');
    writeFileSync(file, readFileSync(file, 'utf8') + rows.map((row) => `${row}\n`).join(''));
  };
  addOfficers(previous, ['P1,Pat One,PO,Northside,Central,S1,37,active,', 'P2,Pat Two,PO,Northside,Central,S1,37,sick,2026-10-01', 'P3,Pat Three,PO,Northside,Central,S1,37,active,']);
  addOfficers(current, ['P1,Pat One,PO,Northside,Central,S1,37,sick,2026-11-12', 'P2,Pat Two,PO,Northside,Central,S1,37,active,', 'P4,Pat Four,PSO,Northside,Central,S1,37,active,']);
  afterAll(cleanup);
  const diff = (...extra: string[]) => runCli(['diff', previous, current, ...extra]);

  it('JSON: each officer whose status changed, with the kind of change, and the summary counts', () => {
    const document = JSON.parse(diff('--json').stdout);
    const changes = document.officers
      .filter((officer: { status_change: string | null }) => officer.status_change !== null)
      .map((officer: { officer_id: string; previous_status: string | null; status: string | null; status_change: string }) => [officer.officer_id, officer.previous_status, officer.status, officer.status_change]);
    expect(changes).toEqual([
      ['O2', 'active', 'left', 'left'],
      ['P1', 'active', 'sick', 'absent'],
      ['P2', 'sick', 'active', 'returned'],
      ['P3', 'active', null, 'removed'],
      ['P4', null, 'active', 'joined'],
    ]);
    expect(document.summary).toMatchObject({ officers_left: 1, officers_absent: 1, officers_returned: 1, officers_joined: 1, officers_removed: 1 });
  });

  it('table, markdown and email: the summary line and each officer\'s status with what it was', () => {
    for (const format of ['table', 'markdown', 'email']) {
      const output = quotedPrintableDecoded(diff('--format', format, '--to', 'spo@probation.example', '--include-names').stdout);
      expect(output).toMatch(/1 left, 1 went absent, 1 returned, 1 joined, 1 gone from the roster/);
      expect(output).toMatch(/sick \(was active\)/);
      expect(output).toMatch(/not on roster \(was active\)/);
      expect(output).toMatch(/active \(was not on roster\)/);
    }
  });

  it('CSV and NDJSON: each case says how its officer\'s status changed', () => {
    const ndjson = diff('--format', 'ndjson').stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(ndjson.find((entry) => entry.crn === 'C2').officer_status_change).toBe('left');
    const csv = diff('--format', 'csv').stdout.trim().split('\n');
    expect(csv[0]).toMatch(/,officer_status_change$/);
    expect(csv.find((line) => line.includes(',C2,'))).toMatch(/,left$/);
  });

  it('--quiet: an officer who went sick is news, even before any case of theirs shows it', () => {
    const { dir: quietDir, cleanup: quietCleanup } = tempDir();
    try {
      const before = join(quietDir, '2026-11-15');
      const after = join(quietDir, '2026-11-16');
      cpSync(join(ROOT, CURRENT), before, { recursive: true });
      cpSync(join(ROOT, CURRENT), after, { recursive: true });
      addOfficers(before, ['P1,Pat One,PO,Northside,Central,S1,37,active,']);
      addOfficers(after, ['P1,Pat One,PO,Northside,Central,S1,37,sick,2026-11-16']);
      const result = runCli(['diff', before, after, '--quiet']);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/1 went absent/);
    } finally {
      quietCleanup();
    }
  });
});

describe('diff CSV and NDJSON agree (issue 9)', () => {
  it('every CSV column is a field of the NDJSON rows', () => {
    const args = ['diff', PREVIOUS, CURRENT, '--as-of', '2026-11-16'];
    const header = runOnce([...args, '--format', 'csv']).stdout.split('\n')[0]!.split(',');
    const first = JSON.parse(runOnce([...args, '--format', 'ndjson']).stdout.split('\n')[0]!) as Record<string, unknown>;
    expect(header.filter((column) => !(column in first))).toEqual([]);
  });
});
