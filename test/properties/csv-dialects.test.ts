/**
 * The CSV layer alone (SPEC 1.2): any fields at all, written in any dialect the SPEC accepts
 * (delimiter, RFC 4180 quoting, line end, encoding, blank lines), come back from readCsv as the
 * very same fields, each record with the physical line it starts on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCsv } from '../../src/read/csv.js';
import { tempDir } from '../helpers/cli.js';
import { encode, fitsWindows1252, type Encoding } from './export-model.js';
import { fcOptions } from './support.js';

const PIECES = ['a', 'Bob', ' ', ',', ';', '|', '\t', '"', '""', '\n', '\r', '\r\n', 'é', '€', '😀', '\u0000', '\u001b[2J', '=1', "'", '\ufeff', '\u2028'];
const fieldText = fc.string({ unit: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }), maxLength: 5 });

const dialect = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', '|'),
  quoting: fc.constantFrom('minimal', 'all', 'random'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  finalEol: fc.boolean(),
  encoding: fc.constantFrom<Encoding>('utf8', 'utf8bom', 'utf16le', 'win1252'),
  /** Per line: blank lines before it. */
  blanks: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 40, maxLength: 40 }),
  coins: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
});

const table = fc.integer({ min: 1, max: 4 }).chain((width) =>
  fc.array(fc.array(fieldText, { minLength: width, maxLength: width }), { minLength: 0, maxLength: 12 }).map((rows) => ({ width, rows })),
);

type Dialect = typeof dialect extends fc.Arbitrary<infer T> ? T : never;

/**
 * Writes header and rows in the dialect and reads them back. `padTo`: quote-free rows after the
 * header until the text is that many bytes long (give or take), so the rows that follow, quotes
 * and all, arrive in the reader's next 1 MiB chunk: the quote-free fast path hands over to
 * csv-parse mid-file, and characters are cut by chunk boundaries.
 */
async function roundTrip(width: number, rows: string[][], style: Dialect, padTo = 0): Promise<void> {
  const header = Array.from({ length: width }, (_, at) => `h${at}`);
  let coin = 0;
  const toss = (): boolean => style.coins[coin++ % style.coins.length]!;
  const field = (text: string): string =>
    text.includes(style.delimiter) || /["\r\n]/.test(text) || style.quoting === 'all' || (style.quoting === 'random' && toss()) ? `"${text.replace(/"/g, '""')}"` : text;
  const bytesPerChar = style.encoding === 'utf16le' ? 2 : 1;
  const padding: string[][] = [];
  if (padTo > 0) {
    const rowChars = 64;
    const rowOf = (chars: number): string[] => ['p'.repeat(Math.max(1, chars - width - style.eol.length + 1)), ...Array<string>(width - 1).fill('')];
    const count = Math.floor(padTo / bytesPerChar / rowChars);
    for (let at = 0; at < count; at++) padding.push(rowOf(rowChars));
    padding.push(rowOf((padTo / bytesPerChar) % rowChars || 1));
  }
  // Lines, blank ones among them; the line each record starts on, counting LF, CR and CRLF once.
  let text = '';
  let line = 1;
  const expected: { fields: string[]; line: number }[] = [];
  const all = [header, ...padding, ...rows];
  all.forEach((row, at) => {
    const blanks = at > 0 && at <= padding.length ? 0 : style.blanks[at % style.blanks.length]!;
    for (let blank = 0; blank < blanks; blank++) {
      text += (toss() ? '' : style.delimiter.repeat(width - 1)) + style.eol;
      line++;
    }
    const written = row.map(at > 0 && at <= padding.length ? (cell: string) => cell : field).join(style.delimiter);
    if (at > 0 && row.some((cell) => cell.trim() !== '')) expected.push({ fields: row, line });
    line += (written.match(/\r\n|\r|\n/g) ?? []).length + 1;
    text += written + (at < all.length - 1 || style.finalEol ? style.eol : '');
  });
  const encoding: Encoding = style.encoding === 'win1252' && !fitsWindows1252(text) ? 'utf8' : style.encoding;

  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, 'data.csv'), encode(text, encoding));
    const records: { fields: string[]; line: number }[] = [];
    let headerRead: string[] | null = null;
    const summary = await readCsv(
      { path: join(dir, 'data.csv'), label: 'data.csv' },
      { delimiter: style.delimiter, encoding: encoding === 'win1252' ? 'windows-1252' : undefined },
      { header: (fields) => (headerRead = [...fields]), record: (fields, at) => records.push({ fields: [...fields], line: at }) },
    );
    expect(headerRead).toEqual(header);
    // Compared whole only when short: a failure then shows the records, not a megabyte of padding.
    expect(records.length).toBe(expected.length);
    expect(records.slice(padding.length)).toEqual(expected.slice(padding.length));
    expect(records.slice(0, padding.length).every((record, at) => record.line === expected[at]!.line && record.fields[0] === expected[at]!.fields[0])).toBe(true);
    expect(summary.records).toBe(expected.length);
  } finally {
    cleanup();
  }
}

describe('readCsv, any fields in any dialect', () => {
  it('reads back the same fields, on the physical line each record starts', async () => {
    await fc.assert(
      fc.asyncProperty(table, dialect, ({ width, rows }, style) => roundTrip(width, rows, style)),
      fcOptions(200),
    );
  });

  it('the same where the rows straddle the 1 MiB read chunks, quote-free until then', async () => {
    await fc.assert(
      fc.asyncProperty(table, dialect, fc.integer({ min: -400, max: 100 }), ({ width, rows }, style, offset) => roundTrip(width, rows, style, (1 << 20) + offset)),
      fcOptions(12),
    );
  });
});
