/**
 * The contacts worker's crn order read straight from offenders.csv's bytes (src/read/case-order.ts):
 * whenever it answers, it is the order the full reader gives the cases (the digest the threads
 * compare), and it answers for the plain files the bulk of exports are.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { plainCaseOrder } from '../../src/read/case-order.js';
import { readOffenders } from '../../src/read/offenders.js';
import { IssueLog, type ReadSettings } from '../../src/read/table.js';
import { sourceFor } from '../../src/read/source.js';
import { exportModel, exportModelOf, runStyle, writeVariant, type RunStyle } from '../properties/export-model.js';
import { fcOptions, writeFolder } from '../properties/support.js';
import { tempDir } from '../helpers/cli.js';

async function fullOrder(path: string, settings: ReadSettings, asOf = 20_000): Promise<string> {
  const read = await readOffenders(sourceFor(path), { ...settings, asOf }, new IssueLog('offenders.csv', []));
  return read.caseIndex.digest;
}

const settingsOf = (written: { dateOrder: 'dmy' | 'mdy'; delimiter: string | undefined; windows1252: boolean }): ReadSettings => ({
  dateOrder: written.dateOrder,
  aliases: DEFAULT_CONFIG.columns,
  delimiter: written.delimiter,
  encoding: written.windows1252 ? 'windows-1252' : undefined,
});

describe('the crn order read from the bytes alone', () => {
  /** How often it answered, over `runs` exports of `model` written in `styles`; every answer checked against the full reader. */
  async function answers(model: typeof exportModel, styles: fc.Arbitrary<RunStyle>, runs: number): Promise<number> {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(model, styles, async (drawn, style) => {
        const written = writeVariant(drawn, style);
        const { dir, cleanup } = writeFolder(written);
        try {
          const path = join(dir, 'offenders.csv');
          const settings = settingsOf(written);
          const plain = plainCaseOrder(sourceFor(path), settings, 8);
          if (plain === null) return;
          answered++;
          expect(plain.digest).toBe(await fullOrder(path, settings, drawn.asOf));
        } finally {
          cleanup();
        }
      }),
      fcOptions(runs),
    );
    return answered;
  }

  it("is the full reader's order whenever it answers, in any form an export takes", async () => {
    await answers(exportModel, runStyle, 150);
  });

  it('answers for a good share of exports written without quotes, in UTF-8 (not those with a CR alone for a line end, or a crn beyond ASCII)', async () => {
    const unquoted = runStyle.map((style): RunStyle => ({ ...style, offenders: { ...style.offenders, quoting: 'minimal', encoding: 'utf8' }, windows1252: false }));
    expect(await answers(exportModelOf('always'), unquoted, 60)).toBeGreaterThan(15);
  });

  it.each<[string, string, boolean]>([
    ['a plain file, CRLF line ends, a crn padded and one missing', 'crn,officer_id,risk\r\n X1 ,P1,low\r\nX2,P1,high\r\n,P1,low\r\nX1,P2,low\r\nX3,P1,medium', true],
    ['the crn in the last column, a file without a last line end', 'risk,officer_id,crn\nlow,P1,X1\nhigh,P1,X2', true],
    ['footer rows at the end, and a footer-like row before a case', 'crn,officer_id,risk\nX1,P1,low\nTotal rows: 9,,\nX2,P1,high\nCount,2,\nTotal,,\n', true],
    ['fewer and more fields than the header', 'crn,officer_id,risk\nX1\nX2,P1,low,extra\nX3,P1,high\n', true],
    ['a quote anywhere', 'crn,officer_id,name,risk\nX1,P1,"Smith, J",low\nX2,P1,Jones,low\n', false],
    ['a crn beyond ASCII', 'crn,officer_id,risk\nX1,P1,low\nÉ2,P1,low\n', false],
  ])('%s', async (_name, text, answers) => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'offenders.csv');
      writeFileSync(path, text);
      const settings: ReadSettings = { dateOrder: 'dmy', aliases: DEFAULT_CONFIG.columns, delimiter: undefined, encoding: undefined };
      const plain = plainCaseOrder(sourceFor(path), settings, 8);
      expect(plain !== null).toBe(answers);
      if (plain !== null) expect(plain.digest).toBe(await fullOrder(path, settings));
    } finally {
      cleanup();
    }
  });

  it("finds a national export's crns across reads of 1 MiB, lines cut at every read's end", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'offenders.csv');
      const rows = Array.from({ length: 40_000 }, (_, at) => `X${1_000_000 + at},Name ${'x'.repeat(at % 50)},P${at % 7},low`);
      writeFileSync(path, ['crn,name,officer_id,risk', ...rows].join('\n') + '\n');
      const settings: ReadSettings = { dateOrder: 'dmy', aliases: DEFAULT_CONFIG.columns, delimiter: undefined, encoding: undefined };
      const plain = plainCaseOrder(sourceFor(path), settings, 40_000);
      expect(plain?.size).toBe(40_000);
      expect(plain!.digest).toBe(await fullOrder(path, settings));
    } finally {
      cleanup();
    }
  });
});
