/**
 * node:worker_threads for tests that run a worker module in the test's own thread (the worker
 * entries are .ts files under vitest, which a real thread cannot load): Worker is a stand-in
 * that the test starts as it likes, and workerData and parentPort are what the test sets. A
 * message posted to the worker waits until its module listens, as a thread's would.
 */
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

/** What the worker module sees: the task it was given (workerData, or its first message), and where its messages go. */
export interface StandInState {
  task: unknown;
  /** Every message a worker module took, in order. */
  tasks?: unknown[];
  post: (message: unknown) => void;
  /** Workers terminated by the code under test. */
  terminated?: number;
}

/** A Worker that runs nothing by itself: `start` imports its module and emits its events. */
export class StandInWorker extends EventEmitter {
  /** Messages posted to the worker before its module listens for them, and its listener once it does. */
  private readonly inbox: unknown[] = [];
  private listener: ((message: unknown) => void) | null = null;

  constructor(
    /** The worker's source module, a fresh instance for each worker (the query makes the import new). */
    readonly module: string,
    readonly workerData: unknown,
    private readonly state: StandInState,
  ) {
    super();
  }

  /** A copy arrives, a turn later, as a thread receives one (what was transferred is copied). */
  postMessage(message: unknown): void {
    this.inbox.push(structuredClone(message));
    this.deliver();
  }

  /** The worker module's parentPort.once('message', …). */
  onceMessage(listener: (message: unknown) => void): void {
    this.listener = listener;
    this.keep = false;
    this.deliver();
  }

  /** The worker module's parentPort.on('message', …): every message, in order. */
  onMessage(listener: (message: unknown) => void): void {
    this.listener = listener;
    this.keep = true;
    this.deliver();
  }

  /** The worker module's parentPort.off('message', …): with nothing left to listen, the thread exits. */
  offMessage(): void {
    this.listener = null;
    setImmediate(() => setImmediate(() => this.emit('exit', 0)));
  }

  private keep = false;

  /** Terminated by the code under test: its module, if not yet run, is not to run. */
  terminated = false;

  terminate(): Promise<number> {
    this.terminated = true;
    this.listener = null; // a thread terminated takes no more messages
    this.state.terminated = (this.state.terminated ?? 0) + 1;
    return Promise.resolve(0);
  }

  private deliver(): void {
    const listener = this.listener;
    if (listener === null || this.inbox.length === 0) return;
    if (!this.keep) this.listener = null;
    const message = this.inbox.shift();
    this.state.task = message;
    (this.state.tasks ??= []).push(message);
    // A kept listener takes the next message once it is done with this one (and still listens).
    setImmediate(() => {
      if (this.keep && this.listener !== listener) return;
      listener(message);
      if (this.keep) this.deliver();
    });
  }
}

/** `actual` (node:worker_threads) with a stand-in Worker, each one handed to `start` as it is made. */
export function standInWorkerThreads<T extends object>(actual: T, state: StandInState, start: (worker: StandInWorker) => void): T {
  let made = 0;
  // The worker whose module runs now: the last one made (a test runs one at a time).
  let current: StandInWorker | null = null;
  class Worker extends StandInWorker {
    constructor(url: URL, options?: { workerData?: unknown }) {
      super(`${fileURLToPath(url).replace(/\.js$/, '.ts')}?worker=${++made}`, options?.workerData, state);
      current = this;
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
      return {
        postMessage: (message: unknown) => state.post(message),
        once: (_event: 'message', listener: (message: unknown) => void) => current!.onceMessage(listener),
        on: (_event: 'message', listener: (message: unknown) => void) => current!.onMessage(listener),
        off: () => current!.offMessage(),
      };
    },
  };
}
