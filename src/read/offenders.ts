/** offenders.csv → CaseRecord. Every row with a crn is a case, however broken the rest (SPEC 1.3). */
import { statSync } from 'node:fs';
import { CaseKeys } from './byte-keys.js';
import { plainCaseOrder } from './case-order.js';
import type { Source } from './source.js';
import type { CaseRecord, InputSummary } from './records.js';
import { IssueLog, readTableCells, unreadColumns, type ReadSettings, type RowCells } from './table.js';
import { formatDay, parseBoolean, parseCaseStatus, parseMappaLevel, parseOptionalBoolean, parseRisk, parseTier, type Day } from './values.js';

/**
 * The cases in file order, by crn: a crn listed again keeps its first place and takes the later
 * row (the later row wins). The positions are the order of the cases, which the contacts
 * workers rebuild on their own (see parallel.ts) and the contacts fold is indexed by.
 */
export class CaseOrder<V> {
  readonly positions: CaseKeys;
  readonly values: V[] = [];

  constructor(expected?: number) {
    this.positions = new CaseKeys(expected);
  }

  /** Places `value` under `crn`; returns the earlier row's value when the crn was listed before. */
  place(crn: string, value: V): V | undefined {
    const at = this.positions.place(crn);
    if (at === this.values.length) {
      this.values.push(value);
      return undefined;
    }
    const earlier = this.values[at];
    this.values[at] = value;
    return earlier;
  }
}

/** A short offenders.csv row: a longer one makes the guess high by as much, a shorter one grows the table once. */
const BYTES_PER_ROW = 160;

/**
 * About how many rows the file holds, from its size (0 for standard input): the crn table is
 * made that large at once, rather than grown (and every crn hashed again) a dozen times.
 */
function expectedRows(source: Source): number {
  if (source.path === '-') return 0;
  try {
    return Math.floor(statSync(source.path).size / BYTES_PER_ROW);
  } catch {
    return 0; // the reader says what is wrong with the file
  }
}

/** Reads only the crns of offenders.csv, in the order readOffenders gives the cases. */
export async function readCaseOrder(source: Source, settings: ReadSettings): Promise<CaseKeys> {
  // A plain file's crns are found straight from its bytes; any other is read row by row.
  const expected = expectedRows(source);
  const plain = plainCaseOrder(source, settings, expected);
  if (plain !== null) return plain;
  const order = new CaseKeys(expected);
  const silent = new IssueLog(source.label, []);
  const place = (crn: string): void => {
    if (crn !== '') order.place(crn);
  };
  await readTableCells('offenders', source, settings, silent, () => (cells) => place(cells.text('crn')), { footers: true });
  return order;
}

export async function readOffenders(
  source: Source,
  settings: ReadSettings & { readonly asOf: Day },
  log: IssueLog,
): Promise<{ cases: CaseRecord[]; caseIndex: CaseKeys; columns: Set<string>; input: InputSummary }> {
  const byCrn = new CaseOrder<CaseRecord>(expectedRows(source));
  let rejected = 0;
  /** One row's case, read from its cells however they were read (strings or a plain row's bytes). */
  const readCase = (cells: RowCells<'offenders'>, misaligned: boolean): void => {
    const { line } = cells;
    const crn = cells.text('crn');
    if (crn === '') {
      rejected++;
      log.add(line, 'crn', 'missing_key', 'crn: empty; the row cannot be placed');
      return;
    }
    // An unknown status is an issue and the case is read as active (parseCaseStatus never gives null).
    const status = cells.parse('status', parseCaseStatus, 'unknown case status (read as active)') ?? 'active';
    let lastContact = cells.date('last_contact');
    if (lastContact !== null && lastContact > settings.asOf) {
      log.add(line, 'last_contact', 'future_date', `last_contact: ${formatDay(lastContact)} is after the as-of date; not counted`);
      lastContact = null;
    }
    const record: CaseRecord = {
      line,
      crn,
      officerId: cells.sharedText('officer_id'),
      risk: cells.parse('risk', parseRisk),
      name: cells.optionalText('name'),
      tier: cells.parse('tier', parseTier, 'unknown tier'),
      sentenceType: cells.sharedText('sentence_type'),
      startDate: cells.date('start_date'),
      endDate: cells.date('end_date'),
      lastContact,
      addressKnown: cells.parse('address_known', parseOptionalBoolean, 'not yes or no'),
      daFlag: cells.parse('da_flag', parseBoolean, 'not yes or no') ?? false,
      daCheck: cells.date('da_check'),
      safeguardingFlag: cells.parse('safeguarding_flag', parseBoolean, 'not yes or no') ?? false,
      safeguardingCheck: cells.date('safeguarding_check'),
      lastAssessment: cells.date('last_assessment'),
      status,
      team: cells.sharedText('team'),
      pdu: cells.sharedText('pdu'),
      resetMarked: cells.parse('reset', parseBoolean, 'not yes or no') ?? false,
      mappaLevel: cells.parse('mappa_level', parseMappaLevel, 'not a MAPPA level (0-3, M1-M3, Level 1-3, none)'),
      invalidData: cells.invalid || misaligned,
      duplicateRecord: false,
    };
    const earlier = byCrn.place(crn, record);
    if (earlier) {
      log.add(line, 'crn', 'duplicate_record', `crn ${crn} is listed on lines ${earlier.line} and ${line}; line ${line} is read`);
      record.duplicateRecord = true;
    }
  };
  const { header, records, footers } = await readTableCells('offenders', source, settings, log, () => readCase, { footers: true });
  rejected += footers;
  return {
    cases: byCrn.values,
    caseIndex: byCrn.positions,
    columns: new Set(Object.keys(header.index)),
    input: { file: 'offenders', path: source.label, rows: records, used: records - rejected, rejected, ...unreadColumns('offenders', header, settings.aliases) },
  };
}
