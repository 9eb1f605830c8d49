/** SPEC 1.2: delimiters, RFC 4180 quoting, line ends, blank lines, and physical line numbers. */
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../src/read/csv.js';
import { InputError } from '../../src/errors.js';
import { csvOf, exportFolder, issueKeys, read, readFiles, rejection } from './support.js';

describe('detectDelimiter', () => {
  it.each([
    ['crn,officer_id,risk', ','],
    ['crn;officer_id;risk', ';'],
    ['crn\tofficer_id\trisk', '\t'],
    ['crn|officer_id|risk', '|'],
    ['crn', ','], // one column: comma
    ['', ','],
    ['"a,b,c";d;e', ';'], // delimiters inside quotes do not count
    ['"Officer, ID"\tName\tRisk, level', '\t'],
    ['Name, full;crn;officer;risk', ';'],
  ])('%j → %j', (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });
});

describe('readCsv: delimiters', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects %j (%s) from the header line and splits every record on it', async (delimiter) => {
    const text = ['crn', 'name', 'risk'].join(delimiter) + '\n' + ['X1', 'Ann, Lee; the 2nd|x', 'low'].map((field) => (field.includes(delimiter) ? `"${field}"` : field)).join(delimiter) + '\n';
    const result = await csvOf(text);
    expect(result.delimiter).toBe(delimiter);
    expect(result.header).toEqual(['crn', 'name', 'risk']);
    expect(result.records).toEqual([{ fields: ['X1', 'Ann, Lee; the 2nd|x', 'low'], line: 2 }]);
  });

  it('takes an explicit delimiter over the detected one', async () => {
    // Three commas and three semicolons on the header: detection would pick the comma.
    const text = 'crn;name, full, as written, on file;officer_id;risk\nX1;Lee, Ann, Ms, Dr;P1;low\n';
    expect((await csvOf(text)).delimiter).toBe(',');
    const result = await csvOf(text, { delimiter: ';' });
    expect(result.delimiter).toBe(';');
    expect(result.header).toEqual(['crn', 'name, full, as written, on file', 'officer_id', 'risk']);
    expect(result.records[0]!.fields).toEqual(['X1', 'Lee, Ann, Ms, Dr', 'P1', 'low']);
  });

  it('readExports passes an explicit delimiter on', async () => {
    const exports = await readFiles(
      { officers: 'officer_id|name\nP1|Ann\n', offenders: 'crn|officer_id|risk|name\nX1|P1|low|Lee, Ann\n' },
      { delimiter: '|' },
    );
    expect(exports.cases.map((record) => record.name)).toEqual(['Lee, Ann']);
  });
});

describe('readCsv: RFC 4180 quoting', () => {
  it('reads quoted delimiters, doubled quotes and line breaks inside fields', async () => {
    const text = 'crn,name,note\nX1,"Lee, Ann","She said ""no"""\nX2,"two\nlines","a\r\nCRLF, inside"\nX3,"",plain\n';
    const result = await csvOf(text);
    expect(result.records).toEqual([
      { fields: ['X1', 'Lee, Ann', 'She said "no"'], line: 2 },
      { fields: ['X2', 'two\nlines', 'a\r\nCRLF, inside'], line: 3 },
      { fields: ['X3', '', 'plain'], line: 6 },
    ]);
  });

  it('reads a quoted header', async () => {
    const result = await csvOf('"crn","Officer, ID","risk"\r\n"X1","P1","low"\r\n');
    expect(result.header).toEqual(['crn', 'Officer, ID', 'risk']);
    expect(result.records).toEqual([{ fields: ['X1', 'P1', 'low'], line: 2 }]);
  });
});

describe('readCsv: line ends and blank lines', () => {
  const rows = ['crn,name', 'X1,"Ann\nLee"', '', 'X2,Bob', ',', 'X3,"a\nb\nc"', ' , ', 'X4,Dee'];
  // Physical lines: X1 starts on 2 (ends 3), blank 4, X2 5, delimiters-only 6, X3 7-9, blanks-only 10, X4 11.
  const expected = [
    { fields: ['X1', 'Ann\nLee'], line: 2 },
    { fields: ['X2', 'Bob'], line: 5 },
    { fields: ['X3', 'a\nb\nc'], line: 7 },
    { fields: ['X4', 'Dee'], line: 11 },
  ];

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('%s: skips blank lines and rows of bare delimiters, and numbers records by physical line', async (_name, eol) => {
    const text = rows.map((row) => row.replace(/\n/g, eol)).join(eol) + eol;
    const result = await csvOf(text);
    expect(result.count).toBe(4);
    expect(result.records).toEqual(expected.map((record) => ({ ...record, fields: record.fields.map((field) => field.replace(/\n/g, eol)) })));
  });

  it('CRLF line ends with LF-only breaks inside quotes (Excel: Alt+Enter) keep lines right', async () => {
    const text = rows.join('\r\n') + '\r\n';
    const result = await csvOf(text);
    expect(result.records).toEqual(expected);
  });

  it('reads a last record with no line end', async () => {
    const result = await csvOf('crn,name\nX1,Ann\nX2,"Bob\nB"');
    expect(result.records).toEqual([
      { fields: ['X1', 'Ann'], line: 2 },
      { fields: ['X2', 'Bob\nB'], line: 3 },
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('%s: blank lines before the header are skipped, and the delimiter is sniffed from the header', async (_name, eol) => {
    const result = await csvOf(['', '', 'crn;name;risk', 'X1;Lee, Ann;low', ''].join(eol));
    expect(result.delimiter).toBe(';');
    expect(result.header).toEqual(['crn', 'name', 'risk']);
    expect(result.records).toEqual([{ fields: ['X1', 'Lee, Ann', 'low'], line: 4 }]);
  });

  it('several blank lines in a row, and at the end, are skipped', async () => {
    const result = await csvOf('crn,name\r\n\r\n\r\n\r\nX1,Ann\r\n\r\n\r\n');
    expect(result.records).toEqual([{ fields: ['X1', 'Ann'], line: 5 }]);
    expect(result.count).toBe(1);
  });
});

describe('readCsv: line numbers past the first read chunk (1 MiB)', () => {
  /** ~1.2 MiB of quote-free rows, then quoted multi-line rows: the reader must switch parsers mid-file. */
  function bigFile(eol: string): { text: string; fillerRows: number } {
    const filler: string[] = [];
    let size = 0;
    while (size < 1.2 * (1 << 20)) {
      const row = `X${String(filler.length).padStart(7, '0')},Name ${filler.length},low`;
      filler.push(row);
      size += row.length + eol.length;
    }
    const tail = ['Y1,"multi', 'line, quoted",high', 'Y2,plain,medium', '', 'Y3,"three', 'more', 'lines",low', 'Y4,end,low'];
    return { text: ['crn,name,risk', ...filler, ...tail].join(eol) + eol, fillerRows: filler.length };
  }

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('%s: counts every physical line before, inside and after quoted fields', async (_name, eol) => {
    const { text, fillerRows } = bigFile(eol);
    const result = await csvOf(text);
    const first = fillerRows + 2; // the header is line 1, the filler lines 2..fillerRows+1
    expect(result.count).toBe(fillerRows + 4);
    expect(result.records.at(-4)).toEqual({ fields: ['Y1', `multi${eol}line, quoted`, 'high'], line: first });
    expect(result.records.at(-3)).toEqual({ fields: ['Y2', 'plain', 'medium'], line: first + 2 });
    expect(result.records.at(-2)!.line).toBe(first + 4); // after a blank line
    expect(result.records.at(-1)).toEqual({ fields: ['Y4', 'end', 'low'], line: first + 7 });
    expect(result.records[1234]).toEqual({ fields: ['X0001234', 'Name 1234', 'low'], line: 1236 });
  });
});

describe('readCsv: an unclosed quote', () => {
  it('is an InputError naming the line where the quote opened', async () => {
    const text = 'crn,name\nX1,"Ann\nLee"\n\nX2,Bob\nX3,"never closed\nX4,Dee\nX5,Eve\n';
    const error = await rejection(() => csvOf(text));
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/^data\.csv:6: /);
    expect(error.message).toContain('never closed');
  });

  it('names the opening line with CRLF line ends too', async () => {
    const text = 'crn,name\r\nX1,"Ann\r\nLee"\r\nX2,"open\r\nX3,Dee\r\n';
    const error = await rejection(() => csvOf(text));
    expect(error.message).toMatch(/^data\.csv:4: /);
  });
});

describe('issue lines through readExports', () => {
  it('are the physical lines a record starts on, after multi-line fields and blank lines, with CRLF', async () => {
    const offenders = [
      'crn,name,officer_id,risk,start_date',
      'X1,"Lee,\r\nAnn",P1,low,2026-01-01',
      '',
      'X2,"Three\r\nline\r\nname",P1,mediumish,2026-01-01',
      'X3,Bob,P1,low,2026-02-30',
      '',
      '',
      ',Nobody,P1,low,',
      'X4,"Quote ""in"" name\r\n",P1,',
    ].join('\r\n');
    const exports = await readFiles({ offenders: `${offenders}\r\n` });
    expect(issueKeys(exports)).toEqual([
      'offenders.csv:5 risk invalid_value',
      'offenders.csv:8 start_date invalid_value',
      'offenders.csv:11 crn missing_key',
      'offenders.csv:12 - field_count',
    ]);
    expect(exports.cases.map((record) => [record.crn, record.line])).toEqual([
      ['X1', 2],
      ['X2', 5],
      ['X3', 8],
      ['X4', 12],
    ]);
    expect(exports.cases[3]!.name).toBe('Quote "in" name');
  });

  it('name the physical line in a UTF-16 file too', async () => {
    const text = 'crn\tofficer_id\trisk\r\nX1\tP1\t"not\r\nknown"\r\n\r\nX2\tP1\tbad\r\n';
    const exports = await readFiles({ offenders: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    expect(issueKeys(exports)).toEqual(['offenders.csv:2 risk invalid_value', 'offenders.csv:5 risk invalid_value']);
  });

  it('a folder holding a file of another case (Offenders.CSV) is read', async () => {
    const dir = exportFolder({});
    const { renameSync } = await import('node:fs');
    renameSync(`${dir}/offenders.csv`, `${dir}/Offenders.CSV`);
    const exports = await read(dir);
    expect(exports.cases.map((record) => record.crn)).toEqual(['X1']);
  });
});
