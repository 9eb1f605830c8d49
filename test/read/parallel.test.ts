/**
 * The parallel contacts reader (src/read/parallel.ts), in-process: a large contacts.csv split
 * across threads must read exactly as one stream does, issues renumbered to the right lines, and
 * fall back to one stream whenever splitting cannot be trusted.
 *
 * Worker threads need the built JS (the reader starts `contacts-worker.js` beside itself, which
 * under vitest is a .ts file), so node:worker_threads is replaced here by a stand-in that runs
 * the worker module itself in this thread: a fresh instance per worker, with its workerData and
 * parentPort. The real threads are exercised through the built CLI (test/cli/threads.test.ts).
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { readExports, type ReadOptions } from '../../src/read/exports.js';
import { lineStartFrom } from '../../src/read/parallel.js';
import type { Exports } from '../../src/read/records.js';
import { exportModelOf, runStyle, writeVariant, type RunStyle } from '../properties/export-model.js';
import { fcOptions, writeFolder } from '../properties/support.js';
import { tempDir } from '../helpers/cli.js';
import { day } from './support.js';

/** What the stand-in workers did: how many ran, how many split the file, and hooks to make one fail. */
const workers = vi.hoisted(() => ({
  started: 0,
  split: 0,
  task: undefined as unknown,
  post: (_message: unknown): void => {},
  queue: Promise.resolve(),
  /** Makes the next worker fail, or tamper with what it sends. */
  fail: false,
  tamper: null as ((message: Record<string, unknown>) => void) | null,
}));

vi.mock('node:worker_threads', async (importOriginal) => {
  const { standInWorkerThreads } = await import('../helpers/stand-in-worker.js');
  return standInWorkerThreads(await importOriginal<object>(), workers, (worker) => {
    workers.started++;
    // One at a time, each after the constructor returns (as a thread's events come later).
    workers.queue = workers.queue.then(
      () =>
        new Promise<void>((done) => {
          if (workers.fail) {
            workers.fail = false;
            worker.emit('error', new Error('worker failed'));
            done();
            return;
          }
          workers.task = worker.workerData;
          workers.post = (message) => {
            const result = message as Record<string, unknown>;
            if (result.unsplittable === false) workers.split++;
            workers.tamper?.(result);
            worker.emit('message', result);
            worker.emit('exit', 0);
            done();
          };
          import(/* @vite-ignore */ worker.module).catch((error: unknown) => {
            worker.emit('error', error);
            done();
          });
        }),
    );
  });
});

/** Everything readExports gives, with the contact history of every case looked up. */
function comparable(exports: Exports): unknown {
  return { ...exports, contacts: exports.cases.map((record) => [record.crn, exports.contacts?.get(record.crn) ?? null]) };
}

async function readBoth(dir: string, options: Omit<ReadOptions, 'threads' | 'parallelMinBytes'>): Promise<{ oneStream: Exports; split: Exports }> {
  const oneStream = await readExports({ dir }, { ...options, threads: 1 });
  const split = await readExports({ dir }, { ...options, threads: 2, parallelMinBytes: 0 });
  return { oneStream, split };
}

/** Quote-free, UTF-8 exports: the ones the parallel reader takes on. */
const splittable = runStyle.map((style): RunStyle => {
  const plain = (file: RunStyle['officers']) => ({ ...file, quoting: 'minimal' as const, encoding: file.encoding === 'utf8bom' ? ('utf8bom' as const) : ('utf8' as const) });
  return { ...style, officers: plain(style.officers), offenders: plain(style.offenders), contacts: plain(style.contacts), windows1252: false };
});

describe('contacts.csv read across threads', () => {
  it('reads as one stream does: the same contacts on the same cases, the same issues on the same lines', async () => {
    const splitBefore = workers.split;
    const options = fcOptions(60);
    await fc.assert(
      fc.asyncProperty(exportModelOf('always'), splittable, async (model, style) => {
        const written = writeVariant(model, style);
        const { dir, cleanup } = writeFolder(written);
        try {
          const config = { ...DEFAULT_CONFIG, date_order: written.dateOrder };
          const { oneStream, split } = await readBoth(dir, { asOf: model.asOf, config, delimiter: written.delimiter });
          expect(comparable(split)).toEqual(comparable(oneStream));
        } finally {
          cleanup();
        }
      }),
      options,
    );
    // The property is about splitting: a good share of these exports were split, not read as one stream.
    expect(workers.split - splitBefore).toBeGreaterThan(options.numRuns! / 4);
  });

  describe('a large file', () => {
    const offenders = ['crn,officer_id,risk', ...Array.from({ length: 400 }, (_, at) => `X${at},P1,${['low', 'high'][at % 2]}`)].join('\n') + '\n';
    /** ~3 MB of contacts: several 1 MiB reads per segment, lines far longer than a 64 KiB look-ahead, and bad rows. */
    function contacts(eol: string): string {
      const lines = ['crn,date,outcome,note'];
      for (let at = 0; at < 30_000; at++) {
        const crn = at % 997 === 0 ? 'X9999' : at % 1009 === 0 ? '' : `X${at % 400}`;
        const date = at % 499 === 0 ? '2026-13-01' : `2026-${String((at % 10) + 1).padStart(2, '0')}-${String((at % 28) + 1).padStart(2, '0')}`;
        const note = at % 7_000 === 3 ? 'n'.repeat(100_000) : `note ${at}`;
        lines.push(`${crn},${date},${at % 3 === 0 ? 'FTA' : 'attended'},${note}`);
      }
      return lines.join(eol) + eol;
    }

    it.each([
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ])('with %s line ends reads as one stream does, split across the threads', async (_name, eol) => {
      const { dir, cleanup } = tempDir({ 'officers.csv': 'officer_id\nP1\n', 'offenders.csv': offenders, 'contacts.csv': contacts(eol) });
      try {
        const splitBefore = workers.split;
        const { oneStream, split } = await readBoth(dir, { asOf: day('2026-11-16'), config: DEFAULT_CONFIG });
        expect(workers.split - splitBefore).toBe(1);
        expect(comparable(split)).toEqual(comparable(oneStream));
        expect(split.inputs[2]).toMatchObject({ rows: 30_000 });
        expect(split.issues.length).toBeGreaterThan(60);
        // Row 997 (line 999) is the first for an unknown crn, row 0 having a date that does not exist.
        expect(split.issues.filter((issue) => issue.code === 'unknown_crn')[0]).toMatchObject({ line: 999, message: expect.stringContaining('X9999') });
      } finally {
        cleanup();
      }
    });
  });

  describe('falls back to one stream, with the same result', () => {
    const files = {
      'officers.csv': 'officer_id\nP1\n',
      'offenders.csv': 'crn,officer_id,risk\nX1,P1,low\nX2,P1,high\n',
      'contacts.csv': 'crn,date,outcome\nX1,2026-11-01,attended\nX2,2026-10-01,attended\nX3,2026-10-02,attended\nX2,2026-11-20,attended\n',
    };

    async function same(contents: Record<string, string | Buffer>, hooks: () => void = () => {}): Promise<Exports> {
      const { dir, cleanup } = tempDir(contents);
      try {
        hooks();
        const { oneStream, split } = await readBoth(dir, { asOf: day('2026-11-16'), config: DEFAULT_CONFIG });
        expect(comparable(split)).toEqual(comparable(oneStream));
        return split;
      } finally {
        workers.fail = false;
        workers.tamper = null;
        cleanup();
      }
    }

    it('when a quote turns up in the data', async () => {
      const exports = await same({ ...files, 'contacts.csv': `${files['contacts.csv']}"X1","2026-11-02",attended\n` });
      expect(exports.contacts!.get('X1')!.lastContact).toBe(day('2026-11-02'));
    });

    it('when the first line is a blank row of bare delimiters (the header comes after it)', async () => {
      const exports = await same({ ...files, 'contacts.csv': `,,\n${files['contacts.csv']}` });
      expect(exports.inputs[2]).toMatchObject({ rows: 4, used: 2, rejected: 2 });
    });

    it('when a worker fails', async () => {
      await same(files, () => (workers.fail = true));
    });

    it('when a worker read the cases in another order', async () => {
      await same(files, () => (workers.tamper = (message) => (message.caseOrder = 'another order')));
    });

    it('for standard input, UTF-16, or a quoted header (never split)', async () => {
      const startedBefore = workers.started;
      await same({ ...files, 'contacts.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(files['contacts.csv'], 'utf16le')]) });
      await same({ ...files, 'contacts.csv': `"crn",date,outcome\nX1,2026-11-01,attended\n` });
      expect(workers.started).toBe(startedBefore);
    });

    it('bytes that are not UTF-8 stop the run with the line, as one stream does', async () => {
      const { dir, cleanup } = tempDir({ ...files, 'contacts.csv': Buffer.from('crn,date,outcome\nX1,2026-11-01,attended\nX2,2026-11-02,Jos\xe9\n', 'latin1') });
      try {
        const options = { asOf: day('2026-11-16'), config: DEFAULT_CONFIG };
        await expect(readExports({ dir }, { ...options, threads: 2, parallelMinBytes: 0 })).rejects.toThrow(/contacts\.csv:3: not UTF-8 text/);
        await expect(readExports({ dir }, { ...options, threads: 1 })).rejects.toThrow(/contacts\.csv:3: not UTF-8 text/);
      } finally {
        cleanup();
      }
    });
  });
});

describe('the byte path (contact-lines.ts) takes only plain rows, and every other row as one stream reads it', () => {
  const offenders = 'crn,officer_id,risk\nX1,P1,low\nX10,P1,high\nCRN-LONGER-THAN-EIGHT,P1,low\nJosé1,P1,low\nX2,P1,low\n';
  const rows = [
    'X1,2026-11-01,attended,office', // plain
    '  X10 ,\t2026-10-01 , Attended ,home_visit', // padded: trimmed as String.trim does
    'CRN-LONGER-THAN-EIGHT,2026-09-01,ATTC,office', // a crn longer than the slot holds
    'José1,2026-09-02,attended,office', // not ASCII: decoded and read by the row handler
    'X1\u00a0,2026-11-02,attended,office', // a no-break space trims too, on the row handler's path
    'X2,01/10/2026,attended,office', // another date form
    'X2,2026-02-30,attended,office', // no such day: an issue
    'X2,2026-12-01,attended,office', // after the as-of date
    'X3,2026-10-01,attended,office', // unknown crn
    ',2026-10-01,attended,office', // no crn
    'X2,,attended,office', // no date
    'X2,2026-10-03,attended', // a field short
    'X2,2026-10-04,attended,office,', // a trailing delimiter
    'X2,2026-10-05,attended,office,extra', // a field too many
    '', // blank
    ',,,', // bare delimiters
    'X2,2026-10-06,FTA,office',
    'X2,2026-10-07,failed to attend,office',
    'X10,2026-10-08,attended,Home Visit',
  ];

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('with %s line ends', async (_name, eol) => {
    const files = { 'officers.csv': 'officer_id\nP1\n', 'offenders.csv': offenders, 'contacts.csv': ['crn,date,outcome,type', ...rows].join(eol) + eol };
    const { dir, cleanup } = tempDir(files);
    try {
      const { oneStream, split } = await readBoth(dir, { asOf: day('2026-11-16'), config: DEFAULT_CONFIG });
      expect(comparable(split)).toEqual(comparable(oneStream));
      expect(split.issues.filter((issue) => issue.file.endsWith('contacts.csv')).map((issue) => [issue.line, issue.code])).toEqual([
        [8, 'invalid_value'],
        [9, 'future_contact'],
        [10, 'unknown_crn'],
        [11, 'missing_key'],
        [12, 'missing_key'],
        [13, 'field_count'],
        [15, 'field_count'],
      ]);
      expect(split.contacts!.get('X10')!.lastContact).toBe(day('2026-10-08'));
      expect(split.contacts!.get('José1')!.lastContact).toBe(day('2026-09-02'));
      // A row with a field too many is still read (its issue says so); failures to attend never count as contact.
      expect(split.contacts!.get('X2')).toEqual({ lastContact: day('2026-10-05'), failedToAttend: 2 });
      expect(split.inputs[2]).toMatchObject({ rows: rows.length - 2, rejected: 5 });
    } finally {
      cleanup();
    }
  });

  it('with the columns in another order and no outcome column', async () => {
    const contacts = 'type;date;crn\noffice;2026-11-01;X1\nphone; 2026-11-03 ;X10\n';
    const { dir, cleanup } = tempDir({ 'officers.csv': 'officer_id\nP1\n', 'offenders.csv': offenders, 'contacts.csv': contacts });
    try {
      const { oneStream, split } = await readBoth(dir, { asOf: day('2026-11-16'), config: DEFAULT_CONFIG });
      expect(comparable(split)).toEqual(comparable(oneStream));
      expect(split.contacts!.get('X10')!.lastContact).toBe(day('2026-11-03'));
    } finally {
      cleanup();
    }
  });
});

it('a contacts.csv too small to split is read as one stream without starting a worker', async () => {
  const startedBefore = workers.started;
  const { dir, cleanup } = tempDir({ 'officers.csv': 'officer_id\nP1\n', 'offenders.csv': 'crn,officer_id,risk\nX1,P1,low\n', 'contacts.csv': 'crn,date\nX1,2026-11-01\n' });
  try {
    writeFileSync(join(dir, 'unused.txt'), '');
    await readExports({ dir }, { asOf: day('2026-11-16'), config: DEFAULT_CONFIG, threads: 2 });
    expect(workers.started).toBe(startedBefore);
  } finally {
    cleanup();
  }
});

describe('where a segment starts (lineStartFrom)', () => {
  /** Its 64 KiB read window, from the byte before the offset, ends just before or on a line end. */
  const WINDOW = 1 << 16;
  it.each<[string, string, number]>([
    ['a CRLF split across two windows, taken whole', '\r\nb\n', WINDOW + 1],
    ['a lone CR at the end of a window', '\rb\n', WINDOW],
    ['an LF at the end of a window', '\nb\n', WINDOW],
    ['a CRLF that opens the next window', 'x\r\nb\n', WINDOW + 2],
  ])('finds the line start after %s', (_name, tail, expected) => {
    const { dir, cleanup } = tempDir({ 'contacts.csv': 'a'.repeat(WINDOW - 1) + tail });
    const fd = openSync(join(dir, 'contacts.csv'), 'r');
    try {
      expect(lineStartFrom(fd, 1, WINDOW - 1 + tail.length)).toBe(expected);
      expect(lineStartFrom(fd, 0, WINDOW - 1 + tail.length)).toBe(0);
    } finally {
      closeSync(fd);
      cleanup();
    }
  });
});
