/**
 * SPEC 1.1-1.3 as properties: an export re-written with any delimiter, quoting, encoding, line
 * end, header spelling, column order, date form, word spelling, padding and blank lines reads to
 * the same cases and the same report as its canonical form, and never loses a case.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportModel, runStyle, writeCanonical, writeVariant } from './export-model.js';
import { analyseFolder, checkNothingLost, fcOptions, lineMaps, normaliseExports, normaliseReport, writeFolder } from './support.js';

describe('an export in any form the SPEC accepts', () => {
  it('reads to the same cases and the same report as its canonical form, and loses no case', async () => {
    await fc.assert(
      fc.asyncProperty(exportModel, runStyle, async (model, style) => {
        const variant = writeVariant(model, style);
        const canonical = writeCanonical(model, variant.dateOrder);
        const variantDir = writeFolder(variant);
        const canonicalDir = writeFolder(canonical);
        try {
          const fromCanonical = await analyseFolder(canonicalDir.dir, canonical, model.asOf);
          const fromVariant = await analyseFolder(variantDir.dir, variant, model.asOf);
          checkNothingLost(model, canonical, fromCanonical);
          checkNothingLost(model, variant, fromVariant);
          expect(normaliseExports(fromVariant.exports, lineMaps(variant))).toEqual(normaliseExports(fromCanonical.exports, lineMaps(canonical)));
          expect(normaliseReport(fromVariant.json, lineMaps(variant))).toEqual(normaliseReport(fromCanonical.json, lineMaps(canonical)));
        } finally {
          variantDir.cleanup();
          canonicalDir.cleanup();
        }
      }),
      fcOptions(150),
    );
  });
});
