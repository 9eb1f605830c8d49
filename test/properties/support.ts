/** Reading a written export in-process (readExports → analyse → JSON renderer), and comparing reports. */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import fc from 'fast-check';
import { analyse } from '../../src/analyse/analyze.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import { normaliseHeader, type FileKind } from '../../src/read/columns.js';
import { readExports } from '../../src/read/exports.js';
import type { Exports } from '../../src/read/records.js';
import { renderJson } from '../../src/render/json.js';
import { StringOutput } from '../../src/render/output.js';
import { buildView, NO_FILTER } from '../../src/render/view.js';
import { tempDir } from '../helpers/cli.js';
import { expected, extraHeaders, type ExportModel, type WrittenExport } from './export-model.js';

/**
 * Runs are few and fixed: the same seed every time (so a failure is reproducible), printed by
 * fast-check with the counterexample when a property fails. CASELOAD_FC_SEED and
 * CASELOAD_FC_RUNS explore further (`CASELOAD_FC_RUNS=2000 npx vitest run test/properties`).
 */
export function fcOptions(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.CASELOAD_FC_SEED === undefined ? 20_261_116 : Number(process.env.CASELOAD_FC_SEED);
  const runs = process.env.CASELOAD_FC_RUNS === undefined ? numRuns : Number(process.env.CASELOAD_FC_RUNS);
  return { seed, numRuns: runs };
}

/** Writes the export's files into a fresh folder; the caller removes it. */
export function writeFolder(written: WrittenExport): { dir: string; cleanup: () => void } {
  const made = tempDir();
  for (const [kind, file] of Object.entries(written.files)) writeFileSync(join(made.dir, `${kind}.csv`), file!.bytes);
  return made;
}

export function configFor(written: WrittenExport): Config {
  return { ...DEFAULT_CONFIG, date_order: written.dateOrder };
}

export interface Analysed {
  readonly exports: Exports;
  /** `report --all --json`, as the CLI writes it. */
  readonly json: string;
}

/** What `caseload report DIR --all --json` computes, in-process. */
export async function analyseFolder(dir: string, written: WrittenExport, asOf: number): Promise<Analysed> {
  const config = configFor(written);
  const exports = await readExports(
    { dir },
    { asOf, config, encoding: written.windows1252 ? 'windows-1252' : undefined, delimiter: written.delimiter },
  );
  return { exports, json: reportJson(exports, asOf, config) };
}

export function reportJson(exports: Exports, asOf: number, config: Config): string {
  const report = analyse(exports, { asOf, config });
  const view = buildView('report', report, { filter: { ...NO_FILTER, all: true }, limit: null, redact: false, source: 'export' });
  const out = new StringOutput();
  renderJson(view, out);
  return out.toString();
}

/** Physical line → model row, per file: where each form put each row. */
export type LineMaps = Record<FileKind, Map<number, number>>;

export function lineMaps(written: WrittenExport): LineMaps {
  const map = (kind: FileKind): Map<number, number> => new Map((written.files[kind]?.lines ?? []).map((line, row) => [line, row]));
  return { officers: map('officers'), offenders: map('offenders'), contacts: map('contacts') };
}

const kindOf = (path: string): FileKind => basename(path).replace(/\.csv$/, '') as FileKind;

/** Rows are named by model row (`row 3`), not by the line each form happened to put them on. */
function rowOf(maps: LineMaps, kind: FileKind, line: number): string {
  const row = maps[kind].get(line);
  return row === undefined ? `${kind}.csv line ${line}, which starts no row` : `row ${row}`;
}

interface Doc {
  inputs: { path: string; ignored_columns: string[]; column_hints: { header: string }[] }[];
  issues: { file: string; line: number | string | null; code: string; message: string }[];
  cases: { line: number | string }[];
  [key: string]: unknown;
}

/** The report JSON with paths reduced to the file kind and line numbers to model rows. */
export function normaliseReport(json: string, maps: LineMaps): Doc {
  const doc = JSON.parse(json) as Doc;
  for (const input of doc.inputs) {
    input.path = kindOf(input.path);
    // A form's extra columns are listed as not read; any other header listed would be a column lost.
    const extras = new Set(extraHeaders(input.path as FileKind).map(normaliseHeader));
    input.ignored_columns = input.ignored_columns.filter((header) => !extras.has(normaliseHeader(header)));
    input.column_hints = input.column_hints.filter((hint) => !extras.has(normaliseHeader(hint.header)));
  }
  for (const issue of doc.issues) {
    const kind = kindOf(issue.file);
    issue.file = kind;
    if (typeof issue.line === 'number') issue.line = rowOf(maps, kind, issue.line);
    if (issue.code === 'duplicate_record') {
      issue.message = issue.message.replace(/lines (\d+) and (\d+); line (\d+) is read$/, (_all, a: string, b: string, c: string) =>
        `lines ${rowOf(maps, kind, Number(a))} and ${rowOf(maps, kind, Number(b))}; line ${rowOf(maps, kind, Number(c))} is read`,
      );
    }
  }
  for (const result of doc.cases) result.line = rowOf(maps, 'offenders', result.line as number);
  return doc;
}

/** The records readExports made, lines as model rows, and each case's contact history. */
export function normaliseExports(exports: Exports, maps: LineMaps): unknown {
  return {
    officers: exports.officers.map((officer) => ({ ...officer, line: rowOf(maps, 'officers', officer.line) })),
    cases: exports.cases.map((record) => ({ ...record, line: rowOf(maps, 'offenders', record.line), contacts: exports.contacts?.get(record.crn) ?? null })),
    columns: {
      officers: [...exports.columns.officers].sort(),
      offenders: [...exports.columns.offenders].sort(),
      contacts: exports.columns.contacts === null ? null : [...exports.columns.contacts].sort(),
    },
  };
}

/**
 * SPEC 1.3 on one read: every crn of offenders.csv is a case in `report --all` (or, its last row
 * terminated, counted as terminated), every row without a crn is rejected with an issue naming
 * its line, and for every file rows = used + rejected, each count as the model says.
 */
export function checkNothingLost(model: ExportModel, written: WrittenExport, analysed: Analysed): void {
  const want = expected(model);
  const doc = JSON.parse(analysed.json) as {
    summary: { cases: number; terminated: number };
    cases: { crn: string }[];
    inputs: { file: FileKind; rows: number; used: number; rejected: number }[];
    issues: { file: string; line: number | null; column: string | null; code: string }[];
  };
  const analysedCrns = [...want.crns].filter(([, analysedCase]) => analysedCase).map(([crn]) => crn);
  expect(doc.cases.map((result) => result.crn).sort()).toEqual(analysedCrns.sort());
  expect(doc.summary.cases).toBe(analysedCrns.length);
  expect(doc.summary.terminated).toBe(want.crns.size - analysedCrns.length);
  expect(analysed.exports.cases.map((record) => record.crn).sort()).toEqual([...want.crns.keys()].sort());

  for (const kind of ['officers', 'offenders', 'contacts'] as const) {
    const input = doc.inputs.find((entry) => entry.file === kind);
    if (model[kind] === null) {
      expect(input).toBeUndefined();
      continue;
    }
    expect(input, kind).toBeDefined();
    expect([kind, input!.rows, input!.used + input!.rejected]).toEqual([kind, want.rows[kind].length, input!.rows]);
    expect([kind, input!.rejected]).toEqual([kind, want.rejected[kind].length]);
    // Every rejected row is named by its line.
    const lines = written.files[kind]!.lines;
    const issueLines = new Set(doc.issues.filter((issue) => kindOf(issue.file) === kind).map((issue) => issue.line));
    for (const row of want.rejected[kind]) expect([kind, row, issueLines.has(lines[row]!)]).toEqual([kind, row, true]);
  }
  for (const row of want.rejected.offenders) {
    expect(doc.issues).toContainEqual(expect.objectContaining({ line: written.files.offenders!.lines[row], column: 'crn', code: 'missing_key' }));
  }
}
