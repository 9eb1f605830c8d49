/** SPEC 3.3: tables fit the terminal, narrowing the widest text columns with an ellipsis. */
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { fitWidths, renderTable, tableWidth, wrapText } from '../../src/render/table.js';
import type { Output } from '../../src/render/output.js';
import { caseResult, report, view } from './builders.js';

const text = (column: { natural: number; minimum?: number; tier?: number }) => ({ minimum: 6, tier: 3, ...column });

describe('tableWidth', () => {
  it('is COLUMNS when a positive number, else the terminal’s, else none', () => {
    expect(tableWidth('80', 200)).toBe(80);
    expect(tableWidth(undefined, 120)).toBe(120);
    expect(tableWidth('wide', undefined)).toBe(null);
    expect(tableWidth('0', undefined)).toBe(null);
    expect(tableWidth(undefined, undefined)).toBe(null);
  });
});

describe('fitWidths', () => {
  it('leaves a table that fits alone', () => {
    // 10 + 10 + 3 borders = 23
    expect(fitWidths([text({ natural: 10 }), text({ natural: 10 })], 23)).toBe(null);
  });

  it('narrows the widest text column first, down to a readable width, one character at a time', () => {
    // 30 + 10 + 3 = 43 → 40: the 30 gives 3
    expect(fitWidths([text({ natural: 30 }), text({ natural: 10 })], 40)).toEqual([27, 10]);
    // to 20: both text columns come down to 14 (readable) before any goes further, then the widest first
    expect(fitWidths([text({ natural: 30 }), text({ natural: 16 })], 31)).toEqual([14, 14]);
  });

  it("cuts numbers' headings before text goes below readable, but never a number's cells", () => {
    const number = { natural: 12, minimum: 5, tier: 1 };
    // 20 + 12 + 3 = 35 → 30: the text gives 5 and stays readable
    expect(fitWidths([text({ natural: 20 }), number], 30)).toEqual([15, 12]);
    // → 26: the text stops at 14, then the number's heading gives 3
    expect(fitWidths([text({ natural: 20 }), number], 26)).toEqual([14, 9]);
    // → 10: the number stops at its cells (5), the text at 6: wider than asked, as narrow as it can be
    expect(fitWidths([text({ natural: 20 }), number], 10)).toEqual([6, 5]);
  });

  it('identifiers give way last, and nothing below its minimum', () => {
    const identifier = { natural: 10, minimum: 6, tier: 2 };
    const number = { natural: 6, minimum: 6, tier: 1 };
    // 36 + 4 = 40 → 26: the text gives 14 (to 6) before the identifier gives anything
    expect(fitWidths([identifier, text({ natural: 20 }), number], 26)).toEqual([10, 6, 6]);
    expect(fitWidths([identifier, text({ natural: 20 }), number], 24)).toEqual([8, 6, 6]);
    expect(fitWidths([identifier, text({ natural: 20 }), number], 10)).toEqual([6, 6, 6]);
  });
});

describe('wrapText', () => {
  it('wraps at spaces and indents the lines after the first', () => {
    expect(wrapText('Lost  12 of 40 cases lost', 14, 6)).toEqual(['Lost  12 of 40', '      cases', '      lost']);
    expect(wrapText('short', 14, 6)).toEqual(['short']);
    expect(wrapText('no limit at all here', null, 2)).toEqual(['no limit at all here']);
  });
});

describe('renderTable at a width', () => {
  it('writes no line wider than the width, and cuts long cells with an ellipsis', () => {
    const long = 'A very long name that will not fit in a narrow terminal at all';
    const cases = [caseResult({ crn: 'X1', name: long, flags: ['not_seen', 'overdue', 'assessment_overdue', 'da_check_missing'] })];
    const written: string[] = [];
    const out: Output = { write: (chunk: string) => void written.push(chunk) } as unknown as Output;
    renderTable(view('cases', report({ cases })), out, new Chalk({ level: 0 }), 70);
    const lines = written.join('').split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(70);
    expect(lines.join('\n')).toContain('…');
    expect(lines.join('\n')).not.toContain(long);
  });
});
