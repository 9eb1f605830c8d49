/**
 * A handful of generated exports through the built CLI, as a user runs it: `caseload report DIR
 * --all --json` on the variant form gives the report the canonical form gives in-process, with
 * --encoding, --delimiter and --date-order passed as the export needs, contacts.csv split across
 * worker threads where it can be, and offenders.csv on standard input.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runCli } from '../helpers/cli.js';
import { exportModel, isoOf, runStyle, writeCanonical, writeVariant, type ExportModel, type WrittenExport } from './export-model.js';
import { analyseFolder, fcOptions, lineMaps, normaliseReport, writeFolder } from './support.js';

function cliArgs(written: WrittenExport, model: ExportModel): string[] {
  return [
    '--all',
    '--json',
    '--as-of',
    isoOf(model.asOf),
    '--threads',
    '2',
    ...(written.windows1252 ? ['--encoding', 'windows-1252'] : []),
    ...(written.delimiter === undefined ? [] : ['--delimiter', written.delimiter]),
    ...(written.dateOrder === 'mdy' ? ['--date-order', 'mdy'] : []),
  ];
}

async function canonicalReport(model: ExportModel, variant: WrittenExport): Promise<unknown> {
  const canonical = writeCanonical(model, variant.dateOrder);
  const { dir, cleanup } = writeFolder(canonical);
  try {
    return normaliseReport((await analyseFolder(dir, canonical, model.asOf)).json, lineMaps(canonical));
  } finally {
    cleanup();
  }
}

// Every contacts.csv big enough to split (any size, here), so worker threads read it where they can.
const env = { CASELOAD_PARALLEL_MIN_BYTES: '0' };

describe('the built CLI on generated exports', () => {
  it('report --all --json on any form equals the canonical form\'s report', async () => {
    await fc.assert(
      fc.asyncProperty(exportModel, runStyle, async (model, style) => {
        const variant = writeVariant(model, style);
        const { dir, cleanup } = writeFolder(variant);
        try {
          const result = runCli(['report', dir, ...cliArgs(variant, model)], { env });
          expect(result.stderr).toBe('');
          expect(result.exitCode).toBe(0);
          expect(normaliseReport(result.stdout, lineMaps(variant))).toEqual(await canonicalReport(model, variant));
        } finally {
          cleanup();
        }
      }),
      fcOptions(6),
    );
  });

  it('the same with offenders.csv on standard input', async () => {
    await fc.assert(
      fc.asyncProperty(exportModel, runStyle, async (model, style) => {
        const variant = writeVariant(model, style);
        const { offenders, ...rest } = variant.files;
        const { dir, cleanup } = writeFolder({ ...variant, files: rest });
        try {
          const result = runCli(['report', dir, '--offenders', '-', ...cliArgs(variant, model)], { env, input: offenders!.bytes });
          expect(result.stderr).toBe('');
          expect(result.exitCode).toBe(0);
          // Standard input is named <stdin> where the folder's file would be named by its path.
          const json = result.stdout.replace(/"<stdin>"/g, JSON.stringify(`${dir}/offenders.csv`));
          expect(normaliseReport(json, lineMaps(variant))).toEqual(await canonicalReport(model, variant));
        } finally {
          cleanup();
        }
      }),
      fcOptions(3),
    );
  });
});
