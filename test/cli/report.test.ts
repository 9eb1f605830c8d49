/**
 * `caseload report`: golden transcripts of every format on the north-london sample, and the JSON
 * contract of SPEC 3 (keys, dates, nulls, determinism) checked on the whole document.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ROOT, runCli, runOnce, tempDir, transcript, type CliResult } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];

type Json = Record<string, unknown>;

const GOLDENS: [format: string, extra: string[]][] = [
  ['table', []],
  ['json', ['--limit', '5']],
  ['ndjson', ['--limit', '5']],
  ['csv', ['--limit', '5']],
  ['markdown', ['--limit', '5']],
];

describe('caseload report: golden transcripts', () => {
  it.each(GOLDENS)('--format %s', async (format, extra) => {
    const args = ['report', SAMPLE, '--format', format, ...AS_OF, ...extra];
    const result = runOnce(args);
    expect(result.exitCode).toBe(0);
    // Only the table, for a person, gets the data-issue note on stderr; scripts get clean output.
    if (format === 'table') expect(result.stderr).toMatch(/^caseload: 9 data issues \(.*\); caseload validate lists them\n$/);
    else expect(result.stderr).toBe('');
    // --limit 5 caps the officers and the cases in every format.
    const rows = {
      table: () => [result.stdout.split('\n').filter((line) => /^│ N07/.test(line)).length, result.stdout.split('\n').filter((line) => /^│\s+\d+ │ X/.test(line)).length],
      json: () => [(JSON.parse(result.stdout) as { officers: unknown[] }).officers.length, (JSON.parse(result.stdout) as { cases: unknown[] }).cases.length],
      ndjson: () => [0, result.stdout.trimEnd().split('\n').length],
      csv: () => [0, result.stdout.trimEnd().split('\n').length - 1],
      markdown: () => [result.stdout.split('\n').filter((line) => line.startsWith('| N07')).length, result.stdout.split('\n').filter((line) => /^\| \d+ \| X/.test(line)).length],
    }[format]!();
    expect(rows).toEqual(format === 'table' ? [10, 20] : [format === 'json' || format === 'markdown' ? 5 : 0, 5]);
    await expect(transcript(args, result)).toMatchFileSnapshot(`../golden/report.${format}.txt`);
  });
});

const TOP_KEYS = ['schema_version', 'as_of', 'config', 'inputs', 'checks_skipped', 'summary', 'officers', 'managers', 'teams', 'pdus', 'peer_groups', 'cases', 'issues'];
const CASE_KEYS = ['crn', 'name', 'officer_id', 'team', 'pdu', 'risk', 'tier', 'status', 'last_contact', 'days_since_contact', 'standard_days', 'overdue', 'days_overdue', 'lost', 'flags', 'priority', 'reset', 'reset_date', 'next_contact_due', 'assessment_due', 'ends_in_days'];
const OFFICER_KEYS = ['officer_id', 'name', 'grade', 'team', 'pdu', 'manager_id', 'status', 'caseload', 'by_risk', 'points', 'capacity_points', 'capacity_pct', 'overdue', 'lost', 'flags'];
const DATE_KEYS = new Set(['as_of', 'last_contact', 'start_date', 'end_date', 'status_since', 'reset_date', 'next_contact_due', 'assessment_due']);

/** Every object key in the document with its path; tier codes (A3…D0) are data, not keys. */
function keysOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keysOf(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    `${path}.${key}`,
    // The tier tables are keyed by tier (A3 … D0), as the WMT names them.
    ...(path === '.config.points' && ['community', 'licence', 'custody'].includes(key) ? [] : keysOf(inner, `${path}.${key}`)),
  ]);
}

/** [path, value] of every key named like a date, anywhere in the document. */
function datesOf(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => datesOf(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]): [string, unknown][] =>
    DATE_KEYS.has(key) ? [[`${path}.${key}`, inner]] : datesOf(inner, `${path}.${key}`),
  );
}

describe('caseload report --json: the SPEC 3 document', () => {
  const args = ['report', SAMPLE, '--json', '--all', ...AS_OF];
  let first: CliResult;
  let doc: Json;
  beforeAll(() => {
    first = runOnce(args);
    doc = JSON.parse(first.stdout) as Json;
  });

  it('is one object with the SPEC keys, in order, and schema_version 1', () => {
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toBe('');
    expect(Object.keys(doc)).toEqual(TOP_KEYS);
    expect(doc.schema_version).toBe(1);
    expect(doc.as_of).toBe('2026-11-16');
  });

  it('is byte-identical across runs and whatever the local time zone', () => {
    const again = runCli(args);
    const kiritimati = runCli(args, { env: { TZ: 'Pacific/Kiritimati' } });
    const losAngeles = runCli(args, { env: { TZ: 'America/Los_Angeles' } });
    expect(again.stdout).toBe(first.stdout);
    // Compare the two far zones with each other, not only with London: a day apart at any instant.
    expect(kiritimati.stdout).toBe(losAngeles.stdout);
    expect(kiritimati.stdout).toBe(first.stdout);
  });

  it('--json is --format json', () => {
    expect(runCli(['report', SAMPLE, '--format', 'json', '--all', ...AS_OF]).stdout).toBe(first.stdout);
  });

  it('pretty-prints the top level and writes one case, officer or issue per line', () => {
    const lines = first.stdout.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "schema_version": 1,');
    const caseLines = lines.filter((line) => line.startsWith('    {"crn":'));
    expect(caseLines).toHaveLength((doc.cases as Json[]).length);
    expect(caseLines.map((line) => JSON.parse(line.replace(/,$/, '')).crn)).toEqual((doc.cases as { crn: string }[]).map((result) => result.crn));
    expect(lines.filter((line) => line.startsWith('    {"officer_id":'))).toHaveLength((doc.officers as Json[]).length);
  });

  it('uses snake_case keys throughout', () => {
    const keys = keysOf(doc);
    expect(keys.length).toBeGreaterThan(1000);
    const bad = keys.filter((path) => !/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(path.slice(path.lastIndexOf('.') + 1)));
    expect(bad).toEqual([]);
  });

  it('writes every date as YYYY-MM-DD or null', () => {
    const dates = datesOf(doc);
    expect(dates.filter(([, value]) => typeof value === 'string').length).toBeGreaterThan(2000);
    const bad = dates.filter(([, value]) => !(value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))));
    expect(bad).toEqual([]);
  });

  it('gives every case the SPEC fields, the same keys on every case, nulls for absent values and sorted flags', () => {
    const cases = doc.cases as Json[];
    const shape = Object.keys(cases[0]!);
    expect(shape).toEqual(expect.arrayContaining(CASE_KEYS));
    for (const result of cases) {
      expect(Object.keys(result)).toEqual(shape);
      const flags = result.flags as string[];
      expect(flags).toEqual([...flags].sort());
      expect(result.lost === true || result.lost === false).toBe(true);
    }
    // The sample holds cases with no officer, no tier and never seen: those are null, not "" or missing.
    const unallocated = cases.find((result) => (result.flags as string[]).includes('unallocated'))!;
    expect(unallocated.officer_id).toBeNull();
    // With no officer, the case's own team column places it (the sample export carries one).
    expect(unallocated.team).toMatch(/^(Barnet|Camden North|Camden South|Enfield|Haringey|Islington)$/);
    const neverSeen = cases.find((result) => (result.flags as string[]).includes('never_seen'))!;
    expect(neverSeen.last_contact).toBeNull();
    expect(neverSeen.days_since_contact).toBeNull();
    expect(cases.some((result) => result.risk === null)).toBe(true);
    expect(cases.every((result) => result.name !== '' && result.tier !== '' && result.team !== '')).toBe(true);
  });

  it('gives every officer the SPEC fields, by_risk counts that add up, and sorted flags', () => {
    const officers = doc.officers as Json[];
    expect(officers).toHaveLength(47); // 45 on the roster and 2 unknown officer_ids the cases point to
    for (const officer of officers) {
      expect(Object.keys(officer)).toEqual(expect.arrayContaining(OFFICER_KEYS));
      const byRisk = officer.by_risk as Record<string, number>;
      expect(Object.keys(byRisk).sort()).toEqual(['high', 'low', 'medium', 'unknown', 'very_high']);
      expect(Object.values(byRisk).reduce((sum, count) => sum + count, 0)).toBe(officer.caseload);
      const flags = officer.flags as string[];
      expect(flags).toEqual([...flags].sort());
    }
    const unknown = officers.filter((officer) => (officer.flags as string[]).includes('unknown_officer'));
    expect(unknown.map((officer) => [officer.name, officer.grade, officer.team, officer.status])).toEqual([
      [null, null, null, null],
      [null, null, null, null],
    ]);
  });

  it('has a summary that agrees with the cases it lists (--all)', () => {
    const summary = doc.summary as Json;
    const cases = doc.cases as Json[];
    expect(cases).toHaveLength(summary.cases as number);
    expect(summary.cases).toBe(2050);
    expect(summary.officers).toBe(45);
    expect(cases.filter((result) => result.lost)).toHaveLength(summary.lost as number);
    expect(cases.filter((result) => result.overdue)).toHaveLength(summary.overdue as number);
    expect(cases.filter((result) => result.status === 'active')).toHaveLength(summary.active as number);
    for (const [code, count] of Object.entries(summary.flags as Record<string, number>)) {
      expect([code, cases.filter((result) => (result.flags as string[]).includes(code)).length]).toEqual([code, count]);
    }
    expect(doc.issues as unknown[]).toHaveLength(9);
    expect(summary.issues).toBe(9);
  });

  it('reconciles each input: rows read = rows used + rows rejected', () => {
    const inputs = doc.inputs as Json[];
    expect(inputs.map((input) => input.file)).toEqual(['officers', 'offenders', 'contacts']);
    for (const input of inputs) {
      expect(Object.keys(input)).toEqual(expect.arrayContaining(['path', 'rows', 'used', 'rejected']));
      expect((input.used as number) + (input.rejected as number)).toBe(input.rows);
    }
  });

  it('carries file, line, column, code and message on every issue', () => {
    for (const issue of doc.issues as Json[]) {
      expect(Object.keys(issue)).toEqual(expect.arrayContaining(['file', 'line', 'column', 'code', 'message']));
      expect(issue.line).toEqual(expect.any(Number));
    }
  });
});

describe('caseload report: other formats', () => {
  it('--format ndjson prints the flagged cases, one object per line, in priority order', () => {
    const result = runCli(['report', SAMPLE, '--format', 'ndjson', '--limit', '40', ...AS_OF]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    const lines = result.stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(40);
    const rows = lines.map((line) => JSON.parse(line) as Json);
    expect(rows.every((row) => typeof row.crn === 'string' && (row.flags as string[]).length > 0)).toBe(true);
    const priorities = rows.map((row) => row.priority as number);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    expect(priorities[0]).toBe(1);
  });

  it('--quiet still prints the report when something is flagged', () => {
    const result = runCli(['report', SAMPLE, '--quiet', ...AS_OF]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Caseload report: fixtures\/north-london, as of 2026-11-16\n/);
    expect(result.stdout).toContain('Flagged cases by priority (1,804)');
  });
});

describe('caseload report --team: a filter scopes the whole report (issue 9)', () => {
  let scoped: Json & { summary: Json; officers: Json[]; teams: Json[]; pdus: Json[]; managers: Json[]; cases: Json[] };
  let everyCase: Json[];
  beforeAll(() => {
    scoped = JSON.parse(runCli(['report', SAMPLE, '--json', '--team', 'Islington', ...AS_OF]).stdout) as typeof scoped;
    everyCase = (JSON.parse(runOnce(['cases', SAMPLE, '--all', '--json', ...AS_OF]).stdout) as { cases: Json[] }).cases;
  });

  it("the summary, officers, teams and cases are the team's", () => {
    const islington = everyCase.filter((result) => result.team === 'Islington');
    expect(scoped.summary).toMatchObject({ cases: islington.length, lost: islington.filter((result) => result.lost).length, terminated: null });
    expect(scoped.officers.length).toBeGreaterThan(0);
    expect(scoped.officers.every((officer) => officer.team === 'Islington')).toBe(true);
    expect(scoped.summary.officers).toBe(scoped.officers.filter((officer) => officer.status !== null).length);
    expect(scoped.teams.map((team) => team.name)).toEqual(['Islington']);
    expect(scoped.pdus.map((pdu) => pdu.name)).toEqual(['Camden and Islington']);
    expect(scoped.cases.every((result) => result.team === 'Islington')).toBe(true);
    const ids = new Set(scoped.officers.map((officer) => officer.officer_id));
    expect(scoped.managers.every((manager) => (manager.officers as string[]).every((id) => ids.has(id)))).toBe(true);
  });

  it('the table says so: the team’s counts, its officers only', () => {
    const table = runCli(['report', SAMPLE, '--team', 'islington', ...AS_OF]).stdout;
    expect(table).toContain(`Cases         ${(scoped.summary.cases as number).toLocaleString('en-GB')} analysed`);
    const officerRows = table.split('\n').filter((line) => /^│ N07/.test(line));
    expect(officerRows.length).toBeGreaterThan(0);
    expect(officerRows.every((line) => line.includes('│ Islington '))).toBe(true);
  });
});

describe('caseload report: the command line (issue 9)', () => {
  it('a misspelt command is a usage error suggesting the command', () => {
    const result = runCli(['reprot', SAMPLE, ...AS_OF]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('caseload: unknown command "reprot" (did you mean report?)\n');
  });

  it('without DIR, reads the current folder when it holds the export', () => {
    const here = runCli(['report', '--json', ...AS_OF], { cwd: resolve(ROOT, SAMPLE) });
    expect(here.exitCode).toBe(0);
    const there = runCli(['report', SAMPLE, '--json', ...AS_OF]);
    expect((JSON.parse(here.stdout) as Json).summary).toEqual((JSON.parse(there.stdout) as Json).summary);
  });

  it('without DIR, in a folder without the export: a usage error saying what is missing', () => {
    const { dir, cleanup } = tempDir({ 'officers.csv': 'officer_id\nO1\n' });
    try {
      const result = runCli(['report', ...AS_OF], { cwd: dir });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(
        'caseload: no export folder named, and the current folder has no offenders.csv: name the folder (caseload report DIR), or the files with --officers and --offenders\n',
      );
    } finally {
      cleanup();
    }
  });

  it('--help says how many rows the tables show without --limit, and what each --fail-on means', () => {
    const help = runCli(['report', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain("tables show the report's top 10 officers and 20 cases, other lists' top 25; other formats show all");
    expect(help).toContain('has a warning (a case flag that does not make it lost)');
  });

  it('fits COLUMNS=80: the summary wraps, the tables narrow', () => {
    const result = runCli(['report', SAMPLE, ...AS_OF], { env: { COLUMNS: '80' } });
    expect(result.exitCode).toBe(0);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });
});

describe('caseload report: plurals (issue 9)', () => {
  it('says "1 left with 1 case" and "1 absent holding 1 case"', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': 'officer_id,status,status_since\nO1,active,\nO2,left,2026-10-01\nO3,sick,2026-10-01\n',
      'offenders.csv': 'crn,officer_id,risk,last_contact\nC1,O1,low,2026-11-10\nC2,O2,low,2026-11-10\nC3,O3,low,2026-11-10\n',
    });
    try {
      const result = runCli(['report', dir, ...AS_OF]);
      expect(result.stdout).toContain('1 absent holding 1 case, 1 left with 1 case still allocated');
    } finally {
      cleanup();
    }
  });
});
