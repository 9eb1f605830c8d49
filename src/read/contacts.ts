/**
 * contacts.csv, folded per case as it streams: only each case's last contact and recent
 * failures to attend are kept, in typed arrays indexed like the cases, so memory grows with
 * cases and not with the contact log.
 */
import type { Source } from './source.js';
import type { HeaderMap } from './columns.js';
import type { ContactHistory, ContactLookup, InputSummary } from './records.js';
import { Cells, IssueLog, readTable, unreadColumns, type ReadSettings, type RowHandler } from './table.js';
import type { CaseKeys } from './byte-keys.js';
import { PlainContacts } from './plain-contacts.js';
import { formatDay, normaliseWord, parseOutcome, type Day } from './values.js';
import { contactRules, countsAsContact, isRecentFailure, type ContactCounting } from '../analyse/contacts.js';

export interface ContactSettings extends ReadSettings {
  readonly asOf: Day;
  readonly counting: ContactCounting;
}

/** No counted contact yet (Int32 can hold any real day number, but not this one). */
const NEVER = -0x80000000;

/** Per-case contact state: the latest counted contact and the recent failures to attend. */
export class ContactFold implements ContactLookup {
  readonly lastContact: Int32Array;
  readonly failedToAttend: Int32Array;

  constructor(
    /** crn → index of the case in offenders order. */
    readonly caseIndex: CaseKeys,
    arrays?: { lastContact: Int32Array; failedToAttend: Int32Array },
  ) {
    this.lastContact = arrays?.lastContact ?? new Int32Array(caseIndex.size).fill(NEVER);
    this.failedToAttend = arrays?.failedToAttend ?? new Int32Array(caseIndex.size);
  }

  add(at: number, date: Day, counts: boolean, recentFailure: boolean): void {
    if (counts && date > this.lastContact[at]!) this.lastContact[at] = date;
    if (recentFailure) this.failedToAttend[at]!++;
  }

  /** Folds in another part of the same log (a worker's share). */
  merge(other: { lastContact: Int32Array; failedToAttend: Int32Array }): void {
    for (let at = 0; at < this.lastContact.length; at++) {
      if (other.lastContact[at]! > this.lastContact[at]!) this.lastContact[at] = other.lastContact[at]!;
      this.failedToAttend[at]! += other.failedToAttend[at]!;
    }
  }

  get(crn: string): ContactHistory | undefined {
    const position = this.caseIndex.get(crn);
    return position === undefined ? undefined : this.at(position);
  }

  at(position: number): ContactHistory {
    const last = this.lastContact[position]!;
    return { lastContact: last === NEVER ? null : last, failedToAttend: this.failedToAttend[position]! };
  }
}

/** Normalising the same few outcome and type words millions of times is worth a cache. */
function memoise(normalise: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = normalise(text);
      if (cache.size < 10_000) cache.set(text, value);
    }
    return value;
  };
}

export interface ContactTally {
  rejected: number;
}

/**
 * The handler for each contact row: rejects what cannot be placed or counted (with an issue)
 * and folds the rest into `fold`. Shared by the one-stream reader and the parallel workers.
 */
export function contactRowHandler(
  header: HeaderMap<'contacts'>,
  settings: ContactSettings,
  log: IssueLog,
  fold: ContactFold,
  tally: ContactTally,
): RowHandler {
  const cells = new Cells(header.index, log, settings.dateOrder);
  const rules = contactRules(settings.asOf, settings.counting, { outcome: cells.has('outcome'), type: cells.has('type') });
  const outcomeOf = memoise(parseOutcome);
  const typeOf = memoise(normaliseWord);
  // This runs once per contact, millions of times: fields are read by position, not by name.
  const { crn: crnAt, date: dateAt, outcome: outcomeAt, type: typeAt } = header.index;
  const field = (fields: string[], at: number | undefined): string => (at === undefined ? '' : (fields[at] ?? '').trim());
  // Exports sorted by case repeat a crn row after row: skip the hash lookup then.
  let lastCrn = '';
  let lastAt: number | undefined;
  return (fields, line) => {
    cells.next(fields, line);
    const crn = field(fields, crnAt);
    const date = cells.dateFrom('date', field(fields, dateAt));
    if (crn === '' || date === null) {
      tally.rejected++;
      if (crn === '') log.add(line, 'crn', 'missing_key', 'crn: empty; the contact cannot be placed');
      else if (!cells.invalid) log.add(line, 'date', 'missing_key', 'date: empty; the contact cannot be placed');
      return;
    }
    if (crn !== lastCrn) {
      lastCrn = crn;
      lastAt = fold.caseIndex.get(crn);
    }
    const at = lastAt;
    if (at === undefined) {
      tally.rejected++;
      log.add(line, 'crn', 'unknown_crn', `crn ${crn} is not in offenders.csv; contact not counted`);
      return;
    }
    if (date > settings.asOf) {
      tally.rejected++;
      log.add(line, 'date', 'future_contact', `date: ${formatDay(date)} is after the as-of date; contact not counted`);
      return;
    }
    const outcome = outcomeOf(field(fields, outcomeAt));
    fold.add(at, date, countsAsContact(outcome, typeOf(field(fields, typeAt)), rules), isRecentFailure(outcome, date, rules));
  };
}

export interface ContactsRead {
  readonly contacts: ContactFold;
  readonly columns: Set<string>;
  readonly input: InputSummary;
}

/** Reads contacts.csv in one stream. */
export async function readContacts(
  source: Source,
  settings: ContactSettings,
  log: IssueLog,
  caseIndex: CaseKeys,
): Promise<ContactsRead> {
  const fold = new ContactFold(caseIndex);
  const tally: ContactTally = { rejected: 0 };
  const { header, records } = await readTable('contacts', source, settings, log, (header) => contactRowHandler(header, settings, log, fold, tally), {
    plain: (header, width) => new PlainContacts(header, width, settings, fold, caseIndex.finder),
  });
  return {
    contacts: fold,
    columns: new Set(Object.keys(header.index)),
    input: { file: 'contacts', path: source.label, rows: records, used: records - tally.rejected, rejected: tally.rejected, ...unreadColumns('contacts', header, settings.aliases) },
  };
}
