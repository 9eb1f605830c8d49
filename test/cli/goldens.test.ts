/**
 * Golden transcripts for the commands whose own test files pin behaviour rather than output:
 * validate on the sample export and diff on the weekly pair, in every format. (report,
 * officers, cases and teams keep theirs beside their other tests.)
 */
import { describe, expect, it } from 'vitest';
import { runOnce, transcript } from '../helpers/cli.js';

const FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown'] as const;

describe('golden transcripts', () => {
  it.each(FORMATS)('caseload validate --format %s', async (format) => {
    const args = ['validate', 'fixtures/north-london', '--format', format, '--as-of', '2026-11-16'];
    await expect(transcript(args, runOnce(args))).toMatchFileSnapshot(`../golden/validate.${format}.txt`);
  });

  it.each(FORMATS.filter((format) => format !== 'table'))('caseload diff --format %s', async (format) => {
    const args = ['diff', 'fixtures/weekly/2026-11-09', 'fixtures/weekly/2026-11-16', '--format', format, '--as-of', '2026-11-16'];
    await expect(transcript(args, runOnce(args))).toMatchFileSnapshot(`../golden/diff.${format}.txt`);
  });
});
