/**
 * The cases of a long JSON or NDJSON report written on two threads, in batches: a worker writes
 * WORKER_SHARE of them (spread evenly: batches 1, 3, 4, 6, 8, 9, …) and this thread the rest,
 * writing the worker's out in turn. So the worker keeps only the batches it is ahead by, not
 * its whole share of the report.
 *
 * A national report spends most of its rendering in JSON.stringify, one case at a time, while
 * the thread that read contacts.csv sits idle. The worker is given its cases packed into numbers
 * (case-pack.ts) and writes each one's bytes from the pack (case-lines.ts): the very bytes this
 * thread would have written. Whenever that cannot be promised (a value packing cannot
 * carry, a worker that fails or stops early), this thread writes those lines itself.
 */
import { Worker } from 'node:worker_threads';
import type { CaseResult } from '../analyse/report.js';
import { packCases } from './case-pack.js';
import { frameLine, type LineFrame, type LinesMessage, type LinesTask } from './lines.js';
import type { Output } from './output.js';

/** Below this many cases a worker costs more than it saves (a London-size report, 28k cases, is slower with one). */
export const PARALLEL_MIN_CASES = 50_000;
/** Cases a batch at most (about 2.5 MB of JSON); a short list is cut into at least MIN_BATCHES. */
const BATCH_CASES = 4096;
const MIN_BATCHES = 16;

export interface LineOptions {
  /** Threads the run may use (--threads); one writes every line here. */
  readonly threads: number;
  /** CASELOAD_PARALLEL_MIN_CASES: tests lower it to send small reports through the worker. */
  readonly minCases?: number | undefined;
}

/** Lines being written on two threads: `rows` is the array they are of. */
export interface SharedLines {
  readonly rows: readonly unknown[];
  /** Writes every line, in order: this thread's batches as it makes them, the worker's as they come. */
  write(out: Output): Promise<void>;
  /** Ends the worker (a run that failed before write). */
  stop(): void;
}

/**
 * The worker's share of the batches. Over half: it writes a packed case's bytes straight
 * (case-lines.ts), faster than JSON.stringify here, and this thread also packs the worker's cases.
 */
const WORKER_SHARE = 0.6;

/** Whether batch `index` is the worker's: WORKER_SHARE of them, spread evenly; the first is this thread's. */
const isWorkerBatch = (index: number): boolean => Math.floor((index + 1) * WORKER_SHARE) > Math.floor(index * WORKER_SHARE);

/** The worker's batches of `count` rows, as [from, to) ranges. */
function workerBatches(count: number, batch: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let index = 0, from = 0; from < count; index++, from += batch) if (isWorkerBatch(index)) ranges.push([from, Math.min(count, from + batch)]);
  return ranges;
}

/** Starts a worker on every other batch of `cases`; null when this thread should write them all. */
export function shareCaseLines(cases: readonly CaseResult[], frame: LineFrame, options: LineOptions): SharedLines | null {
  if (options.threads < 2 || cases.length < Math.max(2, options.minCases ?? PARALLEL_MIN_CASES)) return null;
  const batch = Math.min(BATCH_CASES, Math.ceil(cases.length / MIN_BATCHES));
  const ranges = workerBatches(cases.length, batch);
  // The worker starts before the cases are packed: a thread takes about as long to start.
  const worker = new Worker(new URL('./lines-worker.js', import.meta.url));
  const packed = packCases(cases, ranges);
  if (packed === null) {
    void worker.terminate();
    return null;
  }
  const task: LinesTask = { packed, batches: ranges, last: cases.length - 1, frame };
  worker.postMessage(task, [packed.cells.buffer as ArrayBuffer]);

  // Batches as they come; a waiting write is told of the next one, or of null once the worker
  // has failed or ended without it.
  const arrived: Uint8Array[][] = [];
  let waiting: ((parts: Uint8Array[] | null) => void) | null = null;
  let ended = false;
  const end = (): void => {
    ended = true;
    waiting?.(null);
  };
  worker.on('message', (message: LinesMessage) => {
    const parts = message.parts.map((part) => new Uint8Array(part.buffer, 0, part.length));
    if (waiting === null) arrived.push(parts);
    else {
      const resolve = waiting;
      waiting = null;
      resolve(parts);
    }
  });
  worker.once('error', end);
  worker.once('exit', end);
  const next = (): Promise<Uint8Array[] | null> | Uint8Array[] | null =>
    arrived.shift() ?? (ended ? null : new Promise((resolve) => (waiting = resolve)));

  return {
    rows: cases,
    async write(out) {
      let helped = true;
      for (let index = 0, from = 0; from < cases.length; index++, from += batch) {
        const to = Math.min(cases.length, from + batch);
        const theirs = isWorkerBatch(index);
        const parts = theirs && helped ? await next() : null;
        if (parts !== null) {
          parts.forEach((part) => out.writeBytes(part));
          continue;
        }
        if (theirs) helped = false; // the worker failed or ended: this thread writes the rest itself
        writeLines(cases, from, to, out, frame);
      }
    },
    stop: () => void worker.terminate(),
  };
}

/** Elements [from, to) of `rows`, a line each. */
export function writeLines(rows: readonly unknown[], from: number, to: number, out: Output, frame: LineFrame): void {
  const last = rows.length - 1;
  // As JSON.stringify writes an undefined element of an array: null.
  for (let index = from; index < to; index++) out.write(frameLine(JSON.stringify(rows[index]) ?? 'null', index, last, frame));
}
