/**
 * `caseload teams`: golden transcripts of every format, and the rollups agreeing across formats
 * and with the officers they sum.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { describeGoldens, tempDir, runCli, runOnce } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];

interface Group {
  name: string | null;
  officers_in_post: number;
  cases: number;
  lost: number;
  overdue: number;
  absent: number;
  capacity_pct: number | null;
  available_capacity_pct: number | null;
}
interface Doc {
  officers: { officer_id: string; team: string | null; manager_id: string | null; caseload: number; lost: number; overdue: number }[];
  managers: { manager_id: string; name: string | null; officers: string[]; caseload: number; lost: number; overdue: number; flags: string[] }[];
  teams: Group[];
  pdus: Group[];
}

// JSON carries the officers and flagged cases too, so its golden is cut to 5 of each.
const GOLDENS: [format: string, extra: string[]][] = [
  ['table', []],
  ['json', ['--limit', '5']],
  ['ndjson', []],
  ['csv', []],
  ['markdown', []],
];

describeGoldens('teams', GOLDENS);

describe('caseload teams', () => {
  let doc: Doc;
  beforeAll(() => {
    doc = JSON.parse(runOnce(['teams', SAMPLE, '--json', ...AS_OF]).stdout) as Doc;
  });

  it('ndjson and csv print the teams, the PDUs, then the managers, each row with its level, as JSON has them', () => {
    const expected = [
      ...doc.teams.map((team) => ({ level: 'team', ...team })),
      ...doc.pdus.map((pdu) => ({ level: 'pdu', ...pdu })),
      // A manager row: the JSON manager with `cases` for caseload, so CSV has one column for both.
      ...doc.managers.map(({ manager_id, name, officers, caseload, lost, overdue, flags }) => ({ level: 'manager', name, manager_id, officers, cases: caseload, lost, overdue, flags })),
    ];
    // 6 teams and 2 PDUs: every case of the sample has a team (its officer's, or its own column).
    expect(expected).toHaveLength(8 + doc.managers.length);
    expect(doc.managers.length).toBeGreaterThan(0);
    const ndjson = runOnce(['teams', SAMPLE, '--format', 'ndjson', ...AS_OF]).stdout;
    expect(ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(expected);
    const csv = parse(runOnce(['teams', SAMPLE, '--format', 'csv', ...AS_OF]).stdout, { columns: true, cast: true }) as Record<string, unknown>[];
    expect(csv.map((row) => [row.level, row.name === '(no team)' || row.name === '(no PDU)' ? null : row.name, row.cases, row.lost, row.overdue])).toEqual(
      expected.map((row) => [row.level, row.name, row.cases, row.lost, row.overdue]),
    );
    // Every CSV column is a field of the NDJSON rows.
    const fields = new Set(expected.flatMap((row) => Object.keys(row)));
    expect(Object.keys(csv[0]!).filter((column) => !fields.has(column))).toEqual([]);
    expect(csv.filter((row) => row.level === 'manager').map((row) => row.manager_id)).toEqual(doc.managers.map((manager) => manager.manager_id));
  });

  it('a team\'s cases, lost and overdue are the sums over its officers, and the cases placed by their own team column', () => {
    const everyCase = (JSON.parse(runOnce(['cases', SAMPLE, '--all', '--json', ...AS_OF]).stdout) as { cases: { officer_id: string | null; team: string | null; lost: boolean; overdue: boolean }[] }).cases;
    const onRoster = new Set(doc.officers.filter((officer) => officer.team !== null).map((officer) => officer.officer_id));
    for (const team of doc.teams.filter((row) => row.name !== null)) {
      const officers = doc.officers.filter((officer) => officer.team === team.name);
      // Unallocated cases, and those of officer codes not in officers.csv, count in their own team.
      const placed = everyCase.filter((result) => result.team === team.name && (result.officer_id === null || !onRoster.has(result.officer_id)));
      const sum = (key: 'caseload' | 'lost' | 'overdue') => officers.reduce((total, officer) => total + officer[key], 0);
      expect([team.name, team.cases, team.lost, team.overdue]).toEqual([
        team.name,
        sum('caseload') + placed.length,
        sum('lost') + placed.filter((result) => result.lost).length,
        sum('overdue') + placed.filter((result) => result.overdue).length,
      ]);
    }
  });

  it('a manager\'s caseload is the sum over the officers they oversee, flagged above the span of 500', () => {
    for (const manager of doc.managers) {
      const officers = doc.officers.filter((officer) => officer.manager_id === manager.manager_id);
      expect(officers.map((officer) => officer.officer_id).sort()).toEqual([...manager.officers].sort());
      expect(manager.caseload).toBe(officers.reduce((total, officer) => total + officer.caseload, 0));
      expect(manager.flags).toEqual(manager.caseload > 500 ? ['span_exceeded'] : []);
    }
    expect(doc.managers.filter((manager) => manager.flags.length > 0).map((manager) => manager.manager_id)).toEqual(['N07E605']);
  });

  it('--quiet prints the rollups when a manager is over span', () => {
    const result = runCli(['teams', SAMPLE, '--quiet', ...AS_OF]);
    expect(result.stdout).toContain('span_exceeded');
  });
});

describe('caseload teams: every case in a row (issue 9)', () => {
  let doc: Doc & { summary: { cases: number }; teams: (Group & { capacity_pct: number | null; available_capacity_pct: number | null; absent: number })[] };
  beforeAll(() => {
    doc = JSON.parse(runOnce(['teams', SAMPLE, '--json', ...AS_OF]).stdout) as typeof doc;
  });

  it('the teams rows hold every analysed case; the PDUs rows too', () => {
    expect(doc.teams.reduce((sum, team) => sum + team.cases, 0)).toBe(doc.summary.cases);
    expect(doc.pdus.reduce((sum, pdu) => sum + pdu.cases, 0)).toBe(doc.summary.cases);
  });

  it('cases with no team of any kind are in a no-team (no-PDU) row, said as such in the table', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': 'officer_id,team,pdu\nO1,North,P1\n',
      'offenders.csv': 'crn,officer_id,risk\nC1,O1,low\nC2,GONE,high\nC3,,medium\n',
    });
    try {
      const own = JSON.parse(runCli(['teams', dir, '--json', ...AS_OF]).stdout) as typeof doc;
      expect(own.teams.map((team) => [team.name, team.cases, team.lost])).toEqual([['North', 1, 0], [null, 2, 2]]);
      expect(own.pdus.map((pdu) => [pdu.name, pdu.cases])).toEqual([['P1', 1], [null, 2]]);
      const table = runCli(['teams', dir, ...AS_OF]).stdout;
      expect(table).toMatch(/│ \(no team\) +│/);
      expect(table).toMatch(/│ \(no PDU\) +│/);
    } finally {
      cleanup();
    }
  });

  it('capacity of the officers available (not absent) beside that of those in post', () => {
    for (const team of doc.teams) {
      if (team.absent === 0) expect(team.available_capacity_pct).toBe(team.capacity_pct);
      else if (team.capacity_pct !== null) expect(team.available_capacity_pct!).toBeGreaterThan(team.capacity_pct);
    }
    expect(doc.teams.some((team) => team.absent > 0)).toBe(true);
    expect(runOnce(['teams', SAMPLE, ...AS_OF]).stdout).toContain('Available %');
  });

  it('--pdu scopes the rollups: only that PDU and its teams, whatever the case of the name', () => {
    const scoped = JSON.parse(runCli(['teams', SAMPLE, '--json', ...AS_OF, '--pdu', 'camden and islington']).stdout) as Doc;
    expect(scoped.pdus.map((pdu) => pdu.name)).toEqual(['Camden and Islington']);
    expect(scoped.teams.map((team) => team.name)).toEqual(['Camden North', 'Camden South', 'Islington']);
  });

  it('fits COLUMNS=80', () => {
    const result = runCli(['teams', SAMPLE, ...AS_OF], { env: { COLUMNS: '80' } });
    expect(result.exitCode).toBe(0);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });
});
