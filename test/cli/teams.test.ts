/**
 * `caseload teams`: golden transcripts of every format, and the rollups agreeing across formats
 * and with the officers they sum.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { describeGoldens, runCli, runOnce } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];

interface Group {
  name: string | null;
  officers_in_post: number;
  cases: number;
  lost: number;
  overdue: number;
}
interface Doc {
  officers: { officer_id: string; team: string | null; manager_id: string | null; caseload: number; lost: number; overdue: number }[];
  managers: { manager_id: string; officers: string[]; caseload: number; flags: string[] }[];
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
    doc = JSON.parse(runCli(['teams', SAMPLE, '--json', ...AS_OF]).stdout) as Doc;
  });

  it('ndjson and csv print the teams then the PDUs, each row with its level, as JSON has them', () => {
    const expected = [...doc.teams.map((team) => ({ level: 'team', ...team })), ...doc.pdus.map((pdu) => ({ level: 'pdu', ...pdu }))];
    expect(expected).toHaveLength(8);
    const ndjson = runOnce(['teams', SAMPLE, '--format', 'ndjson', ...AS_OF]).stdout;
    expect(ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(expected);
    const csv = parse(runOnce(['teams', SAMPLE, '--format', 'csv', ...AS_OF]).stdout, { columns: true, cast: true }) as Record<string, unknown>[];
    expect(csv.map((row) => [row.level, row.name, row.cases, row.lost, row.overdue])).toEqual(
      expected.map((row) => [row.level, row.name, row.cases, row.lost, row.overdue]),
    );
  });

  it('a team\'s cases, lost and overdue are the sums over its officers', () => {
    for (const team of doc.teams) {
      const officers = doc.officers.filter((officer) => officer.team === team.name);
      const sum = (key: 'caseload' | 'lost' | 'overdue') => officers.reduce((total, officer) => total + officer[key], 0);
      expect([team.name, team.cases, team.lost, team.overdue]).toEqual([team.name, sum('caseload'), sum('lost'), sum('overdue')]);
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
