/**
 * `caseload cases`: golden transcripts of every format, and the selection the command makes:
 * flagged cases unless --all, in priority order, narrowed by --flag/--risk/--officer/--team/--pdu
 * (checked against the unfiltered JSON), cut by --limit in every format.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli, runOnce, transcript } from '../helpers/cli.js';

const SAMPLE = 'fixtures/north-london';
const AS_OF = ['--as-of', '2026-11-16'];

interface Case {
  crn: string;
  officer_id: string | null;
  team: string | null;
  pdu: string | null;
  risk: string | null;
  flags: string[];
  lost: boolean;
  days_overdue: number;
  days_since_contact: number | null;
  priority: number;
}
interface Doc {
  summary: { cases: number };
  cases: Case[];
}

const GOLDENS: [format: string, extra: string[]][] = [
  ['table', []],
  ['json', ['--limit', '5']],
  ['ndjson', ['--limit', '5']],
  ['csv', ['--limit', '5']],
  ['markdown', ['--limit', '5']],
];

/** Rows of cases each format printed: what --limit (or the table's top 25) cuts. */
function caseRows(format: string, stdout: string): string[] {
  switch (format) {
    case 'json':
      return crns((JSON.parse(stdout) as Doc).cases);
    case 'ndjson':
      return stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as Case).crn);
    case 'csv':
      return (parse(stdout, { columns: true }) as Record<string, string>[]).map((row) => row.crn!);
    case 'markdown':
      return stdout.split('\n').filter((line) => /^\| \d+ \| X\d+ \|/.test(line));
    default:
      return stdout.split('\n').filter((line) => /^│\s+\d+ │ X\d+/.test(line));
  }
}

describe('caseload cases: golden transcripts', () => {
  it.each(GOLDENS)('--format %s', async (format, extra) => {
    const args = ['cases', SAMPLE, '--format', format, ...AS_OF, ...extra];
    const result = runOnce(args);
    expect(result.exitCode).toBe(0);
    if (format !== 'table') expect(result.stderr).toBe('');
    // --limit 5 caps every format; the table shows its top 25 and says how many more.
    expect(caseRows(format, result.stdout)).toHaveLength(format === 'table' ? 25 : 5);
    if (format === 'table') expect(result.stdout).toContain('Cases by priority (1,804)');
    if (format === 'table') expect(result.stdout).toContain('… 1,779 more');
    await expect(transcript(args, result)).toMatchFileSnapshot(`../golden/cases.${format}.txt`);
  });
});

function casesJson(...extra: string[]): Doc {
  const result = runOnce(['cases', SAMPLE, '--json', ...AS_OF, ...extra]);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as Doc;
}

const crns = (cases: readonly Case[]): string[] => cases.map((result) => result.crn);

describe('caseload cases: which cases, in which order', () => {
  let all: Doc;
  let flagged: Doc;
  beforeAll(() => {
    all = casesJson('--all');
    flagged = casesJson();
  });

  it('lists only flagged cases unless --all, and every analysed case with --all', () => {
    expect(all.cases).toHaveLength(all.summary.cases);
    expect(all.summary.cases).toBe(2050);
    expect(all.cases.some((result) => result.flags.length === 0)).toBe(true);
    expect(flagged.cases.length).toBeGreaterThan(0);
    expect(flagged.cases.length).toBeLessThan(all.cases.length);
    expect(crns(flagged.cases)).toEqual(crns(all.cases.filter((result) => result.flags.length > 0)));
  });

  it('numbers --all cases 1..n in order, and keeps each case its rank among all cases when filtered', () => {
    expect(all.cases.map((result) => result.priority)).toEqual(all.cases.map((_, index) => index + 1));
    const rank = new Map(all.cases.map((result) => [result.crn, result.priority]));
    expect(flagged.cases.map((result) => result.priority)).toEqual(flagged.cases.map((result) => rank.get(result.crn)));
  });

  it('ranks lost first, then risk, days overdue, days since contact (never seen first), then crn (SPEC 2.1)', () => {
    const RISK_ORDER: Record<string, number> = { very_high: 0, high: 1, unknown: 2, medium: 3, low: 4 };
    const key = (result: Case): (number | string)[] => [
      result.lost ? 0 : 1,
      RISK_ORDER[result.risk ?? 'unknown']!,
      -result.days_overdue,
      result.days_since_contact === null ? -Infinity : -result.days_since_contact,
      result.crn,
    ];
    const outOfOrder = all.cases.slice(1).filter((result, index) => {
      const [a, b] = [key(all.cases[index]!), key(result)];
      const first = a.findIndex((part, at) => part !== b[at]);
      return first === -1 || a[first]! > b[first]!;
    });
    expect(outOfOrder.map((result) => result.crn)).toEqual([]);
  });

  const expectSelection = (received: Doc, wanted: (result: Case) => boolean, from: () => Case[] = () => flagged.cases): void => {
    const expected = crns(from().filter(wanted));
    expect(expected.length).toBeGreaterThan(0); // a filter that matches nothing proves nothing
    expect(crns(received.cases)).toEqual(expected);
  };

  it('--flag, repeated or comma-separated, selects cases holding any of the flags', () => {
    const wanted = (result: Case) => result.flags.includes('da_check_missing') || result.flags.includes('never_seen');
    const repeated = casesJson('--flag', 'da_check_missing', '--flag', 'never_seen');
    expectSelection(repeated, wanted);
    expect(casesJson('--flag', 'da_check_missing,never_seen').cases).toEqual(repeated.cases);
  });

  it('--risk selects by risk level; unknown means no readable risk', () => {
    expectSelection(casesJson('--risk', 'very_high,high'), (result) => result.risk === 'very_high' || result.risk === 'high');
    expectSelection(casesJson('--risk', 'unknown'), (result) => result.risk === null);
  });

  it('--officer selects the cases of those officers', () => {
    expectSelection(casesJson('--officer', 'N07F345', '--officer', 'N07E530'), (result) => ['N07F345', 'N07E530'].includes(result.officer_id!));
  });

  it('--team and --pdu select by the officer\'s team and PDU', () => {
    expectSelection(casesJson('--team', 'Camden North,Barnet'), (result) => result.team === 'Camden North' || result.team === 'Barnet');
    expectSelection(casesJson('--pdu', 'Camden and Islington'), (result) => result.pdu === 'Camden and Islington');
  });

  it('different filters combine (and), and --all lets unflagged cases through them', () => {
    expectSelection(
      casesJson('--all', '--team', 'Haringey', '--risk', 'low'),
      (result) => result.team === 'Haringey' && result.risk === 'low',
      () => all.cases,
    );
    expect(all.cases.filter((result) => result.team === 'Haringey' && result.risk === 'low' && result.flags.length === 0).length).toBeGreaterThan(0);
  });
});

describe('caseload cases --limit', () => {
  // (The goldens check --limit 5 in json, ndjson, csv and markdown.)
  it('takes the top N by priority, in JSON and in the table', () => {
    const json = casesJson('--limit', '3').cases;
    expect(json.map((result) => result.priority)).toEqual([1, 2, 3]);
    const top = crns(json);
    const table = caseRows('table', runCli(['cases', SAMPLE, '--format', 'table', '--limit', '3', ...AS_OF]).stdout);
    expect(table).toHaveLength(3);
    top.forEach((crn, at) => expect(table[at]).toContain(` ${at + 1} │ ${crn} `));
  });
});

describe('caseload cases: filters say what they match (issue 9)', () => {
  let all: Doc;
  beforeAll(() => {
    all = casesJson('--all');
  });
  const PDU = 'Barnet, Enfield and Haringey';

  it('a value that is a known name with commas is taken whole: lost cases there fail --fail-on lost', () => {
    const quiet = runCli(['cases', SAMPLE, ...AS_OF, '--pdu', PDU, '--quiet', '--fail-on', 'lost']);
    expect(quiet.exitCode).toBe(1);
    const scoped = casesJson('--all', '--pdu', PDU);
    expect(crns(scoped.cases)).toEqual(crns(all.cases.filter((result) => result.pdu === PDU)));
    expect(scoped.cases.length).toBeGreaterThan(0);
  });

  it('matches without regard to case: --team haringey, --officer n07f726, --risk VERY_HIGH', () => {
    expect(crns(casesJson('--all', '--team', 'haringey').cases)).toEqual(crns(all.cases.filter((result) => result.team === 'Haringey')));
    expect(crns(casesJson('--all', '--officer', 'n07f726').cases)).toEqual(crns(all.cases.filter((result) => result.officer_id === 'N07F726')));
    expect(crns(casesJson('--all', '--risk', 'VERY_HIGH').cases)).toEqual(crns(all.cases.filter((result) => result.risk === 'very_high')));
    expect(casesJson('--all', '--team', 'haringey').cases.length).toBeGreaterThan(0);
  });

  it('splits other values at commas, each part a known name', () => {
    const both = casesJson('--all', '--team', 'islington,HARINGEY');
    expect(crns(both.cases)).toEqual(crns(all.cases.filter((result) => result.team === 'Islington' || result.team === 'Haringey')));
  });

  it('a value matching nothing is a usage error (exit 2) naming the closest known values', () => {
    const camden = runCli(['cases', SAMPLE, ...AS_OF, '--pdu', 'Camden']);
    expect(camden.exitCode).toBe(2);
    expect(camden.stdout).toBe('');
    expect(camden.stderr).toBe('caseload: --pdu: no PDU "Camden" in this export; closest: Camden and Islington\n');
    const typo = runCli(['cases', SAMPLE, ...AS_OF, '--team', 'Islington,Haringy', '--quiet', '--fail-on', 'lost']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('--team: no team "Haringy" in this export; closest: Haringey');
    const flag = runCli(['cases', SAMPLE, ...AS_OF, '--flag', 'not-seen']);
    expect([flag.exitCode, flag.stderr]).toEqual([2, 'caseload: --flag: no flag "not-seen"; closest: not_seen\n']);
  });

  it('scopes the summary: summary.cases is the number of cases at that risk', () => {
    const veryHigh = casesJson('--risk', 'very_high');
    const atRisk = all.cases.filter((result) => result.risk === 'very_high');
    expect(veryHigh.summary.cases).toBe(atRisk.length);
    expect((veryHigh.summary as { lost?: number }).lost).toBe(atRisk.filter((result) => result.lost).length);
    expect(crns(veryHigh.cases)).toEqual(crns(atRisk.filter((result) => result.flags.length > 0)));
  });
});

describe('caseload cases: the table says what it means (issue 9)', () => {
  it('an unknown risk reads "unknown", not a blank cell', () => {
    const result = runCli(['cases', SAMPLE, ...AS_OF, '--risk', 'unknown']);
    const rows = result.stdout.split('\n').filter((line) => /^│\s+\d+ │ X\d+/.test(line));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split('│')[4]!.trim()).toBe('unknown');
    const csv = parse(runCli(['cases', SAMPLE, ...AS_OF, '--risk', 'unknown', '--format', 'csv']).stdout, { columns: true }) as Record<string, string>[];
    expect(csv.map((row) => row.risk)).toEqual(rows.map(() => 'unknown'));
  });

  it('a never-seen case shows the days since its start in Days, marked (start)', () => {
    const json = casesJson('--flag', 'never_seen');
    const table = runCli(['cases', SAMPLE, ...AS_OF, '--flag', 'never_seen']).stdout;
    const first = json.cases[0]! as Case & { days_since_start: number };
    expect(first.days_since_contact).toBe(null);
    expect(table).toMatch(new RegExp(`│ ${first.crn} .*│ ${first.days_since_start} \\(start\\) │`));
  });

  it('--redact drops the Name column of the table and markdown', () => {
    for (const format of ['table', 'markdown']) {
      const result = runCli(['cases', SAMPLE, ...AS_OF, '--redact', '--limit', '3', '--format', format]);
      expect(result.stdout).toContain('CRN');
      expect(result.stdout).not.toMatch(/\bName\b/);
    }
  });

  it('fits COLUMNS=80, cutting long cells with an ellipsis', () => {
    const result = runCli(['cases', SAMPLE, ...AS_OF], { env: { COLUMNS: '80' } });
    expect(result.exitCode).toBe(0);
    expect(Math.max(...result.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(result.stdout).toContain('…');
  });
});
