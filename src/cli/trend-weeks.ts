/**
 * `caseload trend` reads many exports: which folders (SPEC 3.2: named by their date, or one
 * folder holding such folders), and analysing them in parallel on worker threads, each thread
 * handing back a week summary (src/analyse/trend.ts) rather than a whole report.
 */
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WeekSummary } from '../analyse/trend.js';
import type { Config } from '../config/schema.js';
import { CaseloadError, InputError, UsageError, type ExitCode } from '../errors.js';
import { describeFsError } from '../read/source.js';
import { formatDay, type Day } from '../read/values.js';
import { dateFromFolder } from './commands/diff.js';
import type { RunOptions } from './option-values.js';

/** One weekly export: its folder and the date it is analysed as of (its name). */
export interface WeekFolder {
  readonly dir: string;
  readonly asOf: Day;
}

/** What the main thread asks a worker (trend-worker.ts) to do. */
export interface WeekTask {
  readonly dir: string;
  readonly asOf: Day;
  /** The latest export: keep its lost cases in full. */
  readonly keepCases: boolean;
  readonly options: RunOptions;
  readonly config: Config;
}

export type WeekReply =
  | { readonly dir: string; readonly summary: WeekSummary; readonly error?: undefined }
  | { readonly dir: string; readonly error: { message: string; exitCode: ExitCode | null; stack: string | null } };

/** At most this many exports are analysed at once: each holds a whole export in memory. */
const MAX_WORKERS = 4;

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such folder' : describeFsError(error)}`);
  }
}

/**
 * The dated folders the arguments name, in date order: each argument named by a date, or one
 * argument holding only dated folders. Anything else is a usage error naming the folder.
 */
export async function findWeekFolders(args: readonly string[]): Promise<WeekFolder[]> {
  let folders: WeekFolder[];
  const only = args.length === 1 ? args[0]! : null;
  if (only !== null && dateFromFolder(only) === null) {
    if (!(await isFolder(only))) throw new InputError(`${only}: not a folder`);
    const entries = await readdir(only, { withFileTypes: true });
    const inside = entries.filter((entry) => entry.isDirectory()).map((entry) => join(only, entry.name));
    if (inside.length === 0) throw new UsageError(`${only}: not named by a date (YYYY-MM-DD) and holds no dated export folders`);
    folders = inside.map((dir) => ({ dir, asOf: dateOrUsageError(dir) }));
  } else {
    folders = args.map((dir) => ({ dir, asOf: dateOrUsageError(dir) }));
  }
  folders.sort((a, b) => a.asOf - b.asOf);
  for (let at = 1; at < folders.length; at++) {
    if (folders[at]!.asOf === folders[at - 1]!.asOf) {
      throw new UsageError(`${folders[at - 1]!.dir} and ${folders[at]!.dir}: two exports for ${formatDay(folders[at]!.asOf)}`);
    }
  }
  return folders;
}

function dateOrUsageError(dir: string): Day {
  const day = dateFromFolder(dir);
  if (day === null) throw new UsageError(`${dir}: not named by a date (YYYY-MM-DD); trend analyses each export as of its folder's name`);
  return day;
}

/** How many exports to analyse at once: --threads, else the cores (at most MAX_WORKERS). */
export function weekWorkers(options: Pick<RunOptions, 'threads'>, folders: number): number {
  return Math.max(1, Math.min(folders, options.threads ?? Math.min(MAX_WORKERS, availableParallelism())));
}

/**
 * Analyses every folder on at most `workers` threads at once and returns their summaries in
 * date order. A thread is asked for one week after another, its compiled code warm, and
 * collects each week's records as soon as it has answered (trend-worker.ts), so they do not
 * linger as garbage while it reads the next. Every folder is tried; the error of the earliest
 * failing one is thrown, so the message does not depend on which thread finished first.
 */
export async function summariseWeeks(
  folders: readonly WeekFolder[],
  options: RunOptions,
  config: Config,
  workers: number,
  onDone?: (done: number) => void,
): Promise<WeekSummary[]> {
  // Each thread reads its export's contacts in one stream: the threads already fill the cores.
  const taskOptions: RunOptions = { ...options, threads: 1 };
  const latest = folders.length - 1;
  const replies = new Array<WeekReply | undefined>(folders.length);
  let next = 0;
  let done = 0;
  const running = new Set<Worker>();
  /** Asks `worker` for week `at`; settles on its answer, or on the thread failing. */
  const analyseOn = (worker: Worker, at: number): Promise<WeekReply> =>
    new Promise<WeekReply>((resolve, reject) => {
      const folder = folders[at]!;
      const stopped = (code: number): void => fail(new Error(`${folder.dir}: trend worker stopped with exit code ${code}`));
      const listen = (on: boolean): void => {
        worker[on ? 'on' : 'off']('message', answered);
        worker[on ? 'on' : 'off']('error', fail);
        worker[on ? 'on' : 'off']('exit', stopped);
      };
      function answered(reply: WeekReply): void {
        listen(false);
        resolve(reply);
      }
      function fail(error: unknown): void {
        listen(false);
        reject(error);
      }
      listen(true);
      worker.postMessage({ dir: folder.dir, asOf: folder.asOf, keepCases: at === latest, options: taskOptions, config } satisfies WeekTask);
    });
  // One thread per lane, asked for one week after another (trend-worker.ts collects each week
  // before it reads the next).
  const lane = async (): Promise<void> => {
    if (next >= folders.length) return;
    const worker = new Worker(new URL('./trend-worker.js', import.meta.url));
    running.add(worker);
    try {
      while (next < folders.length) {
        const at = next++;
        replies[at] = await analyseOn(worker, at);
        onDone?.(++done);
      }
    } catch (error) {
      next = folders.length; // a thread that failed outright: start no more
      throw error;
    } finally {
      running.delete(worker);
      await worker.terminate();
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
  } finally {
    await Promise.all([...running].map((worker) => worker.terminate()));
  }
  return replies.map((reply) => {
    if (reply!.error === undefined) return reply!.summary;
    const { message, exitCode, stack } = reply!.error;
    if (exitCode === null) {
      const error = new Error(`${reply!.dir}: ${message}`);
      if (stack !== null) error.stack = stack;
      throw error;
    }
    throw new CaseloadError(message, exitCode);
  });
}
