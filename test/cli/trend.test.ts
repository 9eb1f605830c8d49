/**
 * `caseload trend DIR...` end to end on fixtures/trend (scripts/generate-trend.mjs): goldens in
 * every format, the folders it accepts, the streaks of the fixture's stories, and agreement
 * with `caseload diff` on the week-to-week change.
 */
import { appendFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, runOnce, tempDir, transcript } from '../helpers/cli.js';

const TREND = 'fixtures/trend';
const FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown'] as const;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

interface Persistent {
  crn: string;
  name: string | null;
  weeks_lost: number;
  lost_since: string;
}
interface TrendJson {
  as_of: string;
  exports: { path: string; as_of: string }[];
  weeks: { as_of: string; lost: number; newly_lost: number | null; still_lost: number | null; resolved: number | null }[];
  teams: { name: string | null; points: { as_of: string; lost: number | null }[] }[];
  persistent: Persistent[];
}

function trendJson(args: readonly string[]): TrendJson {
  const result = runOnce(['trend', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as TrendJson;
}

describe('caseload trend: golden transcripts', () => {
  it.each(FORMATS)('--format %s', async (format) => {
    const args = ['trend', TREND, '--format', format];
    const result = runOnce(args);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    await expect(transcript(args, result)).toMatchFileSnapshot(`../golden/trend.${format}.txt`);
  });
});

describe('caseload trend: the fixture’s stories', () => {
  const trend = trendJson([TREND]);
  const streak = (crn: string) => trend.persistent.find((lost) => lost.crn === crn);

  it('the leaver’s cases have been lost in all four exports', () => {
    expect(streak('T0048')).toMatchObject({ weeks_lost: 4, lost_since: '2026-10-26' });
  });

  it('lost, not lost, lost again: the streak counts from the last time it started', () => {
    expect(streak('C-AGAIN')).toMatchObject({ weeks_lost: 2, lost_since: '2026-11-09' });
  });

  it('a case found (or gone) is not persistent; a newcomer is lost for one export', () => {
    expect(streak('C-FOUND')).toBeUndefined();
    expect(streak('C-GONE')).toBeUndefined();
    expect(streak('C-NEW')).toMatchObject({ weeks_lost: 1, lost_since: '2026-11-16' });
  });

  it('persistent is ordered by weeks_lost, longest first', () => {
    const weeks = trend.persistent.map((lost) => lost.weeks_lost);
    expect(weeks).toEqual([...weeks].sort((a, b) => b - a));
  });

  it('a team series has a point per export; the sparkline row shows each team', () => {
    expect(trend.teams.map((team) => team.points.map((point) => point.as_of))).toEqual(
      trend.teams.map(() => ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']),
    );
    // South A's officer S03 has been off sick since 2026-10-12: lost from 11-09 (over 21 days).
    const southA = trend.teams.find((team) => team.name === 'South A')!;
    expect(southA.points[2]!.lost! - southA.points[1]!.lost!).toBeGreaterThanOrEqual(10);
  });

  it('a missing week: streaks count exports, and the table says there is a gap', () => {
    const skipping = trendJson([`${TREND}/2026-10-26`, `${TREND}/2026-11-09`, `${TREND}/2026-11-16`]);
    // C-AGAIN was lost on 10-26 and (with 11-02 left out) in each export since.
    expect(skipping.persistent.find((lost) => lost.crn === 'C-AGAIN')).toMatchObject({ weeks_lost: 3, lost_since: '2026-10-26' });
    const table = runCli(['trend', `${TREND}/2026-10-26`, `${TREND}/2026-11-09`, `${TREND}/2026-11-16`]);
    expect(table.stdout).toContain('Gaps        more than a week between exports: 2026-10-26 to 2026-11-09 (14 days)');
  });
});

describe('caseload trend: which folders', () => {
  it('dated folders named one by one give the same trend as the folder holding them, in any order', () => {
    const named = trendJson([`${TREND}/2026-11-16`, `${TREND}/2026-10-26`, `${TREND}/2026-11-09`, `${TREND}/2026-11-02`]);
    const held = trendJson([TREND]);
    expect({ ...named, exports: null }).toEqual({ ...held, exports: null });
    expect(named.exports.map((entry) => entry.as_of)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']);
  });

  it('one thread or several: the same output, byte for byte', () => {
    const one = runCli(['trend', TREND, '--json', '--threads', '1']);
    expect(one.stdout).toBe(runOnce(['trend', TREND, '--json']).stdout);
  });

  it('a folder not named by a date is a usage error naming it', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    cpSync(join(FIXTURES, 'trend', '2026-11-16'), join(dir, 'latest'), { recursive: true });
    const result = runCli(['trend', `${TREND}/2026-11-09`, join(dir, 'latest')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`caseload: ${join(dir, 'latest')}: not named by a date (YYYY-MM-DD); trend analyses each export as of its folder's name\n`);
    expect(result.stdout).toBe('');
  });

  it('a holding folder with a folder that is not a date in it: usage error naming that folder', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    cpSync(join(FIXTURES, 'trend', '2026-11-16'), join(dir, '2026-11-16'), { recursive: true });
    mkdirSync(join(dir, 'archive'));
    const result = runCli(['trend', dir]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'archive')}: not named by a date`);
  });

  it('a holding folder with no dated folders, a missing folder, --as-of', () => {
    const { dir, cleanup } = tempDir({ 'notes.txt': 'not an export\n' });
    cleanups.push(cleanup);
    const empty = runCli(['trend', dir]);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain('holds no dated export folders');
    const missing = runCli(['trend', join(dir, 'nowhere')]);
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toBe(`caseload: ${join(dir, 'nowhere')}: no such folder\n`);
    const asOf = runCli(['trend', TREND, '--as-of', '2026-11-16']);
    expect(asOf.exitCode).toBe(2);
    expect(asOf.stderr).toContain('--as-of');
  });

  it('two folders for the same date are a usage error', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    cpSync(join(FIXTURES, 'trend', '2026-11-16'), join(dir, 'a', '2026-11-16'), { recursive: true });
    const result = runCli(['trend', `${TREND}/2026-11-16`, join(dir, 'a', '2026-11-16')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('two exports for 2026-11-16');
  });

  it('an export that cannot be read is an input error naming its file, whichever thread read it', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    for (const week of ['2026-10-26', '2026-11-02', '2026-11-09']) cpSync(join(FIXTURES, 'trend', week), join(dir, week), { recursive: true });
    cpSync(join(FIXTURES, 'trend', '2026-11-16', 'officers.csv'), join(dir, '2026-11-16', 'officers.csv'));
    const result = runCli(['trend', dir]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(/^caseload: .*2026-11-16.*offenders\.csv/);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  it('--strict: a data issue in any export is an input error naming its file and line', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    cpSync(join(FIXTURES, 'trend'), dir, { recursive: true });
    const offenders = join(dir, '2026-11-09', 'offenders.csv');
    appendFileSync(offenders, 'T9999,N01,mediumish,Sam Synthetic,D1,community_order,2026-04-16,2027-12-27,2026-10-29,2025-04-01,active\n');
    expect(runCli(['trend', dir, '--json']).exitCode).toBe(0);
    const strict = runCli(['trend', dir, '--json', '--strict']);
    expect(strict.exitCode).toBe(3);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toBe(`caseload: ${offenders}:135: risk: unknown value "mediumish"; --strict\n`);
  });

  it('--redact leaves names out; --limit caps the persistent cases', () => {
    const redacted = runCli(['trend', TREND, '--json', '--redact', '--limit', '3']);
    const trend = JSON.parse(redacted.stdout) as TrendJson;
    expect(trend.persistent).toHaveLength(3);
    expect(trend.persistent.every((lost) => lost.name === null)).toBe(true);
    expect(redacted.stdout).not.toContain('Ari Again');
  });
});

describe('caseload trend agrees with caseload diff', () => {
  // Each pair of consecutive exports: trend's change from one to the next is what diff reports.
  const WEEKS = ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16'];
  it.each(WEEKS.slice(1).map((week, at) => [WEEKS[at]!, week]))('%s → %s', (previous, current) => {
    const trend = trendJson([`${TREND}/${previous}`, `${TREND}/${current}`]);
    const diffRun = runCli(['diff', `${TREND}/${previous}`, `${TREND}/${current}`, '--as-of', current, '--json', '--all']);
    expect(diffRun.exitCode).toBe(0);
    const document = JSON.parse(diffRun.stdout) as {
      summary: { newly_lost: number; still_lost: number; no_longer_lost: number };
      cases: { change: string; lost: boolean; was_lost: boolean }[];
      unchanged: { change: string; lost: boolean; was_lost: boolean }[];
    };
    // diff lists the cases with news, and apart from them those unchanged (with --all, every one).
    const diff = { summary: document.summary, cases: [...document.cases, ...document.unchanged] };
    const [before, after] = trend.weeks;
    expect(after!.lost).toBe(diff.cases.filter((change) => change.lost).length);
    expect(before!.lost).toBe(diff.cases.filter((change) => change.was_lost).length);
    expect(after!.newly_lost).toBe(diff.summary.newly_lost);
    expect(after!.still_lost).toBe(diff.summary.still_lost);
    // trend's resolved: no longer lost, or no longer in the export at all.
    const goneWhileLost = diff.cases.filter((change) => change.change === 'disappeared' && change.was_lost).length;
    expect(after!.resolved).toBe(diff.summary.no_longer_lost + goneWhileLost);
    // The persistent cases are the ones diff says are lost now: still lost ones for 2 exports.
    expect(trend.persistent.filter((lost) => lost.weeks_lost === 2)).toHaveLength(diff.summary.still_lost);
    expect(trend.persistent.filter((lost) => lost.weeks_lost === 1)).toHaveLength(diff.summary.newly_lost);
  });
});
