/**
 * `caseload plan` (SPEC 2.3): golden transcripts in every format on the north-london sample,
 * the formats agreeing with each other and with the report, options and bad values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { describeGoldens, runCli, runOnce, tempDir } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];
const PLAN_FLAGS = ['officer_left', 'officer_absent', 'unallocated', 'unknown_officer'];

// JSON and NDJSON carry every move and unplaced case: their goldens are cut to 5 of each.
describeGoldens('plan', [
  ['table', []],
  ['json', ['--limit', '5']],
  ['ndjson', ['--limit', '5']],
  ['csv', ['--limit', '10']],
  ['markdown', ['--limit', '5']],
]);

interface Move {
  crn: string;
  to_officer: string;
  points: number;
  capacity_after: number;
}
interface PlanDoc {
  summary: { cases_to_move: number; placed: number; unplaced: number; max_capacity_pct: number; receivers: number };
  moves: Move[];
  unplaced: { crn: string; why: string }[];
  receivers: { officer_id: string; cases_received: number; capacity_after: number }[];
}

describe('caseload plan', () => {
  let doc: PlanDoc;
  beforeAll(() => {
    doc = JSON.parse(runCli(['plan', SAMPLE, '--json', ...AS_OF]).stdout) as PlanDoc;
  });

  it('lists every case the report flags officer_left, officer_absent, unallocated or unknown_officer once', () => {
    const report = JSON.parse(runOnce(['cases', SAMPLE, '--all', '--json', ...AS_OF]).stdout) as { cases: { crn: string; flags: string[] }[] };
    const toMove = report.cases.filter((result) => result.flags.some((code) => PLAN_FLAGS.includes(code))).map((result) => result.crn).sort();
    expect(toMove.length).toBeGreaterThan(600);
    expect([...doc.moves, ...doc.unplaced].map((item) => item.crn).sort()).toEqual(toMove);
    expect(doc.summary).toMatchObject({ cases_to_move: toMove.length, placed: doc.moves.length, unplaced: doc.unplaced.length, max_capacity_pct: 100 });
  });

  it('nobody goes over 100%; each receiver\'s cases add up', () => {
    expect(doc.moves.every((move) => move.capacity_after <= 100)).toBe(true);
    for (const receiver of doc.receivers) {
      expect(doc.moves.filter((move) => move.to_officer === receiver.officer_id)).toHaveLength(receiver.cases_received);
    }
  });

  it('CSV is the move list, one case per line, in the JSON\'s order; NDJSON the moves then the unplaced', () => {
    const rows = parse(runOnce(['plan', SAMPLE, '--format', 'csv', ...AS_OF]).stdout, { columns: true, cast: true }) as Record<string, unknown>[];
    expect(rows.map((row) => [row.crn, row.to_officer])).toEqual(doc.moves.map((move) => [move.crn, move.to_officer]));
    expect(Object.keys(rows[0]!)).toEqual([
      'crn', 'name', 'risk', 'tier', 'points', 'reason', 'from_officer', 'home_team', 'to_officer', 'to_officer_name', 'to_team', 'capacity_before', 'capacity_after',
    ]);
    const lines = runOnce(['plan', SAMPLE, '--format', 'ndjson', ...AS_OF]).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; crn: string });
    expect(lines.map((line) => [line.type, line.crn])).toEqual([
      ...doc.moves.map((move) => ['move', move.crn]),
      ...doc.unplaced.map((item) => ['unplaced', item.crn]),
    ]);
  });

  it('the report\'s summary points to the same plan', () => {
    const report = runOnce(['report', SAMPLE, ...AS_OF]).stdout;
    const { cases_to_move, placed, unplaced } = doc.summary;
    expect(report).toContain(`Reallocation  ${cases_to_move} cases to move: ${placed} placeable, ${unplaced} not; caseload plan proposes where`);
  });

  it('--max-capacity 120 places more; --team plans one team, whatever its case', () => {
    const wider = JSON.parse(runCli(['plan', SAMPLE, '--json', '--max-capacity', '120', ...AS_OF]).stdout) as PlanDoc;
    expect(wider.summary.placed).toBeGreaterThan(doc.summary.placed);
    expect(wider.moves.every((move) => move.capacity_after <= 120)).toBe(true);
    const team = JSON.parse(runCli(['plan', SAMPLE, '--json', '--team', 'barnet', ...AS_OF]).stdout) as { moves: { home_team: string }[]; unplaced: { home_team: string }[] };
    expect([...team.moves, ...team.unplaced].length).toBeGreaterThan(0);
    expect([...team.moves, ...team.unplaced].every((item) => item.home_team === 'Barnet')).toBe(true);
  });

  it('--fail-on lost exits 1 when there are cases to move; --redact leaves every name out', () => {
    expect(runCli(['plan', SAMPLE, '--fail-on', 'lost', '--format', 'csv', ...AS_OF]).exitCode).toBe(1);
    const redacted = runCli(['plan', SAMPLE, '--json', '--redact', ...AS_OF]).stdout;
    expect(redacted).not.toMatch(/"(name|to_officer_name)":"/);
  });

  it('bad values are usage errors (exit 2): an unknown team, a capacity of 0, --format email', () => {
    const unknown = runCli(['plan', SAMPLE, '--team', 'Narnia', ...AS_OF]);
    expect(unknown.exitCode).toBe(2);
    // Resolved as every filter is: the closest names the export holds.
    expect(unknown.stderr).toMatch(/^caseload: --team: no team "Narnia" in this export/);
    expect(runCli(['plan', SAMPLE, '--max-capacity', '0', ...AS_OF]).stderr).toBe('caseload: --max-capacity: expected a percentage above 0\n');
    expect(runCli(['plan', SAMPLE, '--format', 'email', ...AS_OF]).exitCode).toBe(2);
  });

  it('nothing to move: says so, and --quiet prints nothing', () => {
    const { dir, cleanup } = tempDir({
      'officers.csv': 'officer_id,team,status\nO1,T,active\n',
      'offenders.csv': 'crn,officer_id,risk,last_contact\nX1,O1,low,2026-11-15\n',
    });
    try {
      const result = runCli(['plan', dir, ...AS_OF]);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('To move  0 cases: none');
      expect(result.stdout).toContain('Every case is placed.');
      expect(runCli(['plan', dir, '--quiet', ...AS_OF]).stdout).toBe('');
      expect(runCli(['report', dir, ...AS_OF]).stdout).toMatch(/\nReallocation +no case of a leaver, an absent officer or no known officer to move\n/);
    } finally {
      cleanup();
    }
  });
});
