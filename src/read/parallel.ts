/**
 * Reads a large contacts.csv on every core: the file is cut into byte ranges at line starts, a
 * worker thread folds each range, and the folds are merged (latest contact: max; failures to
 * attend: sum), so the result is the same as one stream's. Only safe where no quoted field can
 * hide a line break: a worker that meets a quote gives up and the file is read as one stream.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkedRows, checkHeader, IssueLog, type ReadSettings } from './table.js';
import { contactRowHandler, ContactFold, type ContactSettings, type ContactsRead, type ContactTally } from './contacts.js';
import { detectDelimiter, firstLineEnd, QUOTE, RecordCounter } from './csv.js';
import { detectRecordDelimiter, PlainSplitter } from './plain.js';
import type { Issue } from './records.js';
import { detectBom, NotUtf8Error, Utf8Checker, type Source } from './source.js';

/** Below this size a file reads faster in one stream than workers start. */
export const PARALLEL_MIN_BYTES = 8 << 20;
const MAX_THREADS = 4;
const HEAD_BYTES = 1 << 16;
const CHUNK_BYTES = 1 << 20;

export function defaultThreads(): number {
  return Math.min(MAX_THREADS, availableParallelism());
}

/** What a worker needs to read its share. */
export interface SegmentTask {
  readonly path: string;
  readonly file: string;
  readonly begin: number;
  readonly finish: number;
  readonly delimiter: string;
  readonly recordDelimiter: string;
  readonly header: string[];
  readonly settings: ContactSettings;
  readonly crns: string[];
}

export type SegmentResult =
  | { readonly quoted: true }
  | {
      readonly quoted: false;
      /** Physical lines the segment spans, blank ones included. */
      readonly lines: number;
      readonly records: number;
      readonly rejected: number;
      /** Line numbers counted from the segment's first line. */
      readonly issues: Issue[];
      readonly lastContact: Int32Array;
      readonly failedToAttend: Int32Array;
    };

/** The first line start at or after `offset`: just past a record delimiter. */
function lineStartFrom(fd: number, offset: number, delimiter: Buffer, size: number): number {
  let from = Math.max(0, offset - delimiter.length);
  const window = Buffer.alloc(HEAD_BYTES);
  while (from < size) {
    const read = readSync(fd, window, 0, window.length, from);
    const found = window.subarray(0, read).indexOf(delimiter);
    if (found !== -1) return from + found + delimiter.length;
    if (read < window.length) break;
    from += read - (delimiter.length - 1); // a delimiter may straddle two windows
  }
  return size;
}

/**
 * One share's job: fold the lines that start in [begin, finish). Synchronous: it owns its
 * thread. A worker builds the crn index from `task.crns`; the main thread passes its own.
 */
export function readSegment(task: SegmentTask, index?: ReadonlyMap<string, number>): SegmentResult {
  const issues: Issue[] = [];
  const log = new IssueLog(task.file, issues);
  const caseIndex = index ?? new Map(task.crns.map((crn, at) => [crn, at]));
  const fold = new ContactFold(caseIndex);
  const tally: ContactTally = { rejected: 0 };
  const silent = new IssueLog(task.file, []); // header issues were recorded by the main thread
  const header = checkHeader('contacts', task.file, task.header, task.settings, silent);
  const onRecord = checkedRows(task.header.length, log, contactRowHandler(header, task.settings, log, fold, tally));
  const counter = new RecordCounter({ header: () => {}, record: onRecord }, { headerSeen: true });
  const splitter = new PlainSplitter(task.delimiter, task.recordDelimiter, counter.take);
  const checker = new Utf8Checker();

  const fd = openSync(task.path, 'r');
  try {
    const size = statSync(task.path).size;
    const delimiter = Buffer.from(task.recordDelimiter);
    const start = lineStartFrom(fd, task.begin, delimiter, size);
    const end = lineStartFrom(fd, task.finish, delimiter, size);
    const chunk = Buffer.alloc(CHUNK_BYTES);
    for (let position = start; position < end; ) {
      const read = readSync(fd, chunk, 0, Math.min(CHUNK_BYTES, end - position), position);
      if (read === 0) break;
      position += read;
      const bytes = chunk.subarray(0, read);
      if (bytes.includes(QUOTE)) return { quoted: true };
      splitter.write(checker.write(bytes).toString('utf8'));
    }
    checker.end();
    splitter.end();
  } catch (error) {
    // A wrong encoding is reported, with its line, by the one-stream reader.
    if (error instanceof NotUtf8Error) return { quoted: true };
    throw error;
  } finally {
    closeSync(fd);
  }
  return {
    quoted: false,
    lines: counter.nextLine - 1,
    records: counter.records,
    rejected: tally.rejected,
    issues,
    lastContact: fold.lastContact,
    failedToAttend: fold.failedToAttend,
  };
}

function runWorker(task: SegmentTask): Promise<SegmentResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./contacts-worker.js', import.meta.url), { workerData: task });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`contacts worker stopped with exit code ${code}`));
    });
  });
}

/** The header line and where the data starts, if the head of the file allows splitting at all. */
function planSplit(path: string, settings: ReadSettings): { header: string; dataStart: number; recordDelimiter: string; size: number } | null {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    readSync(fd, head, 0, head.length, 0);
    const { encoding, bomLength } = detectBom(head, settings.encoding ?? 'utf-8');
    if (encoding !== 'utf-8') return null;
    const text = head.subarray(bomLength).toString('utf8');
    const recordDelimiter = detectRecordDelimiter(text);
    if (recordDelimiter === null) return null;
    const header = text.slice(0, firstLineEnd(text));
    if (header.includes('"') || header.trim() === '') return null; // a blank line first: read as one stream
    const dataStart = bomLength + Buffer.byteLength(header) + recordDelimiter.length;
    return { header, dataStart, recordDelimiter, size };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads contacts.csv across `threads` workers; null when the file is better read as one stream
 * (standard input, small, not UTF-8, or a quote anywhere in it).
 */
export async function readContactsInParallel(
  source: Source,
  settings: ContactSettings,
  log: IssueLog,
  caseIndex: ReadonlyMap<string, number>,
  threads: number,
  minBytes = PARALLEL_MIN_BYTES,
): Promise<ContactsRead | null> {
  if (threads < 2 || source.path === '-') return null;
  let plan;
  try {
    if (statSync(source.path).size < minBytes) return null;
    plan = planSplit(source.path, settings);
  } catch {
    return null; // the one-stream reader reports what is wrong with the file
  }
  if (plan === null) return null;
  const delimiter = settings.delimiter ?? detectDelimiter(plan.header);
  const headerFields = plan.header.split(delimiter);
  // Header issues wait until the workers succeed: on a fall-back the one-stream read records them.
  const headerIssues: Issue[] = [];
  const header = checkHeader('contacts', source.label, headerFields, settings, new IssueLog(source.label, headerIssues));

  const crns = [...caseIndex.keys()];
  const span = (plan.size - plan.dataStart) / threads;
  const tasks = Array.from({ length: threads }, (_, part): SegmentTask => ({
    path: source.path,
    file: source.label,
    begin: part === 0 ? plan.dataStart : Math.floor(plan.dataStart + span * part),
    finish: part === threads - 1 ? plan.size : Math.floor(plan.dataStart + span * (part + 1)),
    delimiter,
    recordDelimiter: plan.recordDelimiter,
    header: headerFields,
    settings,
    crns,
  }));
  // The main thread reads the first share itself: one worker fewer to start and to hold the index.
  const [own, ...shares] = tasks;
  const running = shares.map(runWorker);
  const results = [readSegment({ ...own!, crns: [] }, caseIndex), ...(await Promise.all(running))];
  if (results.some((result) => result.quoted)) return null;

  const fold = new ContactFold(caseIndex);
  for (const issue of headerIssues) log.add(issue.line, issue.column, issue.code, issue.message);
  let lineOffset = 1; // the header line
  let records = 0;
  let rejected = 0;
  for (const result of results) {
    if (result.quoted) continue;
    fold.merge(result);
    for (const issue of result.issues) log.add(issue.line === null ? null : issue.line + lineOffset, issue.column, issue.code, issue.message);
    lineOffset += result.lines;
    records += result.records;
    rejected += result.rejected;
  }
  return {
    contacts: fold,
    columns: new Set(Object.keys(header.index)),
    input: { file: 'contacts', path: source.label, rows: records, used: records - rejected, rejected },
  };
}
