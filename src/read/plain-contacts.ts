/**
 * contacts.csv's plain rows read straight from the file's bytes (plain.ts): the bulk of a
 * national export (millions of rows, four fields read of each) folds into the cases without a
 * string or an array per row. A row takes this path only when nothing in it needs an issue: a
 * known crn, a readable date on or before the as-of date. Every other row is decoded and handed
 * to the row handler of contacts.ts, so its issues (and its line number) are exactly the same.
 */
import type { KeyFinder } from './byte-keys.js';
import type { HeaderMap } from './columns.js';
import type { PlainRowReader } from './plain.js';
import type { ContactFold, ContactSettings } from './contacts.js';
import { INVALID, normaliseWord, parseOutcome, type Day } from './values.js';
import { PlainCells } from './plain-fields.js';
import { IssueLog } from './table.js';
import { contactRules, countsAsContact, isRecentFailure, type ContactRules } from '../analyse/contacts.js';

/** Reads contacts.csv's plain rows (see PlainRowReader) into the fold. */
export class PlainContacts implements PlainRowReader {
  private readonly cells: PlainCells<'contacts'>;
  private readonly asOf: Day;
  private readonly rules: ContactRules;

  constructor(
    header: HeaderMap<'contacts'>,
    readonly width: number,
    settings: ContactSettings,
    private readonly fold: ContactFold,
    private readonly crns: KeyFinder,
  ) {
    // Its issues are never recorded: a row that would have one goes to the row handler instead.
    this.cells = new PlainCells(header.index, new IssueLog('', []), settings.dateOrder);
    this.asOf = settings.asOf;
    this.rules = contactRules(settings.asOf, settings.counting, { outcome: header.index.outcome !== undefined, type: header.index.type !== undefined });
  }

  /** Folds a plain row in; false when it needs the row handler (an issue to record). */
  read(bytes: Buffer, lineStart: number, fieldEnds: Int32Array, line: number): boolean {
    const { cells } = this;
    cells.next(bytes, lineStart, fieldEnds, line);
    const position = cells.find('crn', this.crns);
    if (position < 0) return false;
    const day = cells.dayOf('date');
    if (day === null || day === INVALID || day > this.asOf) return false;
    // As contactRowHandler reads them: an absent column is empty text.
    const outcome = cells.parse('outcome', parseOutcome)!;
    const type = cells.parse('type', normaliseWord)!;
    this.fold.add(position, day, countsAsContact(outcome, type, this.rules), isRecentFailure(outcome, day, this.rules));
    return true;
  }
}
