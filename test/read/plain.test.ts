/**
 * The plain path (src/read/plain.ts, plain-fields.ts): lines split from bytes at any chunk
 * boundary exactly as the one definition of a line end has them, and a plain row's cells read
 * from bytes with the very values and issues Cells reads from strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../src/read/columns.js';
import { PlainLines, type LineSink } from '../../src/read/plain.js';
import { looksLikeFooter, PlainCells } from '../../src/read/plain-fields.js';
import { Cells, isFooterRow, IssueLog } from '../../src/read/table.js';
import type { Issue } from '../../src/read/records.js';
import { parseBoolean, parseMappaLevel, parseRisk, parseTier } from '../../src/read/values.js';
import { fcOptions } from '../properties/support.js';

type Line = { plain: true; fields: string[] } | { plain: false; fields: string[] };

/** Splits `text` fed in pieces cut at `cuts`, recording each line and whether it was read as a plain row. */
function splitLines(text: string, cuts: number[], width: number): Line[] {
  const lines: Line[] = [];
  const sink: LineSink = {
    plainRows: { width, read: () => true },
    plainRow(bytes, lineStart, fieldEnds) {
      const fields = Array.from({ length: width }, (_, at) => bytes.toString('latin1', at === 0 ? lineStart : fieldEnds[at - 1]! + 1, fieldEnds[at]!));
      lines.push({ plain: true, fields });
      return true;
    },
    fields(fields) {
      lines.push({ plain: false, fields });
    },
  };
  const splitter = new PlainLines(',', sink);
  const bytes = Buffer.from(text, 'utf8');
  const ends = [...new Set(cuts.map((cut) => Math.min(cut, bytes.length)))].sort((a, b) => a - b).concat(bytes.length);
  let from = 0;
  for (const end of ends) {
    // A copy per piece: the splitter may keep a piece that holds an unfinished line.
    splitter.write(Buffer.from(bytes.subarray(from, end)));
    from = end;
  }
  splitter.end();
  return lines;
}

/** The lines of `text` by the one definition (CRLF, LF or CR), each split at commas. */
function expectedLines(text: string): string[][] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split(','));
}

describe('PlainLines', () => {
  it('cuts lines at CRLF, LF and CR wherever the chunks end, a CRLF once, and hands on plain rows whole', () => {
    // Punctuation, a vertical tab and a control byte: lines of them alone are content (or, the
    // vertical tab, blank) only on a second look.
    const cell = fc.constantFrom('X1', ' a ', '', 'José', '\t', 'b', '-', '/', '\v', '\u0001', ' \f');
    const line = fc.array(cell, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    const text = fc.array(fc.tuple(line, eol), { maxLength: 8 }).chain((rows) =>
      fc.tuple(fc.constant(rows.map(([content, end]) => content + end).join('')), fc.boolean()).map(([joined, cutEnd]) => (cutEnd ? joined.replace(/(\r\n|\n|\r)$/, '') : joined)),
    );
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 60 }), { maxLength: 6 }), (input, cuts) => {
        const lines = splitLines(input, cuts, 3);
        expect(lines.map((entry) => entry.fields)).toEqual(expectedLines(input));
        for (const entry of lines) {
          // Plain: ASCII, three fields, not blank. Every other line arrives as decoded fields.
          const plain = entry.fields.length === 3 && /^[\x00-\x7f]*$/.test(entry.fields.join(',')) && entry.fields.some((field) => field.trim() !== '');
          expect(entry.plain).toBe(plain);
        }
      }),
      fcOptions(300),
    );
  });

  it('keeps a CR that ends a piece until it knows whether an LF follows', () => {
    expect(splitLines('a,b,c\r\nd,e,f\r', [6], 3).map((entry) => entry.fields)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });
});

describe('PlainCells reads a row as Cells does', () => {
  const header = mapHeaders('offenders', ['crn', 'name', 'risk', 'tier', 'start_date', 'da_flag', 'mappa_level', 'officer_id'], {});
  const spaced = (values: string[]) => fc.tuple(fc.constantFrom(...values), fc.constantFrom('', ' ', '\t', '  ')).map(([value, pad]) => pad + value + pad.slice(0, 1));
  const row = fc.tuple(
    spaced(['X1', '', 'X10']),
    spaced(['Ann Lee', '', 'B']),
    spaced(['high', 'H', 'mediumish', '', 'very high']),
    spaced(['B2', 'b2', 'Z9', '', 'A3S']),
    spaced(['2026-01-31', '2026-02-30', '31/01/2026', '2026-1-5', 'soon', '', '12 Jan 2026']),
    spaced(['yes', 'N', 'maybe', '']),
    spaced(['2', 'M3', 'level 4', '', 'none']),
    spaced(['P1', 'p1', '']),
  );

  it('the same values and the same issues, value by value', () => {
    fc.assert(
      fc.property(row, (fields) => {
        const stringIssues: Issue[] = [];
        const byteIssues: Issue[] = [];
        const strings = new Cells(header.index, new IssueLog('offenders.csv', stringIssues), 'dmy');
        const plain = new PlainCells(header.index, new IssueLog('offenders.csv', byteIssues), 'dmy');
        const bytes = Buffer.from(`junk\n${fields.join(',')}\n`, 'latin1');
        const fieldEnds = new Int32Array(fields.length);
        let at = 5;
        fields.forEach((field, index) => {
          at += field.length;
          fieldEnds[index] = at;
          at++;
        });
        strings.next(fields, 7);
        plain.next(bytes, 5, fieldEnds, 7);
        const read = (cells: Cells<'offenders'> | PlainCells<'offenders'>) => [
          cells.text('crn'),
          cells.optionalText('name'),
          cells.parse('risk', parseRisk),
          cells.parse('tier', parseTier, 'unknown tier'),
          cells.date('start_date'),
          cells.parse('da_flag', parseBoolean, 'not yes or no'),
          cells.parse('mappa_level', parseMappaLevel, 'not a MAPPA level'),
          cells.sharedText('officer_id'),
          cells.text('status'), // a column the file lacks
          cells.invalid,
        ];
        expect(read(plain)).toEqual(read(strings));
        expect(byteIssues).toEqual(stringIssues);
      }),
      fcOptions(400),
    );
  });
});

describe('looksLikeFooter', () => {
  it('agrees with isFooterRow on the first field', () => {
    const word = fc.constantFrom('total', 'Total', 'TOTALS', 'count', 'Counts', 'counter', 'totally', 'tota', 'Count_', 'X1', '', 'total:', 'count 40', 'totals-');
    const field = fc.tuple(fc.constantFrom('', ' ', '\t'), word, fc.constantFrom('', 's', ' rows', '1', ':')).map((parts) => parts.join(''));
    fc.assert(
      fc.property(field, (first) => {
        const bytes = Buffer.from(`${first},x`, 'latin1');
        expect(looksLikeFooter(bytes, 0, first.length)).toBe(isFooterRow([first, 'x']));
      }),
      fcOptions(300),
    );
  });
});
