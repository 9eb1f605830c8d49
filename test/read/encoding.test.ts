/** SPEC 1.2 encodings: UTF-8 with or without BOM, UTF-16 with a BOM, windows-1252 on request. */
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseEncoding, utf8Chunks } from '../../src/read/source.js';
import { csvOf, folder, readFiles, rejection } from './support.js';

const BOM_UTF8 = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => {
  const body = Buffer.from(text, 'utf16le');
  body.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
};

const OFFENDERS = 'crn,name,officer_id,risk\nX1,Zoë Brontë,P1,high\nX2,"Lee, Ann-Marie",P2,Very High\nX3,€uro Ltd £,P1,low\n';
const NAMES = ['Zoë Brontë', 'Lee, Ann-Marie', '€uro Ltd £'];

describe('UTF-8', () => {
  it('reads without a BOM', async () => {
    const exports = await readFiles({ offenders: OFFENDERS });
    expect(exports.cases.map((record) => record.name)).toEqual(NAMES);
    expect(exports.issues).toEqual([]);
  });

  it('reads with a BOM, which never reaches the first header', async () => {
    const exports = await readFiles({
      officers: Buffer.concat([BOM_UTF8, Buffer.from('officer_id,name\nP1,Ann\n')]),
      offenders: Buffer.concat([BOM_UTF8, Buffer.from(OFFENDERS)]),
    });
    expect(exports.cases.map((record) => [record.crn, record.name, record.risk])).toEqual([
      ['X1', NAMES[0], 'high'],
      ['X2', NAMES[1], 'very_high'],
      ['X3', NAMES[2], 'low'],
    ]);
    expect(exports.officers.map((officer) => officer.officerId)).toEqual(['P1']);
    expect(exports.columns.offenders.has('crn')).toBe(true);
  });

  it('utf8Chunks strips the BOM and yields the bytes unchanged', async () => {
    const dir = folder({ 'a.csv': Buffer.concat([BOM_UTF8, Buffer.from('crn\nZoë\n')]) });
    const chunks: Buffer[] = [];
    for await (const chunk of utf8Chunks({ path: `${dir}/a.csv`, label: 'a.csv' })) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('crn\nZoë\n');
  });
});

describe('UTF-16 with a BOM (Excel "Unicode text": tab-separated, CRLF)', () => {
  const text = 'crn\tname\tofficer_id\trisk\r\nX1\tZoë Brontë\tP1\thigh\r\nX2\t"Lee, Ann-\r\nMarie"\tP2\tVery High\r\nX3\t€uro Ltd £\tP1\tlow\r\n';

  it.each([
    ['LE', utf16le],
    ['BE', utf16be],
  ])('UTF-16%s is detected and read', async (_name, encode) => {
    const exports = await readFiles({ officers: encode('officer_id\tname\r\nP1\tAnn\r\nP2\tBob\r\n'), offenders: encode(text) });
    expect(exports.cases.map((record) => [record.crn, record.name, record.officerId, record.risk, record.line])).toEqual([
      ['X1', 'Zoë Brontë', 'P1', 'high', 2],
      ['X2', 'Lee, Ann-\r\nMarie', 'P2', 'very_high', 3],
      ['X3', '€uro Ltd £', 'P1', 'low', 5],
    ]);
    expect(exports.officers.map((officer) => officer.name)).toEqual(['Ann', 'Bob']);
    expect(exports.issues).toEqual([]);
  });

  it('reads a UTF-16 character (€, 20AC) split across the read chunks', async () => {
    // 0x100000 bytes of UTF-16 is 0x80000 code units: line up a surrogate pair across the boundary.
    let body = 'crn\tname\r\n';
    let row = 0;
    while (body.length < (1 << 19) - 40) body += `X${row++}\tname\r\n`;
    body += `Xlast\t${'a'.repeat((1 << 19) - 1 - body.length - 'Xlast\t'.length - 1)}😀€\r\n`;
    const bytes = utf16le(body);
    expect(bytes.indexOf(Buffer.from('😀', 'utf16le'))).toBe((1 << 20) - 2); // high surrogate ends chunk 1
    const result = await csvOf(bytes);
    expect(result.records.at(-1)!.fields[1]).toMatch(/a😀€$/);
  });
});

describe('windows-1252', () => {
  const bytes = Buffer.concat([Buffer.from('crn,name,officer_id,risk\nX1,'), Buffer.from([0x80, 0x20, 0xa3, 0x20, 0xe9, 0x9c]), Buffer.from(',P1,low\n')]);

  it('reads 0x80 as €, 0xA3 as £ and 0xE9 as é when asked for', async () => {
    const exports = await readFiles({ offenders: bytes }, { encoding: 'windows-1252' });
    expect(exports.cases[0]!.name).toBe('€ £ éœ');
  });

  it('is what --encoding latin1 and cp1252 mean', () => {
    expect(parseEncoding('latin1')).toBe('windows-1252');
    expect(parseEncoding('Windows-1252')).toBe('windows-1252');
    expect(parseEncoding('CP1252')).toBe('windows-1252');
    expect(parseEncoding('ISO-8859-1')).toBe('windows-1252');
    expect(parseEncoding('utf8')).toBe('utf-8');
    expect(parseEncoding('ebcdic')).toBeNull();
  });

  it('a UTF-8 BOM still wins over --encoding windows-1252', async () => {
    const exports = await readFiles({ offenders: Buffer.concat([BOM_UTF8, Buffer.from(OFFENDERS)]) }, { encoding: 'windows-1252' });
    expect(exports.cases.map((record) => record.name)).toEqual(NAMES);
  });
});

describe('text that is not UTF-8, read without --encoding', () => {
  const windowsBytes = (lines: string[], eol: string): Buffer =>
    Buffer.from(lines.join(eol) + eol, 'latin1'); // 'é' → 0xE9, as windows-1252 writes it

  it('is an InputError naming file:line and suggesting --encoding windows-1252', async () => {
    const error = await rejection(() => readFiles({ offenders: windowsBytes(['crn,name,officer_id,risk', 'X1,"Ann\nLee",P1,low', '', 'X2,José,P1,low'], '\n') }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/\/offenders\.csv:5: not UTF-8 text \(byte 0xE9\).*--encoding windows-1252/);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('names the right line with %s line ends', async (_name, eol) => {
    const error = await rejection(() => readFiles({ offenders: windowsBytes(['crn,name,officer_id,risk', 'X1,Ann,P1,low', 'X2,Bob,P1,low', 'X3,José,P1,low'], eol) }));
    expect(error.message).toMatch(/\/offenders\.csv:4: not UTF-8 text/);
  });

  /**
   * ~1 MiB of rows after a quoted two-line field, a row padded so that its line end falls on byte
   * `newlineAt`, then two rows, the second holding é as windows-1252 writes it (0xE9).
   */
  function lateBadByte(newlineAt: number): { bytes: Buffer; badLine: number } {
    const rows = ['crn,name,officer_id,risk\n', 'X0,"two\nlines",P1,low\n'];
    let size = rows.join('').length;
    while (size < newlineAt - 200) {
      const row = `X${rows.length},Name ${rows.length},P1,low\n`;
      rows.push(row);
      size += row.length;
    }
    const prefix = 'Xpad,';
    const suffix = ',P1,low\n';
    rows.push(`${prefix}${'p'.repeat(newlineAt + 1 - size - prefix.length - suffix.length)}${suffix}`);
    const bad = 'Xbad,Zo\u00e9,P1,low\n';
    rows.push('Xok,Ann,P1,low\n', bad, 'Xlast,Bob,P1,low\n');
    const bytes = Buffer.from(rows.join(''), 'latin1');
    if (bytes[newlineAt] !== 0x0a || bytes[newlineAt - 1] !== 0x77) throw new Error('fixture misaligned');
    // rows[i] starts on line i + 1, and X0's quoted field adds one line to every row after it.
    return { bytes, badLine: rows.indexOf(bad) + 2 };
  }

  it.each([
    ['the last byte of the first 1 MiB chunk', (1 << 20) - 1],
    ['the last byte but one', (1 << 20) - 2],
    ['the first byte of the second chunk', 1 << 20],
    ['mid-chunk', (1 << 20) + 500],
  ])('names the right line far into a large file, after quoted multi-line fields, a line end on %s', async (_name, newlineAt) => {
    const { bytes, badLine } = lateBadByte(newlineAt);
    const error = await rejection(() => readFiles({ offenders: bytes }));
    expect(error.message).toContain(`/offenders.csv:${badLine}: not UTF-8 text (byte 0xE9)`);
  });

  it('when officers.csv and offenders.csv both fail, names officers.csv, even when it fails last', async () => {
    // officers.csv: 3 MiB of good rows before its bad byte, so offenders.csv fails first in time.
    const rows = ['officer_id,name'];
    while (rows.length < 150_000) rows.push(`P${rows.length},Officer Name ${rows.length}`);
    rows.push('Pbad,Ren\u00e9');
    const officers = Buffer.from(rows.join('\n') + '\n', 'latin1');
    const error = await rejection(() => readFiles({ officers, offenders: windowsBytes(['crn,officer_id,risk,name', 'X1,P1,low,Zo\u00e9'], '\n') }));
    expect(error.message).toMatch(new RegExp(`/officers\\.csv:${rows.length}: not UTF-8 text`));
  });

  it('names the line of a byte cut short at the very end of the file', async () => {
    const error = await rejection(() => readFiles({ offenders: Buffer.from('crn,officer_id,risk\nX1,P1,low\nX2,P1,\xe9', 'latin1') }));
    expect(error.message).toMatch(/\/offenders\.csv:3: not UTF-8 text/);
  });
});

describe('UTF-8 characters split across the 1 MiB read chunks', () => {
  /** A file in which byte `at` (and on) holds `char`: rows of filler, then a row padded to reach it. */
  function fileWith(char: string, at: number, extra = 'Xafter,P1,low,Ann\n'): Buffer {
    const rows = ['crn,officer_id,risk,name\n'];
    let size = rows[0]!.length; // ASCII so far: characters are bytes
    while (size < at - 200) {
      const row = `X${rows.length},P1,low,Name\n`;
      rows.push(row);
      size += row.length;
    }
    const prefix = 'Xsplit,P1,low,';
    const text = `${rows.join('')}${prefix}${'a'.repeat(at - size - prefix.length)}${char}z\n${extra}`;
    const bytes = Buffer.from(text);
    if (bytes.indexOf(Buffer.from(char)) !== at) throw new Error('fixture misaligned');
    return bytes;
  }

  it.each([
    ['é (2 bytes) cut 1 + 1', 'é', (1 << 20) - 1],
    ['€ (3 bytes) cut 1 + 2', '€', (1 << 20) - 1],
    ['€ (3 bytes) cut 2 + 1', '€', (1 << 20) - 2],
    ['😀 (4 bytes) cut 3 + 1', '😀', (1 << 20) - 3],
  ])('%s reads intact', async (_name, char, at) => {
    const exports = await readFiles({ offenders: fileWith(char, at) });
    const split = exports.cases.find((record) => record.crn === 'Xsplit')!;
    expect(split.name).toMatch(new RegExp(`^a+${char}z$`, 'u'));
    expect(exports.cases.at(-1)!.crn).toBe('Xafter');
    expect(exports.cases.at(-1)!.line).toBe(split.line + 1);
    expect(exports.issues).toEqual([]);
  });

  it('utf8Chunks yields only whole characters, and every byte once', async () => {
    const bytes = fileWith('€', (1 << 20) - 2);
    const dir = folder({ 'big.csv': bytes });
    const chunks: Buffer[] = [];
    for await (const chunk of utf8Chunks({ path: `${dir}/big.csv`, label: 'big.csv' })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(isUtf8(chunk)).toBe(true);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
  });
});
