/**
 * `caseload explain [DIR] CRN...` (SPEC 3.3): golden transcripts in every format, agreement
 * with `cases` on every case of the sample export, the unknown-crn error, and how DIR is told
 * from a crn.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CASE_FLAGS } from '../../src/analyse/report.js';
import { describe, expect, it } from 'vitest';
import { describeGoldens, runCli, runOnce, tempDir } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];
/** Lost, lost for its officer, a warrant, custody, terminated, unreadable data: each kind of answer. */
const SHOWN = ['X536761', 'X350214', 'X866165', 'X854449', 'X100436', 'X513790'];

interface Rule {
  flag: string;
  set: boolean;
  state: string;
  reason: string;
  config: Record<string, unknown>;
}
interface Explanation {
  crn: string;
  name: string | null;
  officer_name: string | null;
  analysed: boolean;
  status: string;
  priority: number | null;
  days_overdue: number;
  standard_days: number | null;
  flags: string[];
  evidence: { file: string; line: number | null; what: string }[];
  rules: Rule[];
}
interface CaseRow {
  crn: string;
  flags: string[];
  priority: number;
  days_overdue: number;
  standard_days: number;
}

describeGoldens('explain', [
  ['table', SHOWN],
  ['json', SHOWN],
  ['ndjson', SHOWN],
  ['csv', SHOWN],
  ['markdown', SHOWN],
]);

const ndjson = <T>(stdout: string): T[] => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as T);

describe('caseload explain X536761, as of 2026-11-16', () => {
  const result = runOnce(['explain', SAMPLE, 'X536761', ...AS_OF, '--format', 'json']);
  const [explanation] = (JSON.parse(result.stdout) as { cases: Explanation[] }).cases;

  it('says it is lost for not being seen since 2026-04-06, with the contact line and the threshold', () => {
    expect(result.exitCode).toBe(0);
    const notSeen = explanation!.rules.find((rule) => rule.flag === 'not_seen')!;
    expect(notSeen).toMatchObject({ set: true, state: 'set', config: { lost_after_days: 56 } });
    expect(notSeen.reason).toBe('last attended contact 2026-04-06 (contacts.csv:5659), 224 days > lost_after_days 56');
  });

  it('cites rows that hold what it says', () => {
    const lineOf = (file: string, line: number): string => readFileSync(`${SAMPLE}/${file}`, 'utf8').split('\n')[line - 1]!;
    expect(lineOf('contacts.csv', 5659)).toBe('X536761,2026-04-06,attended,office,N07F990');
    expect(lineOf('offenders.csv', 1042)).toMatch(/^X536761,/);
    expect(explanation!.evidence.map((evidence) => `${evidence.file}:${evidence.line}`)).toEqual(['offenders.csv:1042', 'officers.csv:40', 'contacts.csv:5659']);
    expect(lineOf('officers.csv', 40)).toMatch(/^N07F990,/);
  });

  it('gives its priority, days overdue and standard_days', () => {
    expect(explanation).toMatchObject({ priority: 1, days_overdue: 217, standard_days: 7, flags: ['assessment_overdue', 'not_seen', 'overdue'] });
  });
});

describe('explain agrees with the analysis on every case of the sample export', () => {
  it('the flags it says are set are the case flags, and the priority is the case priority', () => {
    const cases = ndjson<CaseRow>(runCli(['cases', SAMPLE, ...AS_OF, '--all', '--format', 'ndjson']).stdout);
    const crns = readFileSync(`${SAMPLE}/offenders.csv`, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]!);
    const result = runCli(['explain', SAMPLE, ...crns, ...AS_OF, '--format', 'ndjson']);
    expect(result.exitCode).toBe(0);
    const explanations = ndjson<Explanation>(result.stdout);
    // Every crn once (one is listed twice in offenders.csv).
    expect(explanations.map((explanation) => explanation.crn)).toEqual([...new Set(crns)]);
    const byCrn = new Map(cases.map((row) => [row.crn, row]));
    const analysed = explanations.filter((explanation) => explanation.analysed);
    expect(analysed).toHaveLength(cases.length);
    for (const explanation of analysed) {
      const row = byCrn.get(explanation.crn)!;
      const set = explanation.rules.filter((rule) => rule.set).map((rule) => rule.flag).sort();
      expect({ crn: explanation.crn, set, priority: explanation.priority, days_overdue: explanation.days_overdue }).toEqual({
        crn: row.crn,
        set: row.flags,
        priority: row.priority,
        days_overdue: row.days_overdue,
      });
    }
    const terminated = explanations.filter((explanation) => !explanation.analysed);
    expect(terminated.length).toBeGreaterThan(0);
    expect(terminated.every((explanation) => explanation.status === 'terminated' && explanation.rules.length === 0 && !byCrn.has(explanation.crn))).toBe(true);
  }, 60_000);
});

describe('crns that are not in the export', () => {
  it('are an input error (exit 3) naming the closest crns, with nothing on standard output', () => {
    const result = runCli(['explain', SAMPLE, 'X536762', 'X536761', 'NOPE', ...AS_OF]);
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('caseload: fixtures/north-london/offenders.csv: no case X536762 (closest: X536761, X367632, X431762), NOPE\n');
  });

  it('no crn at all is a usage error (exit 2)', () => {
    const result = runCli(['explain', SAMPLE, ...AS_OF]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('caseload: explain: name at least one CRN (caseload explain [DIR] CRN...)\n');
  });
});

describe('DIR or CRN', () => {
  it('a first argument with a path separator is a folder, even when it does not exist (exit 3)', () => {
    const result = runCli(['explain', 'fixtures/north-londn', 'X536761', ...AS_OF]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe('caseload: fixtures/north-londn: no such folder\n');
  });

  it('an existing folder without a separator is DIR; otherwise every argument is a crn', () => {
    const inFixtures = runCli(['explain', 'north-london', 'X536761', ...AS_OF, '--format', 'csv'], { cwd: 'fixtures' });
    expect(inFixtures.exitCode).toBe(0);
    const named = runCli([
      'explain',
      'X536761',
      ...AS_OF,
      '--format',
      'csv',
      '--officers',
      `${SAMPLE}/officers.csv`,
      '--offenders',
      `${SAMPLE}/offenders.csv`,
      '--contacts',
      `${SAMPLE}/contacts.csv`,
    ]);
    expect(named.exitCode).toBe(0);
    expect(named.stdout).toBe(inFixtures.stdout);
  });
});

describe('input and options', () => {
  it('--contacts - is a usage error: contacts.csv is read twice', () => {
    const result = runCli(['explain', SAMPLE, 'X536761', ...AS_OF, '--contacts', '-'], { input: 'crn,date\n' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--contacts -: explain reads contacts.csv twice');
  });

  it('--format email and --limit are usage errors', () => {
    expect(runCli(['explain', SAMPLE, 'X536761', ...AS_OF, '--format', 'email']).exitCode).toBe(2);
    expect(runCli(['explain', SAMPLE, 'X536761', ...AS_OF, '--limit', '1']).exitCode).toBe(2);
  });

  it('--redact leaves every name out (table, json, markdown; ndjson holds the json objects, csv has no names)', () => {
    for (const format of ['table', 'json', 'markdown']) {
      // The golden run (cached) shows the names; the redacted one must not.
      const plain = runOnce(['explain', SAMPLE, '--format', format, ...AS_OF, ...SHOWN]);
      const redacted = runCli(['explain', SAMPLE, '--format', format, ...AS_OF, ...SHOWN, '--redact']);
      expect(redacted.exitCode).toBe(0);
      for (const name of ['Anna King', 'Andrew Johnson']) {
        expect(plain.stdout).toContain(name);
        expect(redacted.stdout).not.toContain(name);
      }
    }
  }, 60_000);

  it('csv: one row per case and flag', () => {
    const result = runOnce(['explain', SAMPLE, '--format', 'csv', ...AS_OF, ...SHOWN]);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['crn', 'flag', 'set', 'state', 'rule', 'config', 'evidence']);
    // A row for each case flag of an analysed case; one row for the terminated X100436.
    expect(rows.filter((row) => row.crn === 'X536761')).toHaveLength(CASE_FLAGS.length);
    expect(rows.filter((row) => row.crn === 'X100436')).toEqual([
      expect.objectContaining({ flag: '', set: 'false', state: 'terminated', evidence: 'offenders.csv:2' }),
    ]);
  });

  it('an export without contacts.csv: enforcement_due is skipped, and says why', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': 'officer_id,status\nP1,active\n',
      'offenders.csv': 'crn,officer_id,risk,last_contact,start_date\nX1,P1,low,2026-11-01,2026-01-01\n',
    });
    try {
      const result = runCli(['explain', dir, 'X1', ...AS_OF]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/Checks skipped {2}.*enforcement_due \(no contacts\.csv\)/);
      expect(result.stdout).toMatch(/enforcement_due +check skipped: no contacts\.csv/);
      expect(result.stdout).toMatch(/not_seen +last_contact 2026-11-01 \(offenders\.csv:2\), 15 days ≤ lost_after_days 56/);
    } finally {
      cleanup();
    }
  });
});
