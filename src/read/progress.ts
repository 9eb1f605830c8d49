/**
 * Progress of a large read, for a person at a terminal: bytes read by every thread, counted in
 * a shared buffer, shown at most four times a second on one line of standard error.
 */

/** Exports smaller than this finish before a progress line would help. */
export const PROGRESS_MIN_BYTES = 64 << 20;
const EVERY_MS = 250;

export class ReadProgress {
  /** KiB read so far by any thread; workers add to it with countRead. */
  readonly shared = new SharedArrayBuffer(4);
  private readonly kib = new Int32Array(this.shared);
  private readonly started: number;
  private shown = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly show: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Counts bytes read on this thread and, when it is time, shows the line. */
  add(bytes: number): void {
    countRead(this.shared, bytes);
    const time = this.now();
    if (time - this.shown < EVERY_MS) return;
    this.shown = time;
    const readMb = Atomics.load(this.kib, 0) / 1024;
    const seconds = (time - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(readMb / seconds) : 0;
    this.show(`reading ${Math.round(readMb)} of ${Math.round(this.totalBytes / 2 ** 20)} MB, ${rate} MB/s`);
  }
}

/** Adds to a progress counter from any thread. */
export function countRead(shared: SharedArrayBuffer, bytes: number): void {
  Atomics.add(new Int32Array(shared), 0, Math.round(bytes / 1024));
}
