/**
 * Reads a large contacts.csv on every core, while offenders.csv is still being read.
 *
 * The file is cut at line starts into segments, more than there are threads; each thread takes
 * the next segment from a shared counter and folds it into its own per-case arrays. A worker
 * learns the cases' order by reading offenders.csv's crn column itself, so it starts at once;
 * the main thread joins in when it has read offenders.csv, and checks that the worker's order
 * matches its own. The folds merge (latest contact: max; failures to attend: sum) and the
 * segments' issues are renumbered in file order, so the result is the same as one stream's.
 * Each segment is split by the same PlainLines and its plain rows read by the same
 * PlainContacts as the one-stream reader uses (plain.ts, plain-contacts.ts).
 *
 * Only safe where no quoted field can hide a line break: a quote anywhere (or bytes that are
 * not UTF-8, or a line too long) and the file is read as one stream instead, which reports what
 * it finds. Every thread reads through one descriptor opened at the start, and the file is
 * checked at the end as the one-stream reader checks it: changed while read, an input error.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkedRows, checkHeader, IssueLog, unreadColumns, type ReadSettings } from './table.js';
import type { CaseKeys, KeyFinder } from './byte-keys.js';
import { PlainContacts } from './plain-contacts.js';
import { contactRowHandler, ContactFold, type ContactSettings, type ContactsRead, type ContactTally } from './contacts.js';
import { detectDelimiter, QUOTE, RecordCounter } from './csv.js';
import { firstLineEnd, lineEndLength, LineTooLong, pastLineEnd, PlainLines } from './plain.js';
import type { Issue } from './records.js';
import { checkUnchanged, detectBom, isWorkbook, NotUtf8Error, Utf8Checker, type Source } from './source.js';
import type { ReadProgress } from './progress.js';

/** Below this size a file reads faster in one stream than workers start. */
export const PARALLEL_MIN_BYTES = 8 << 20;
const MAX_THREADS = 4;
/** Segments per thread: small enough that a thread joining late still gets its share. */
const SEGMENTS_PER_THREAD = 8;
const HEAD_BYTES = 1 << 16;
const LF = 10;
const CR = 13;
const CHUNK_BYTES = 1 << 16;

export function defaultThreads(): number {
  return Math.min(MAX_THREADS, availableParallelism());
}

/** How contacts.csv is cut, and what every thread needs to read its segments. */
export interface SplitPlan {
  readonly path: string;
  readonly file: string;
  /** Opened once by the main thread; descriptors are shared by the threads of a process. */
  readonly fd: number;
  readonly size: number;
  /** Nominal byte offsets; segment k holds the lines that start in [bounds[k], bounds[k+1]). */
  readonly bounds: number[];
  readonly delimiter: string;
  readonly header: string[];
  readonly settings: ContactSettings;
}

/** A worker's orders: the plan, the shared segment counter, and where to learn the cases' order. */
export interface WorkerTask {
  readonly plan: SplitPlan;
  readonly next: SharedArrayBuffer;
  readonly offenders: Source;
  readonly offendersSettings: ReadSettings;
  /** Bytes read, for the progress line (see progress.ts). */
  readonly progress: SharedArrayBuffer | null;
}

/** One segment, read: its line count, rows and issues (lines counted from the segment's start). */
export interface SegmentRead {
  /** Bytes read, against the segment's span: fewer means the file shrank while read. */
  readonly complete: boolean;
  readonly lines: number;
  readonly records: number;
  readonly rejected: number;
  readonly issues: Issue[];
}

/** What a thread hands back: its segments by number, its fold, and the case order it used. */
export interface ThreadResult {
  /** A quote or non-UTF-8 bytes were met: the file must be read as one stream. */
  readonly unsplittable: boolean;
  readonly segments: [number, SegmentRead][];
  readonly lastContact: Int32Array;
  readonly failedToAttend: Int32Array;
  readonly caseOrder: string;
}

/** The first line start at or after `offset`: just past a line end (plain.ts), a CRLF whole. */
export function lineStartFrom(fd: number, offset: number, size: number): number {
  // From the byte before `offset`: a line that starts right at it ends there.
  let from = Math.max(0, offset - 1);
  if (offset === 0) return 0;
  const window = Buffer.alloc(HEAD_BYTES);
  while (from < size) {
    const read = readSync(fd, window, 0, Math.min(window.length, size - from), from);
    if (read === 0) break;
    const cut = pastLineEnd(window.subarray(0, read), 0);
    if (cut !== -1) {
      // A CR that ends the window may be half a CRLF whose LF starts the next one.
      const crAtEnd = cut === read && window[read - 1] === CR && from + read < size;
      return from + cut + (crAtEnd && peekByte(fd, from + read) === LF ? 1 : 0);
    }
    from += read;
  }
  return size;
}

function peekByte(fd: number, position: number): number | undefined {
  const one = Buffer.alloc(1);
  return readSync(fd, one, 0, 1, position) === 1 ? one[0] : undefined;
}

class Unsplittable extends Error {}

/** Reads segment `part` into `fold`. Synchronous: the thread has nothing else to do. */
function readSegment(plan: SplitPlan, part: number, fold: ContactFold, crns: KeyFinder, onRead?: (bytes: number) => void): SegmentRead {
  const issues: Issue[] = [];
  const log = new IssueLog(plan.file, issues);
  const tally: ContactTally = { rejected: 0 };
  const silent = new IssueLog(plan.file, []); // header issues are the main thread's to record
  const header = checkHeader('contacts', plan.file, plan.header, plan.settings, silent);
  const width = plan.header.length;
  const record = checkedRows(width, log, contactRowHandler(header, plan.settings, log, fold, tally));
  const plainRows = new PlainContacts(header, width, plan.settings, fold, crns);
  const counter = new RecordCounter({ header: () => {}, record, plainRows }, { headerSeen: true });
  const lines = new PlainLines(plan.delimiter, counter);
  const checker = new Utf8Checker();
  const { fd, size } = plan;
  let complete = true;
  try {
    const start = lineStartFrom(fd, plan.bounds[part]!, size);
    const end = lineStartFrom(fd, plan.bounds[part + 1]!, size);
    // One buffer for every read: the splitter copies the unfinished line it keeps. (A buffer a
    // read, freed only when the collector next runs, grew the heap with the contact log.)
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, end - start));
    for (let position = start; position < end; ) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, end - position), position);
      if (read === 0) {
        complete = false;
        break;
      }
      position += read;
      onRead?.(read);
      const bytes = chunk.subarray(0, read);
      if (bytes.includes(QUOTE)) throw new Unsplittable();
      lines.write(checker.write(bytes));
    }
    checker.end();
    lines.end();
  } catch (error) {
    if (error instanceof NotUtf8Error || error instanceof LineTooLong) throw new Unsplittable();
    throw error;
  }
  return { complete, lines: counter.nextLine - 1, records: counter.records, rejected: tally.rejected, issues };
}

/** Takes segments from the shared counter until none is left. */
export function readSegments(
  plan: SplitPlan,
  next: SharedArrayBuffer,
  caseIndex: CaseKeys,
  onRead?: (bytes: number) => void,
): ThreadResult {
  const counter = new Int32Array(next);
  const fold = new ContactFold(caseIndex);
  const crns = caseIndex.finder;
  const segments: [number, SegmentRead][] = [];
  let unsplittable = false;
  for (let part = Atomics.add(counter, 0, 1); part < plan.bounds.length - 1; part = Atomics.add(counter, 0, 1)) {
    try {
      segments.push([part, readSegment(plan, part, fold, crns, onRead)]);
    } catch (error) {
      if (!(error instanceof Unsplittable)) throw error;
      unsplittable = true;
      Atomics.store(counter, 0, plan.bounds.length); // stop every thread: the file reads as one stream
    }
  }
  return { unsplittable, segments, lastContact: fold.lastContact, failedToAttend: fold.failedToAttend, caseOrder: caseIndex.digest };
}

/** The header line and where the data starts, if the head of the file allows splitting at all (or reading it as plain bytes: case-order.ts). */
export function headOf(fd: number, size: number, settings: ReadSettings): { header: string; dataStart: number } | null {
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  readSync(fd, head, 0, head.length, 0);
  if (isWorkbook(head)) return null; // the one-stream reader says what it is
  const { encoding, bomLength } = detectBom(head, settings.encoding ?? 'utf-8');
  if (encoding !== 'utf-8') return null;
  const text = head.subarray(bomLength).toString('utf8');
  const end = firstLineEnd(text);
  // No line end in the head, or a CR at its very end that may be half a CRLF: one stream.
  if (end >= text.length - 1) return null;
  const header = text.slice(0, end);
  // A quoted header, or blank lines before it, are left to the one-stream reader.
  if (header.includes('"') || header.trim() === '') return null;
  return { header, dataStart: bomLength + Buffer.byteLength(header) + lineEndLength(text, end) };
}

function runWorker(task: WorkerTask): { result: Promise<ThreadResult>; stop: () => void } {
  const worker = new Worker(new URL('./contacts-worker.js', import.meta.url), { workerData: task });
  const result = new Promise<ThreadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`contacts worker stopped with exit code ${code}`));
    });
  });
  result.catch(() => {}); // a run that fails elsewhere stops the workers and never asks
  return { result, stop: () => void worker.terminate() };
}

export interface ParallelContacts {
  /** Joins the workers with the cases read; null when the file must be read as one stream. */
  finish(log: IssueLog, caseIndex: CaseKeys): Promise<ContactsRead | null>;
  /** Ends the workers (a run that failed before finish). */
  stop(): void;
}

/**
 * Starts reading contacts.csv across `threads` threads (the main thread one of them, once it
 * calls finish); null when the file is better read as one stream (standard input, small, not
 * UTF-8, quoted header, or one thread).
 */
export function startContactsInParallel(
  source: Source,
  settings: ContactSettings,
  offenders: Source,
  threads: number,
  minBytes = PARALLEL_MIN_BYTES,
  progress: ReadProgress | null = null,
): ParallelContacts | null {
  if (threads < 2 || source.path === '-' || offenders.path === '-') return null;
  let fd: number | null = null;
  let opened: Stats;
  let head;
  try {
    if (statSync(source.path).size < minBytes) return null;
    fd = openSync(source.path, 'r');
    opened = fstatSync(fd);
    head = opened.isFile() ? headOf(fd, opened.size, settings) : null;
  } catch {
    head = null; // the one-stream reader reports what is wrong with the file
  }
  if (head === null || fd === null) {
    if (fd !== null) closeSync(fd);
    return null;
  }
  const openedFd = fd;
  const size = opened!.size;
  const delimiter = settings.delimiter ?? detectDelimiter(head.header);
  // A first line of bare delimiters is a blank line (as RecordCounter has it), not the header:
  // the one-stream reader skips it.
  if (head.header.split(delimiter).every((field) => field.trim() === '')) {
    closeSync(openedFd);
    return null;
  }
  const segments = threads * SEGMENTS_PER_THREAD;
  const span = (size - head.dataStart) / segments;
  const plan: SplitPlan = {
    path: source.path,
    file: source.label,
    fd: openedFd,
    size,
    bounds: Array.from({ length: segments + 1 }, (_, part) => (part === segments ? size : Math.floor(head.dataStart + span * part))),
    delimiter,
    header: head.header.split(delimiter),
    settings,
  };
  const next = new SharedArrayBuffer(4);
  const { encoding, delimiter: offendersDelimiter, dateOrder, aliases } = settings;
  const workers = Array.from({ length: threads - 1 }, () =>
    runWorker({
      plan,
      next,
      offenders: { path: offenders.path, label: offenders.label },
      offendersSettings: { encoding, delimiter: offendersDelimiter, dateOrder, aliases },
      progress: progress?.shared ?? null,
    }),
  );
  // The descriptor is closed once every worker has ended, never under a thread still reading.
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    void Promise.allSettled(workers.map((worker) => worker.result)).then(() => closeSync(openedFd));
  };
  const stop = (): void => {
    workers.forEach((worker) => worker.stop());
    close();
  };

  return {
    stop,
    async finish(log, caseIndex) {
      // Header issues wait until the split succeeds: on a fall-back the one-stream read records them.
      const headerIssues: Issue[] = [];
      const header = checkHeader('contacts', source.label, plan.header, settings, new IssueLog(source.label, headerIssues));
      const own = readSegments(plan, next, caseIndex, progress ? (bytes) => progress.add(bytes) : undefined);
      const settled = await Promise.allSettled(workers.map((worker) => worker.result));
      if (settled.some((outcome) => outcome.status === 'rejected')) return null; // the one stream will say why
      const results = [own, ...settled.map((outcome) => (outcome as PromiseFulfilledResult<ThreadResult>).value)];
      // A worker that read the cases in another order would put contacts on the wrong cases.
      if (results.some((result) => result.unsplittable || result.caseOrder !== own.caseOrder)) return null;
      const bytesRead = results.every((result) => result.segments.every(([, segment]) => segment.complete)) ? size : -1;
      await checkUnchanged(source, opened!, fstatSync(openedFd), bytesRead);

      const fold = new ContactFold(caseIndex, own);
      for (const result of results.slice(1)) fold.merge(result);
      const byPart = new Map(results.flatMap((result) => result.segments));
      for (const issue of headerIssues) log.add(issue.line, issue.column, issue.code, issue.message);
      let lineOffset = 1; // the header line
      let records = 0;
      let rejected = 0;
      for (let part = 0; part < segments; part++) {
        const segment = byPart.get(part)!;
        for (const issue of segment.issues) log.add(issue.line === null ? null : issue.line + lineOffset, issue.column, issue.code, issue.message);
        lineOffset += segment.lines;
        records += segment.records;
        rejected += segment.rejected;
      }
      return {
        contacts: fold,
        columns: new Set(Object.keys(header.index)),
        input: { file: 'contacts', path: source.label, rows: records, used: records - rejected, rejected, ...unreadColumns('contacts', header, settings.aliases) },
      };
    },
  };
}
