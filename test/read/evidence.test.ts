/** contacts.csv read again for explain: the rows of the wanted crns, with their physical lines, counted as the fold counts. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { readContactRows } from '../../src/read/evidence.js';
import { contactSettingsFor } from '../../src/read/exports.js';
import { sourceFor } from '../../src/read/source.js';
import { AS_OF, day, folder } from './support.js';

const settings = contactSettingsFor({ asOf: AS_OF, config: DEFAULT_CONFIG });

async function rowsOf(contacts: string, crns: string[]) {
  const dir = folder({ 'contacts.csv': contacts });
  return readContactRows(sourceFor(`${dir}/contacts.csv`), settings, new Set(crns));
}

describe('readContactRows', () => {
  it('keeps the last counted contact and the recent failures of the wanted crns, with physical line numbers', async () => {
    const rows = await rowsOf(
      [
        'crn,date,outcome,type',
        'X1,2026-10-01,attended,"office\nvisit"', // line 2, two physical lines
        'X2,2026-11-10,attended,office', // line 4: not wanted
        'X1,2026-11-01,failed_to_attend,office', // line 5
        'X1,2026-11-03,attended,office', // line 6
        'X1,2026-11-03,attended,phone', // line 7: same day, the first is kept
        'X1,2026-11-20,attended,office', // line 8: after the as-of date
        'X1,2025-11-16,FTA,office', // line 9: 365 days ago, outside the window
        'X1,2025-11-17,UAAB,office', // line 10: 364 days ago, inside
        'X1,31/02/2026,attended,office', // line 11: no such date
      ].join('\n'),
      ['X1', 'X3'],
    );
    const x1 = rows.get('X1')!;
    expect(x1.lastContact).toEqual({ date: day('2026-11-03'), line: 6, outcome: 'attended' });
    expect(x1.failures).toEqual([
      { date: day('2026-11-01'), line: 5, outcome: 'failed_to_attend' },
      { date: day('2025-11-17'), line: 10, outcome: 'failed_to_attend' },
    ]);
    expect(x1.lines).toEqual([2, 5, 6, 7, 8, 9, 10, 11]);
    expect(rows.get('X3')).toEqual({ lastContact: null, failures: [], lines: [] });
    expect(rows.has('X2')).toBe(false);
  });

  it('with no outcome column every contact counts, and the outcome is left empty', async () => {
    const rows = await rowsOf('crn,date\nX1,2026-11-02\nX1,2026-11-01\n', ['X1']);
    expect(rows.get('X1')!.lastContact).toEqual({ date: day('2026-11-02'), line: 2, outcome: '' });
  });
});
