/**
 * `caseload officers`: golden transcripts of every format, NDJSON as one officer per line, and
 * the ranking --sort asks for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeGoldens, runCli, runOnce, tempDir } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];

interface Officer {
  officer_id: string;
  caseload: number;
  capacity_pct: number | null;
  lost: number;
  overdue: number;
  flags: string[];
}

// JSON carries the flagged cases too (1.3 MB), so its golden is cut to 5 officers and 5 cases.
const GOLDENS: [format: string, extra: string[]][] = [
  ['table', []],
  ['json', ['--limit', '5']],
  ['ndjson', []],
  ['csv', []],
  ['markdown', []],
];

describeGoldens('officers', GOLDENS);

/** `officers --format ndjson [--sort KEY]`, parsed. */
function officersBy(sort: string | null): Officer[] {
  const result = runOnce(['officers', SAMPLE, '--format', 'ndjson', ...AS_OF, ...(sort === null ? [] : ['--sort', sort])]);
  expect(result.exitCode).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Officer);
}

/** True when the key never rises down the list (null, no hours recorded, last). */
const descending = (officers: readonly Officer[], key: (officer: Officer) => number | null): boolean =>
  officers.every((officer, at) => at === 0 || (key(officers[at - 1]!) ?? -Infinity) >= (key(officer) ?? -Infinity));

describe('caseload officers --format ndjson', () => {
  let byCapacity: Officer[];
  beforeAll(() => {
    byCapacity = officersBy(null);
  });

  it('prints one officer object per line, every officer', () => {
    expect(byCapacity).toHaveLength(47);
    expect(new Set(byCapacity.map((officer) => officer.officer_id)).size).toBe(47);
    for (const officer of byCapacity) {
      expect(Object.keys(officer)).toEqual(expect.arrayContaining(['officer_id', 'name', 'caseload', 'by_risk', 'capacity_pct', 'flags']));
      expect(officer).not.toHaveProperty('crn');
    }
  });

  it('ranks by capacity_pct descending by default, the same as --sort capacity', () => {
    expect(descending(byCapacity, (officer) => officer.capacity_pct)).toBe(true);
    expect(byCapacity[0]!.officer_id).toBe('N07F726');
    expect(officersBy('capacity')).toEqual(byCapacity);
  });

  it.each([
    ['caseload', (officer: Officer) => officer.caseload],
    ['lost', (officer: Officer) => officer.lost],
    ['overdue', (officer: Officer) => officer.overdue],
  ] as const)('--sort %s ranks by that count, descending', (sort, key) => {
    const sorted = officersBy(sort);
    expect(descending(sorted, key)).toBe(true);
    // The same officers, only reordered, and reordered for real (capacity order would fail the check).
    expect(sorted.map((officer) => officer.officer_id).sort()).toEqual(byCapacity.map((officer) => officer.officer_id).sort());
    expect(descending(byCapacity, key)).toBe(false);
  });

  it('report --sort orders the report\'s officers the same way', () => {
    const result = runCli(['report', SAMPLE, '--json', '--sort', 'lost', '--limit', '5', ...AS_OF]);
    const officers = (JSON.parse(result.stdout) as { officers: Officer[] }).officers;
    expect(officers.map((officer) => officer.officer_id)).toEqual(officersBy('lost').slice(0, 5).map((officer) => officer.officer_id));
  });
});

describe('caseload officers', () => {
  it('--quiet prints the table when officers are flagged', () => {
    const result = runCli(['officers', SAMPLE, '--quiet', ...AS_OF]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Officers (47)');
  });

  it('--limit caps the table, and says how many more', () => {
    const result = runCli(['officers', SAMPLE, '--limit', '4', ...AS_OF]);
    expect(result.stdout.split('\n').filter((line) => /^│ N07/.test(line))).toHaveLength(4);
    expect(result.stdout).toContain('… 43 more');
  });
});

describe('workload reductions and leavers through the CLI (SPEC 2.2)', () => {
  // Each officer holds three high-risk A3 cases (618 points) but O6, who holds none.
  const officersCsv = [
    'officer_id,grade,team,status,reduction_pct,contracted_hours',
    'O1,PO,T,active,0,',
    'O2,PQiP,T,active,80,',
    'O3,PO,T,active,100,',
    'O4,PO,T,active,120,',
    'O5,PO,T,active,lots,',
    'O6,PO,T,left,,',
    // 10 hours: 588.1 points, which 618 would put over capacity were a leaver given any.
    'O7,PO,T,left,,10',
  ].join('\n');
  const offendersCsv = ['crn,officer_id,risk,tier', ...['O1', 'O2', 'O3', 'O4', 'O5', 'O7'].flatMap((id) => [1, 2, 3].map((n) => `${id}-${n},${id},high,A3`))].join('\n');
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir({ 'officers.csv': `${officersCsv}\n`, 'offenders.csv': `${offendersCsv}\n` }));
    return () => cleanup();
  });

  interface Officer {
    officer_id: string;
    reduction_pct: number | null;
    points: number;
    capacity_points: number | null;
    capacity_pct: number | null;
    flags: string[];
  }

  it('reduces capacity: 0 → 2176, 80 → 435.2, 100 → none; 120 and "lots" are issues, read as 0; a leaver has none', () => {
    const result = runCli(['officers', dir, '--json', ...AS_OF]);
    expect(result.exitCode).toBe(0);
    const doc = JSON.parse(result.stdout) as { officers: Officer[]; issues: { line: number; column: string; code: string }[] };
    const byId = Object.fromEntries(doc.officers.map((officer) => [officer.officer_id, [officer.reduction_pct, officer.capacity_points, officer.capacity_pct, officer.flags]]));
    expect(byId).toEqual({
      O1: [0, 2176, 28.4, []], // 618 / 2176
      O2: [80, 435.2, 142, ['over_capacity']], // 618 / 435.2
      O3: [100, null, null, []],
      O4: [0, 2176, 28.4, []],
      O5: [0, 2176, 28.4, []],
      O6: [0, null, null, []],
      O7: [0, null, null, ['left_with_cases']],
    });
    expect(doc.issues.map((issue) => [issue.line, issue.column, issue.code])).toEqual([
      [5, 'reduction_pct', 'invalid_value'],
      [6, 'reduction_pct', 'invalid_value'],
    ]);
  });

  it('the table shows the reduction; the report counts one over capacity, not the leaver', () => {
    const officers = runCli(['officers', dir, ...AS_OF]).stdout;
    expect(officers).toMatch(/Reduction %/);
    expect(officers).toMatch(/│ O2 .*│ +142\.0 │ +80 │/);
    const report = runCli(['report', dir, ...AS_OF]).stdout;
    expect(report).toMatch(/2 left with 3 cases still allocated; 1 over capacity \(highest O2 at 142%\)/);
  });

  it('an old config\'s points.tiers scores as the community table, with a note on standard error', () => {
    const { dir: cwd, cleanup: remove } = tempDir({ 'old.json': '{"points": {"tiers": {"A3": 100}}}' });
    try {
      const result = runCli(['officers', dir, '--config', 'old.json', '--json', ...AS_OF], { cwd });
      expect(result.exitCode).toBe(0);
      expect(result.stderr).toBe(
        'caseload: old.json: points.tiers is read as points.community (the community tier table); rename it, and see points.licence and points.custody\n',
      );
      const doc = JSON.parse(result.stdout) as { officers: Officer[] };
      expect(doc.officers.find((officer) => officer.officer_id === 'O1')!.points).toBe(300);
    } finally {
      remove();
    }
  });
});

describe('caseload officers: filters (issue 9)', () => {
  it('--officer picks that officer, without regard to case (not --officers, the file option)', () => {
    const result = runCli(['officers', SAMPLE, '--officer', 'n07f726', '--format', 'ndjson', ...AS_OF]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { officer_id: string }).officer_id)).toEqual(['N07F726']);
  });

  it('--team lists the team’s officers; --risk only those holding a case at that risk, full rows', () => {
    const ids = (...extra: string[]) =>
      runOnce(['officers', SAMPLE, '--format', 'ndjson', ...AS_OF, ...extra])
        .stdout.trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { officer_id: string; team: string | null; caseload: number; by_risk: { very_high: number } });
    const everyone = ids();
    const team = ids('--team', 'ISLINGTON');
    expect(team.map((officer) => officer.officer_id)).toEqual(everyone.filter((officer) => officer.team === 'Islington').map((officer) => officer.officer_id));
    const veryHigh = ids('--risk', 'very_high');
    expect(veryHigh).toEqual(everyone.filter((officer) => officer.by_risk.very_high > 0));
  });

  it('fits COLUMNS=80', () => {
    const result = runCli(['officers', SAMPLE, ...AS_OF], { env: { COLUMNS: '80' } });
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });
});
