/**
 * The worker-thread paths must give byte-identical output to one thread: a large contacts.csv
 * on unquoted LF and CRLF exports (split across threads) and on a quoted one (which falls back to
 * one stream), and the cases of a long JSON or NDJSON report (written on two threads).
 * CASELOAD_PARALLEL_MIN_BYTES=0 makes a small file split, CASELOAD_PARALLEL_MIN_CASES=0 a short
 * report's cases.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

type Shape = 'lf' | 'crlf' | 'quoted';

/** A deterministic export with dirt that yields issues on known lines. */
function exportFiles(shape: Shape): Record<string, string> {
  const newline = shape === 'crlf' ? '\r\n' : '\n';
  const cell = (value: string) => (shape === 'quoted' ? `"${value.replace(/"/g, '""')}"` : value);
  const row = (values: string[]) => values.map(cell).join(',');
  const officers = ['officer_id,name,team,status', 'O1,Ann Ash,T1,active', 'O2,Bo Birch,T1,sick', 'O3,Cy Cedar,T2,left'];
  const offenders = ['crn,name,officer_id,risk,start_date'];
  for (let n = 0; n < 300; n++) offenders.push(row([`X${1000 + n}`, `Person ${n}`, `O${(n % 3) + 1}`, ['low', 'medium', 'high', 'very_high'][n % 4]!, '2025-01-01']));
  const contacts = [row(['crn', 'date', 'outcome', 'type'])];
  for (let n = 0; n < 6000; n++) {
    const day = 1 + ((n * 7) % 28);
    const month = 1 + ((n * 5) % 10); // January to October: all before the as-of date
    const outcome = n % 9 === 0 ? 'failed_to_attend' : 'attended';
    contacts.push(row([`X${1000 + ((n * 37) % 300)}`, `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, outcome, 'office']));
    if (n % 1000 === 500) contacts.push('', row([`Z${n}`, '2026-03-01', 'attended', 'office']), row([`X1001`, '2027-01-01', 'attended', 'office']), row(['X1002', '31/02/2026', 'attended', 'office']));
  }
  if (shape === 'quoted') contacts.push(row(['X1003', '2026-06-01', 'attended', 'office\nvisit']));
  const file = (lines: string[]) => lines.join(newline) + newline;
  return { 'officers.csv': file(officers), 'offenders.csv': file(offenders), 'contacts.csv': file(contacts) };
}

const folders: (() => void)[] = [];
afterAll(() => folders.forEach((cleanup) => cleanup()));

function run(dir: string, command: 'report' | 'validate' | 'due', threads: number, format: 'json' | 'ndjson' = 'json', ...more: string[]): string {
  const all = command === 'report' ? ['--all'] : [];
  const result = runCli([command, dir, '--as-of', '2026-11-16', '--format', format, ...all, ...more, '--threads', String(threads)], {
    env: { CASELOAD_PARALLEL_MIN_BYTES: '0', CASELOAD_PARALLEL_MIN_CASES: '0' },
  });
  expect(result.exitCode).toBe(0);
  return result.stdout.replaceAll(dir, '<dir>');
}

describe('--threads', () => {
  it.each<Shape>(['lf', 'crlf', 'quoted'])('gives the same report and issues with 1, 2 and 3 threads (%s)', (shape) => {
    const { dir, cleanup } = tempDir(exportFiles(shape));
    folders.push(cleanup);
    const oneStream = { report: '', validate: '' };
    for (const command of ['report', 'validate'] as const) {
      oneStream[command] = run(dir, command, 1);
      expect(run(dir, command, 2)).toBe(oneStream[command]);
      expect(run(dir, command, 3)).toBe(oneStream[command]);
    }
    const issues = JSON.parse(oneStream.validate).issues as { code: string; line: number }[];
    expect(issues.filter((issue) => issue.code === 'unknown_crn')).toHaveLength(6);
    expect(issues.filter((issue) => issue.code === 'future_contact')).toHaveLength(6);
    expect(issues.filter((issue) => issue.code === 'invalid_value')).toHaveLength(6);
    // The first dirt follows contact 500 (line 502) and a blank line (503).
    expect(issues.find((issue) => issue.code === 'unknown_crn')!.line).toBe(504);
  });

  it.each<[string, 'json' | 'ndjson', string[]]>([
    ['NDJSON', 'ndjson', []],
    ['JSON without names', 'json', ['--redact']],
    ['JSON of flagged cases only, cut to 200', 'json', ['--limit', '200']],
  ])('writes the cases of a report in %s on two threads as one thread does', (_name, format, more) => {
    const { dir, cleanup } = tempDir(exportFiles('lf'));
    folders.push(cleanup);
    const oneThread = run(dir, 'report', 1, format, ...more);
    expect(oneThread.split('\n').filter((line) => line.includes('"crn":')).length).toBeGreaterThan(100);
    expect(run(dir, 'report', 2, format, ...more)).toBe(oneThread);
  });

  it.each<'json' | 'ndjson'>(['json', 'ndjson'])('writes the tasks of a worklist (due) in %s on two threads as one thread does', (format) => {
    const { dir, cleanup } = tempDir(exportFiles('lf'));
    folders.push(cleanup);
    const oneThread = run(dir, 'due', 1, format, '--within', '30');
    expect(oneThread.split('\n').filter((line) => line.includes('"task":')).length).toBeGreaterThan(100);
    expect(run(dir, 'due', 2, format, '--within', '30')).toBe(oneThread);
  });

  it('writes lines on a real worker thread, its share of the batches, as this thread writes them', async () => {
    const { shareCaseLines, writeLines } = await import(join(ROOT, 'dist/render/parallel-lines.js'));
    const { JSON_LINES } = await import(join(ROOT, 'dist/render/lines.js'));
    const { StringOutput } = await import(join(ROOT, 'dist/render/output.js'));
    const { dir, cleanup } = tempDir(exportFiles('lf'));
    folders.push(cleanup);
    const cases = (JSON.parse(run(dir, 'report', 1)) as { cases: unknown[] }).cases;
    const shared = shareCaseLines(cases, JSON_LINES, { threads: 2, minCases: 0 });
    expect(shared).not.toBeNull();
    const twoThreads = new StringOutput();
    // The worker's lines come as bytes; this thread's as text.
    let workerBytes = 0;
    const writeBytes = twoThreads.writeBytes.bind(twoThreads);
    twoThreads.writeBytes = (bytes: Uint8Array) => {
      workerBytes += bytes.length;
      writeBytes(bytes);
    };
    await shared.write(twoThreads);
    shared.stop();
    expect(workerBytes).toBeGreaterThan(Buffer.byteLength(twoThreads.toString()) / 3);
    const oneThread = new StringOutput();
    writeLines(cases, 0, cases.length, oneThread, JSON_LINES);
    expect(twoThreads.toString()).toBe(oneThread.toString());
    expect(twoThreads.toString().split('\n')).toHaveLength(cases.length + 1);
  });

  it('splits an unquoted file across workers and falls back to one stream for a quoted one', async () => {
    const { startContactsInParallel } = await import(join(ROOT, 'dist/read/parallel.js'));
    const { IssueLog } = await import(join(ROOT, 'dist/read/table.js'));
    const { DEFAULT_CONFIG } = await import(join(ROOT, 'dist/config/schema.js'));
    const settings = { dateOrder: 'dmy', aliases: {}, asOf: 20773, counting: DEFAULT_CONFIG.contacts };
    const { CaseKeys } = await import(join(ROOT, 'dist/read/byte-keys.js'));
    const caseIndex = new CaseKeys();
    for (let n = 0; n < 300; n++) caseIndex.place(`X${1000 + n}`);
    const lf = exportFiles('lf');
    const exports = {
      lf,
      quoted: exportFiles('quoted'),
      // Unquoted but for one field near the end: found only by a thread reading that far.
      lateQuote: { ...lf, 'contacts.csv': `${lf['contacts.csv']}X1003,2026-06-01,attended,"office visit"\n` },
    };
    for (const [shape, files] of Object.entries(exports)) {
      const { dir, cleanup } = tempDir(files);
      folders.push(cleanup);
      const source = (name: string) => ({ path: join(dir, name), label: name });
      const parallel = startContactsInParallel(source('contacts.csv'), settings, source('offenders.csv'), 2, 0);
      const result = parallel === null ? null : await parallel.finish(new IssueLog('contacts.csv', []), caseIndex);
      parallel?.stop();
      if (shape === 'lf') expect(result?.input, shape).toMatchObject({ rows: 6018, used: 6000, rejected: 18 });
      else expect(result, shape).toBeNull();
    }
  });

  it('refuses to split when the worker reads the cases in another order than the main thread', async () => {
    const { startContactsInParallel } = await import(join(ROOT, 'dist/read/parallel.js'));
    const { IssueLog } = await import(join(ROOT, 'dist/read/table.js'));
    const { DEFAULT_CONFIG } = await import(join(ROOT, 'dist/config/schema.js'));
    const settings = { dateOrder: 'dmy', aliases: {}, asOf: 20773, counting: DEFAULT_CONFIG.contacts };
    const { dir, cleanup } = tempDir(exportFiles('lf'));
    folders.push(cleanup);
    const source = (name: string) => ({ path: join(dir, name), label: name });
    // The main thread's cases in reverse: contacts would land on the wrong cases.
    const { CaseKeys } = await import(join(ROOT, 'dist/read/byte-keys.js'));
    const reversed = new CaseKeys();
    for (let n = 0; n < 300; n++) reversed.place(`X${1299 - n}`);
    const parallel = startContactsInParallel(source('contacts.csv'), settings, source('offenders.csv'), 2, 0);
    expect(await parallel.finish(new IssueLog('contacts.csv', []), reversed)).toBeNull();
    parallel.stop();
  });
});
