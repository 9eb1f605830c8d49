/**
 * A long JSON or NDJSON report's cases written on two threads (src/render/parallel-lines.ts):
 * the output must be the bytes one thread writes, whichever batches the worker wrote and
 * however it fails.
 *
 * The worker needs the built JS (`lines-worker.js` beside the module, a .ts file under vitest),
 * so node:worker_threads is replaced by a stand-in that runs the worker module in this thread,
 * its messages arriving later as a thread's would. The real thread is exercised through the
 * built CLI (test/cli/threads.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import type { CaseResult } from '../../src/analyse/report.js';
import { renderJson } from '../../src/render/json.js';
import { renderNdjson } from '../../src/render/ndjson.js';
import { StringOutput } from '../../src/render/output.js';
import { shareCaseLines } from '../../src/render/parallel-lines.js';
import { JSON_LINES } from '../../src/render/lines.js';
import { caseResult, report, view } from './builders.js';

/** What the stand-in workers did, and how the next one is to misbehave. */
const workers = vi.hoisted(() => ({
  started: 0,
  task: undefined as unknown,
  tasks: [] as unknown[],
  post: (_message: unknown): void => {},
  terminated: 0,
  /** Messages the next worker sends before it fails (null: it does not fail). */
  failAfter: null as number | null,
  /** Whether the failing worker ends with an error event, or just exits. */
  failWith: 'error' as 'error' | 'exit',
}));

vi.mock('node:worker_threads', async (importOriginal) => {
  const { standInWorkerThreads } = await import('../helpers/stand-in-worker.js');
  return standInWorkerThreads(await importOriginal<object>(), workers, (worker) => {
    workers.started++;
    const failAfter = workers.failAfter;
    workers.failAfter = null;
    let sent = 0;
    let failed = false;
    // The worker runs after the constructor returns, and its messages come one a turn later.
    setImmediate(() => {
      if (worker.terminated) return; // stopped before its thread would have run
      workers.post = (message) => {
        if (failed) return;
        if (failAfter !== null && sent === failAfter) {
          failed = true;
          setImmediate(() => (workers.failWith === 'error' ? worker.emit('error', new Error('worker failed')) : worker.emit('exit', 1)));
          return;
        }
        sent++;
        setImmediate(() => worker.emit('message', structuredClone(message)));
      };
      // The module listens until its last group; the stand-in then exits, as the thread would.
      import(/* @vite-ignore */ worker.module).catch((error: unknown) => worker.emit('error', error));
    });
  });
});

const FLAGS = Object.freeze(['not_seen', 'overdue']) as CaseResult['flags'];

/** `count` flagged cases, some with text that JSON escapes or that is not ASCII. */
function cases(count: number): CaseResult[] {
  return Array.from({ length: count }, (_, at) =>
    caseResult({ crn: `X${100000 + at}`, name: at % 7 === 0 ? `Zoë "${at}"\n` : `Person ${at}`, flags: FLAGS, priority: at + 1, line: at + 2, days_since_contact: at % 5 === 0 ? null : at }),
  );
}

async function rendered(format: 'json' | 'ndjson', count: number, threads: number): Promise<string> {
  const out = new StringOutput();
  const shown = view('report', report({ cases: cases(count) }));
  await (format === 'json' ? renderJson : renderNdjson)(shown, out, { threads, minCases: 0 });
  return out.toString();
}

describe('cases written on two threads', () => {
  it.each<['json' | 'ndjson', number]>([
    ['json', 2],
    ['json', 3],
    ['json', 17],
    ['json', 100],
    ['ndjson', 5],
    ['ndjson', 100],
  ])('give the bytes of one thread (%s, %i cases)', async (format, count) => {
    const started = workers.started;
    expect(await rendered(format, count, 2)).toBe(await rendered(format, count, 1));
    expect(workers.started).toBe(started + 1);
  });

  it.each<[string, number, 'error' | 'exit']>([
    ['fails before its first batch', 0, 'error'],
    ['fails after two batches', 2, 'error'],
    ['ends after three batches', 3, 'exit'],
  ])('give the same bytes when the worker %s', async (_name, failAfter, failWith) => {
    const oneThread = await rendered('json', 100, 1);
    workers.failAfter = failAfter;
    workers.failWith = failWith;
    expect(await rendered('json', 100, 2)).toBe(oneThread);
  });

  it('leave a report to one thread below the size that pays, with --threads 1, or without cases', async () => {
    const started = workers.started;
    expect(shareCaseLines(cases(100), JSON_LINES, { threads: 2 })).toBeNull(); // below PARALLEL_MIN_CASES
    expect(shareCaseLines(cases(100), JSON_LINES, { threads: 1, minCases: 0 })).toBeNull();
    expect(shareCaseLines(cases(1), JSON_LINES, { threads: 2, minCases: 0 })).toBeNull();
    expect(workers.started).toBe(started);
  });

  it('write here every batch of a group that cannot be packed, and of every group after it, and stop the worker', async () => {
    const [started, terminated] = [workers.started, workers.terminated];
    const unpackable = [caseResult({ flags: FLAGS }), caseResult({ crn: 'X2', line: 0.5, flags: FLAGS })];
    const shared = shareCaseLines(unpackable, JSON_LINES, { threads: 2, minCases: 0 })!;
    const out = new StringOutput();
    await shared.write(out);
    shared.stop();
    expect([workers.started, workers.terminated]).toEqual([started + 1, terminated + 1]);
    expect(out.toString()).toContain('"line":0.5');

    // A value that cannot be packed in the fourth group: the first three go to the worker.
    const late = cases(100).map((result, at) => (at === 95 ? { ...result, line: 0.5 } : result));
    const oneThread = new StringOutput();
    await renderJson(view('report', report({ cases: late })), oneThread, { threads: 1 });
    workers.tasks = [];
    const twoThreads = new StringOutput();
    await renderJson(view('report', report({ cases: late })), twoThreads, { threads: 2, minCases: 0 });
    expect(twoThreads.toString()).toBe(oneThread.toString());
    expect(twoThreads.toString()).toContain('"line":0.5');
    expect(workers.tasks.length).toBe(3);
  });

  it('hand the worker four batches in five, spread evenly, this thread keeping the first, in groups of 1, 2, then 4', async () => {
    workers.tasks = [];
    const shared = shareCaseLines(cases(100), JSON_LINES, { threads: 2, minCases: 0 })!;
    await shared.write(new StringOutput());
    const tasks = workers.tasks as { batches: [number, number][]; final: boolean }[];
    // 15 batches of 7: the worker's are 1-4, 6-9 and 11-14.
    expect(tasks.map((task) => task.batches)).toEqual([
      [[7, 14]],
      [[14, 21], [21, 28]],
      [[28, 35], [42, 49], [49, 56], [56, 63]],
      [[63, 70], [77, 84], [84, 91], [91, 98]],
      [[98, 100]],
    ]);
    expect(tasks.map((task) => task.final)).toEqual([false, false, false, false, true]);
  });
});
