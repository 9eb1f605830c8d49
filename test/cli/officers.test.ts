/**
 * `caseload officers`: golden transcripts of every format, NDJSON as one officer per line, and
 * the ranking --sort asks for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeGoldens, runCli, runOnce } from '../helpers/cli.js';

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
