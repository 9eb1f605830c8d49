/** Shared set-up for the reading-layer tests: temp export folders and readExports on them. */
import { afterEach } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { readCsv } from '../../src/read/csv.js';
import { readExports, type ExportInputs } from '../../src/read/exports.js';
import type { Exports } from '../../src/read/records.js';
import type { Encoding } from '../../src/read/source.js';
import { formatDay, parseDate } from '../../src/read/values.js';
import { tempDir } from '../helpers/cli.js';

export const AS_OF_TEXT = '2026-11-16';
export const AS_OF = day(AS_OF_TEXT);

/** Days since the epoch for an ISO date, failing loudly on a typo. */
export function day(iso: string): number {
  const parsed = parseDate(iso);
  if (typeof parsed !== 'number') throw new Error(`bad test date ${iso}`);
  return parsed;
}

export const iso = (value: number | null): string | null => (value === null ? null : formatDay(value));

/** Folders made by `exportFolder`, removed after each test. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

export function folder(files: Record<string, string | Buffer>): string {
  const { dir, cleanup } = tempDir(files);
  cleanups.push(cleanup);
  return dir;
}

export const OFFICERS_CSV = 'officer_id,name,status\nP1,Ann Officer,active\nP2,Bob Officer,active\n';

/** A minimal export: the given offenders.csv (and contacts.csv), with a two-officer roster. */
export function exportFolder(files: { officers?: string | Buffer; offenders?: string | Buffer; contacts?: string | Buffer }): string {
  const contents: Record<string, string | Buffer> = {
    'officers.csv': files.officers ?? OFFICERS_CSV,
    'offenders.csv': files.offenders ?? 'crn,officer_id,risk\nX1,P1,low\n',
  };
  if (files.contacts !== undefined) contents['contacts.csv'] = files.contacts;
  return folder(contents);
}

export interface ReadOverrides {
  asOf?: number;
  config?: Partial<Config>;
  encoding?: Encoding;
  delimiter?: string;
}

export function read(inputs: ExportInputs | string, overrides: ReadOverrides = {}): Promise<Exports> {
  return readExports(typeof inputs === 'string' ? { dir: inputs } : inputs, {
    asOf: overrides.asOf ?? AS_OF,
    config: { ...DEFAULT_CONFIG, ...overrides.config },
    encoding: overrides.encoding,
    delimiter: overrides.delimiter,
  });
}

/** Reads an export folder written from the given files. */
export function readFiles(files: Parameters<typeof exportFolder>[0], overrides: ReadOverrides = {}): Promise<Exports> {
  return read(exportFolder(files), overrides);
}

/** The issues as compact `file:line column code` strings, the file named by its base name. */
export function issueKeys(exports: Exports): string[] {
  return exports.issues.map((issue) => `${issue.file.split(/[\\/]/).pop()}:${issue.line ?? '-'} ${issue.column ?? '-'} ${issue.code}`);
}

export interface ReadRecord {
  fields: string[];
  line: number;
}

/** readCsv on one file of the given content: its header, records with lines, and summary. */
export async function csvOf(
  content: string | Buffer,
  options: { encoding?: Encoding; delimiter?: string } = {},
): Promise<{ header: string[] | null; records: ReadRecord[]; delimiter: string; count: number }> {
  const dir = folder({ 'data.csv': content });
  let header: string[] | null = null;
  const records: ReadRecord[] = [];
  const summary = await readCsv({ path: `${dir}/data.csv`, label: 'data.csv' }, options, {
    header: (fields) => (header = [...fields]),
    record: (fields, line) => records.push({ fields: [...fields], line }),
  });
  return { header, records, delimiter: summary.delimiter, count: summary.records };
}

/** Runs `body` and returns the error it throws; fails the test when it does not throw. */
export async function rejection(body: () => Promise<unknown>): Promise<Error & { exitCode?: number }> {
  try {
    await body();
  } catch (error) {
    return error as Error & { exitCode?: number };
  }
  throw new Error('expected an error, but none was thrown');
}
