/**
 * The analysis in two steps (analyse/analyze.ts openCases, then analyse): the cases opened while
 * contacts.csv is still being read, and closed once it is, make the very report that analysing
 * the read export in one step makes, whatever the export holds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyse, openCases, type OpenedCases } from '../../src/analyse/analyze.js';
import { readExports } from '../../src/read/exports.js';
import type { Exports } from '../../src/read/records.js';
import { exportModel, writeCanonical } from './export-model.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { configFor, fcOptions, writeFolder } from './support.js';

describe('cases opened while contacts.csv is read', () => {
  it('close into the report a one-step analysis makes, the hook told of the very officers and cases read', async () => {
    await fc.assert(
      fc.asyncProperty(exportModel, async (model) => {
        const written = writeCanonical(model, 'dmy');
        const folder = writeFolder(written);
        try {
          const config = configFor(written);
          const options = { asOf: model.asOf, config };
          let opened: OpenedCases | undefined;
          let told: Pick<Exports, 'officers' | 'cases'> | undefined;
          const exports = await readExports(
            { dir: folder.dir },
            { ...options, threads: 1, onCasesRead: (read) => ((told = read), (opened = openCases(read, options))) },
          );
          expect(told?.cases).toBe(exports.cases);
          expect(told?.officers).toBe(exports.officers);
          const inTwoSteps = analyse(exports, options, opened);
          expect(inTwoSteps.cases).toBe(opened!.results); // the opened cases became the report's
          expect(JSON.stringify(inTwoSteps)).toBe(JSON.stringify(analyse(exports, options)));
        } finally {
          folder.cleanup();
        }
      }),
      fcOptions(60),
    );
  });

  it('are not used for an export they were not opened from', () => {
    const exports: Exports = {
      officers: [],
      cases: [],
      contacts: null,
      columns: { officers: new Set(), offenders: new Set(), contacts: null },
      inputs: [],
      issues: [],
    };
    const options = { asOf: 20_000, config: DEFAULT_CONFIG };
    const stale = openCases({ officers: [], cases: [] }, options);
    expect(analyse(exports, options, stale).cases).not.toBe(stale.results);
  });
});
