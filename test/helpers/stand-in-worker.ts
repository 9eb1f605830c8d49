/**
 * node:worker_threads for tests that run a worker module in the test's own thread (the worker
 * entries are .ts files under vitest, which a real thread cannot load): Worker is a stand-in
 * that the test starts as it likes, and workerData and parentPort are what the test sets.
 */
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

/** What the worker module sees: the task it was given, and where its messages go. */
export interface StandInState {
  task: unknown;
  post: (message: unknown) => void;
}

/** A Worker that runs nothing by itself: `start` imports its module and emits its events. */
export class StandInWorker extends EventEmitter {
  constructor(
    /** The worker's source module, a fresh instance for each worker (the query makes the import new). */
    readonly module: string,
    readonly workerData: unknown,
  ) {
    super();
  }

  terminate(): Promise<number> {
    return Promise.resolve(0);
  }
}

/** `actual` (node:worker_threads) with a stand-in Worker, each one handed to `start` as it is made. */
export function standInWorkerThreads<T extends object>(actual: T, state: StandInState, start: (worker: StandInWorker) => void): T {
  let made = 0;
  class Worker extends StandInWorker {
    constructor(url: URL, options: { workerData: unknown }) {
      super(`${fileURLToPath(url).replace(/\.js$/, '.ts')}?worker=${++made}`, options.workerData);
      start(this);
    }
  }
  return {
    ...actual,
    Worker,
    get workerData() {
      return state.task;
    },
    get parentPort() {
      return { postMessage: (message: unknown) => state.post(message) };
    },
  };
}
