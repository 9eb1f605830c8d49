/**
 * In-process checks of the reading stage on hostile files and paths: the errors readExports
 * raises (kind, exit code, one line naming the file), and regressions found by the property
 * tests (test/properties), each pinned to its smallest case.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { readExports, resolveSources } from '../../src/read/exports.js';
import { describeFsError, parseEncoding, sourceFor } from '../../src/read/source.js';
import { csvOf, exportFolder, folder, read, readFiles, rejection, OFFICERS_CSV } from './support.js';

describe('regressions found by the property tests', () => {
  it('a white-space-only line before a semicolon header is a blank line, not the header to sniff the delimiter from', async () => {
    const exports = await readFiles({ offenders: ' \ncrn;officer_id;risk\nX1;P1;low\n' });
    expect(exports.cases.map((record) => [record.crn, record.officerId, record.risk, record.line])).toEqual([['X1', 'P1', 'low', 3]]);
    expect(exports.issues).toEqual([]);
  });

  it.each([
    ['spaces', '   '],
    ['a tab', '\t'],
    ['spaces and a CR line end', '  \r'],
  ])('so is a line of %s before a pipe header', async (_name, blank) => {
    const eol = blank.endsWith('\r') ? '\r' : '\n';
    const result = await csvOf(`${blank.replace(/\r$/, '')}${eol}crn|name${eol}X1|Ann${eol}`);
    expect(result.delimiter).toBe('|');
    expect(result.header).toEqual(['crn', 'name']);
    expect(result.records).toEqual([{ fields: ['X1', 'Ann'], line: 3 }]);
  });

  it('a header-only file whose only line end is a final CR: the CR ends the line, it is no part of the header', async () => {
    expect((await csvOf('crn,name\r')).header).toEqual(['crn', 'name']);
    expect((await csvOf('h0\r')).header).toEqual(['h0']);
    expect((await csvOf('crn;name\r')).delimiter).toBe(';');
  });

  it('a missing-column error quotes a header of megabytes shortened, on one short line', async () => {
    const error = await rejection(() => readFiles({ offenders: `Ref ${'x'.repeat(1 << 20)};officer;risk\nX1;P1;low\n` }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toMatch(/missing required column crn; found Ref x{35}…, officer, risk; to read another header as crn, name it in the config file: /);
  });
});

describe('paths that are not an export', () => {
  it('a folder that does not exist: InputError (exit 3), "no such folder"', async () => {
    const error = await rejection(() => read(join(folder({}), 'missing')));
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/\/missing: no such folder$/);
  });

  it('a file where the folder goes: "not a folder"', async () => {
    const dir = exportFolder({});
    await expect(read(join(dir, 'officers.csv'))).rejects.toThrow(/officers\.csv: not a folder$/);
  });

  it('a folder where a file goes: "is a folder, not a file"', async () => {
    const dir = exportFolder({});
    mkdirSync(join(dir, 'contacts.csv'));
    await expect(read(dir)).rejects.toThrow(/contacts\.csv: is a folder, not a file$/);
    await expect(read({ dir, contacts: undefined, offenders: dir })).rejects.toThrow(/: is a folder, not a file$/);
  });

  it('a named file that does not exist: "no such file"', async () => {
    const dir = exportFolder({});
    await expect(read({ dir, officers: join(dir, 'nobody.csv') })).rejects.toThrow(/nobody\.csv: no such file$/);
  });

  it('file names are matched without regard to case (Offenders.CSV from Windows)', async () => {
    const dir = folder({ 'OFFICERS.CSV': OFFICERS_CSV, 'Offenders.Csv': 'crn,officer_id,risk\nX1,P1,low\n', 'contacts.CSV': 'crn,date\nX1,2026-11-01\n' });
    const exports = await read(dir);
    expect(exports.inputs.map((input) => input.path.split('/').pop())).toEqual(['OFFICERS.CSV', 'Offenders.Csv', 'contacts.CSV']);
  });

  it('no folder and no file named: a usage error (exit 2) saying what to name', async () => {
    const error = await rejection(() => resolveSources({ offenders: 'x.csv' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('no officers.csv: name an export folder, or the file with --officers');
    // contacts.csv is optional: with the other two named, there is none.
    const dir = exportFolder({});
    expect((await resolveSources({ officers: join(dir, 'officers.csv'), offenders: join(dir, 'offenders.csv') })).contacts).toBeNull();
  });

  it('standard input for two files: a usage error', async () => {
    await expect(resolveSources({ officers: '-', contacts: '-' })).rejects.toThrow(UsageError);
  });

  it('describes file-system errors in a few words, and others by their message', () => {
    const coded = (code: string): Error => Object.assign(new Error(`${code}: long system text`), { code });
    expect(describeFsError(coded('ENOENT'))).toBe('no such file');
    expect(describeFsError(coded('EACCES'))).toBe('permission denied');
    expect(describeFsError(coded('EPERM'))).toBe('permission denied');
    expect(describeFsError(coded('EISDIR'))).toBe('is a folder, not a file');
    expect(describeFsError(coded('EIO'))).toBe('EIO: long system text');
    expect(describeFsError('plain text')).toBe('plain text');
    expect(sourceFor('-')).toEqual({ path: '-', label: '<stdin>' });
    expect(parseEncoding('UTF-16')).toBe('utf-16le');
  });
});

describe('readExports on a large export', () => {
  it('reads a file larger than one 1 MiB read, every case and every line in place', async () => {
    const rows = Array.from({ length: 60_000 }, (_, at) => `X${at},P${at % 2 ? 1 : 2},${at % 3 ? 'low' : 'high'},Name ${at}`);
    const exports = await readExports(
      { dir: exportFolder({ offenders: `crn,officer_id,risk,name\n${rows.join('\n')}\n` }) },
      { asOf: 20_773, config: (await import('../../src/config/schema.js')).DEFAULT_CONFIG, threads: 1 },
    );
    expect(exports.cases).toHaveLength(60_000);
    expect(exports.cases.at(-1)).toMatchObject({ crn: 'X59999', line: 60_001, name: 'Name 59999' });
  });
});
