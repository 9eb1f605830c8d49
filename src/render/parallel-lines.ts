/**
 * The cases of a long JSON or NDJSON report (or the tasks of a long worklist: `due`) written
 * on two threads, in batches: a worker writes WORKER_SHARE of them (spread evenly) and this
 * thread the rest, writing the worker's out in turn. So the worker keeps only the batches it is
 * ahead by, not its whole share of the report.
 *
 * A national report spends most of its rendering in JSON.stringify, one case at a time, while
 * the thread that read contacts.csv sits idle. The worker is given its cases packed into numbers
 * (case-pack.ts) and writes each one's bytes from the pack (case-lines.ts): the very bytes this
 * thread would have written. It gets them a group at a time, packed here just ahead of where
 * the writing is, so that it starts on the first group at once; it was started while the cases
 * were analysed (LinesThread), so it is ready by then. Whenever the bytes cannot be promised
 * (a value packing cannot carry, a worker that fails or stops early), this thread writes those
 * lines itself.
 */
import { Worker } from 'node:worker_threads';
import type { DueTask } from '../analyse/due.js';
import type { CaseResult } from '../analyse/report.js';
import { RowPacker } from './case-pack.js';
import { frameLine, type LineFrame, type LinesMessage, type LinesTask } from './lines.js';
import type { Output } from './output.js';
import type { View } from './view.js';

/** Below this many cases a worker costs more than it saves (a London-size report, 28k cases, is slower with one). */
export const PARALLEL_MIN_CASES = 50_000;
/** Cases a batch at most (about 2.5 MB of JSON); a short list is cut into at least MIN_BATCHES. */
const BATCH_CASES = 4096;
const MIN_BATCHES = 16;
/** The worker's batches packed a group at a time, and how far ahead of the writing the groups are sent. */
const GROUP_BATCHES = 4;
const AHEAD_BATCHES = 8;

export interface LineOptions {
  /** Threads the run may use (--threads); one writes every line here. */
  readonly threads: number;
  /** CASELOAD_PARALLEL_MIN_CASES: tests lower it to send small reports through the worker. */
  readonly minCases?: number | undefined;
  /** The lines worker, started ahead. */
  readonly thread?: LinesThread | null;
}

/** Lines being written on two threads: `rows` is the array they are of. */
export interface SharedLines {
  readonly rows: readonly unknown[];
  /** Writes every line, in order: this thread's batches as it makes them, the worker's as they come. */
  write(out: Output): Promise<void>;
  /** Ends the worker (a run that failed before write). */
  stop(): void;
}

const startWorker = (): Worker => new Worker(new URL('./lines-worker.js', import.meta.url));

/**
 * The lines worker, started ahead: while the analysis runs, the core it starts on is idle, and
 * it is ready when the cases are. Whoever starts one stops it; a worker taken is the taker's.
 */
export class LinesThread {
  private worker: Worker | null = null;

  start(): void {
    this.worker ??= startWorker();
  }

  /** The worker started ahead, else a new one. */
  take(): Worker {
    const worker = this.worker ?? startWorker();
    this.worker = null;
    return worker;
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = null;
  }
}

/**
 * The worker's share of the batches. Well over half: it writes a packed case's bytes straight
 * (case-lines.ts), faster than JSON.stringify here, and packing a case here costs a third of
 * writing it.
 */
const WORKER_SHARE = 0.8;

/** Whether batch `index` is the worker's: WORKER_SHARE of them, spread evenly; the first is this thread's. */
const isWorkerBatch = (index: number): boolean => Math.floor((index + 1) * WORKER_SHARE) > Math.floor(index * WORKER_SHARE);

/**
 * The lines of `rows` shared with a worker when they are the view's cases or its worklist's
 * tasks (a long list of them); null when this thread should write them all.
 */
export function shareViewLines(view: View, rows: unknown, frame: LineFrame, options: LineOptions): SharedLines | null {
  if (rows === view.cases) return shareCaseLines(view.cases, frame, options);
  if (view.due !== null && rows === view.due.tasks) return shareTaskLines(view.due.tasks, frame, options);
  return null;
}

/** Starts a worker on its share of the batches of `cases`; null when this thread should write them all. */
export function shareCaseLines(cases: readonly CaseResult[], frame: LineFrame, options: LineOptions): SharedLines | null {
  return shareRowLines(cases, new RowPacker<CaseResult>('case'), frame, options);
}

/** The same for a worklist's tasks (`due`). */
export function shareTaskLines(tasks: readonly DueTask[], frame: LineFrame, options: LineOptions): SharedLines | null {
  return shareRowLines(tasks, new RowPacker<DueTask>('task'), frame, options);
}

/** Starts a worker on its share of the batches of `rows`, packed by `packer`; null when this thread should write them all. */
function shareRowLines<T extends CaseResult | DueTask>(rows: readonly T[], packer: RowPacker<T>, frame: LineFrame, options: LineOptions): SharedLines | null {
  if (options.threads < 2 || rows.length < Math.max(2, options.minCases ?? PARALLEL_MIN_CASES)) return null;
  const batch = Math.min(BATCH_CASES, Math.ceil(rows.length / MIN_BATCHES));
  const batches = Math.ceil(rows.length / batch);
  const rangeOf = (index: number): [number, number] => [index * batch, Math.min(rows.length, (index + 1) * batch)];
  const worker = options.thread?.take() ?? startWorker();

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

  // The worker's batches are packed and sent a group at a time, a few batches ahead of the
  // writing; once a group cannot be packed, none is sent after it, and this thread writes them.
  const sentToWorker = new Uint8Array(batches);
  let decided = 0; // batches [0, decided) are sent to the worker or left to this thread
  let sending = true;
  let groups = 0;
  const send = (through: number): void => {
    while (sending && decided < Math.min(through, batches)) {
      // The first groups small (1, 2, 4 batches), so that the worker starts at once.
      const size = Math.min(GROUP_BATCHES, 2 ** groups++);
      const group: [number, number][] = [];
      let index = decided;
      for (; index < batches && group.length < size; index++) if (isWorkerBatch(index)) group.push(rangeOf(index));
      const packed = group.length === 0 ? null : packer.pack(rows, group);
      if (packed !== null) {
        worker.postMessage({ packed, batches: group, last: rows.length - 1, frame, final: index >= batches } satisfies LinesTask, [
          packed.cells.buffer as ArrayBuffer,
        ]);
        for (let at = decided; at < index; at++) sentToWorker[at] = isWorkerBatch(at) ? 1 : 0;
      } else if (group.length > 0) sending = false;
      decided = index;
    }
  };
  send(AHEAD_BATCHES);

  return {
    rows: rows,
    async write(out) {
      let helped = true;
      for (let index = 0; index < batches; index++) {
        send(index + AHEAD_BATCHES);
        const [from, to] = rangeOf(index);
        const theirs = sentToWorker[index] === 1;
        const parts = theirs && helped ? await next() : null;
        if (parts !== null) {
          parts.forEach((part) => out.writeBytes(part));
          continue;
        }
        if (theirs) helped = false; // the worker failed or ended: this thread writes the rest itself
        writeLines(rows, from, to, out, frame);
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
