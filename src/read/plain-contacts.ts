/**
 * contacts.csv's plain rows read straight from the file's bytes (plain.ts): the bulk of a
 * national export (millions of rows, four fields read of each) folds into the cases without a
 * string or an array per row. A row takes this path only when nothing in it needs an issue: a
 * known crn, a readable date on or before the as-of date. Every other row is decoded and handed
 * to the row handler of contacts.ts, so its issues (and its line number) are exactly the same.
 */
import { ByteKeys } from './byte-keys.js';
import type { HeaderMap } from './columns.js';
import type { PlainRowReader } from './plain.js';
import type { ContactFold, ContactSettings } from './contacts.js';
import { INVALID, normaliseWord, parseDate, parseIsoDay, parseOutcome, type Day, type Parsed } from './values.js';
import { isoDay, isSpace, TextMemo } from './plain-fields.js';
import { contactRules, countsAsContact, isRecentFailure, type ContactRules } from '../analyse/contacts.js';

/** The crns of the cases (in their order) as byte keys: built once per thread. */
export function crnKeys(caseIndex: ReadonlyMap<string, number>): ByteKeys {
  const keys = new ByteKeys(caseIndex.size);
  caseIndex.forEach((at, crn) => keys.add(crn, at));
  return keys;
}

/** Reads contacts.csv's plain rows (see PlainRowReader) into the fold. */
export class PlainContacts implements PlainRowReader {
  private readonly crnAt: number;
  private readonly dateAt: number;
  /** -1 when the file has no such column. */
  private readonly outcomeAt: number;
  private readonly typeAt: number;
  private readonly asOf: Day;
  private readonly rules: ContactRules;
  private readonly dates: TextMemo<Parsed<Day>>;
  private readonly outcomes = new TextMemo(parseOutcome);
  private readonly types = new TextMemo(normaliseWord);
  private readonly noOutcome = parseOutcome('');
  private readonly noType = normaliseWord('');

  constructor(
    header: HeaderMap<'contacts'>,
    readonly width: number,
    settings: ContactSettings,
    private readonly fold: ContactFold,
    private readonly crns: ByteKeys,
  ) {
    const { crn, date, outcome, type } = header.index;
    this.crnAt = crn!;
    this.dateAt = date!;
    this.outcomeAt = outcome ?? -1;
    this.typeAt = type ?? -1;
    this.asOf = settings.asOf;
    this.rules = contactRules(settings.asOf, settings.counting, { outcome: outcome !== undefined, type: type !== undefined });
    this.dates = new TextMemo((text) => parseIsoDay(text) ?? parseDate(text, settings.dateOrder));
  }

  /** Folds a plain row in; false when it needs the row handler (an issue to record). */
  read(bytes: Buffer, lineStart: number, fieldEnds: Int32Array): boolean {
    const { crnAt, dateAt } = this;
    let start = crnAt === 0 ? lineStart : fieldEnds[crnAt - 1]! + 1;
    let end = fieldEnds[crnAt]!;
    while (start < end && isSpace(bytes[start]!)) start++;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    if (start === end) return false;
    const position = this.crns.find(bytes, start, end);
    if (position < 0) return false;

    start = dateAt === 0 ? lineStart : fieldEnds[dateAt - 1]! + 1;
    end = fieldEnds[dateAt]!;
    while (start < end && isSpace(bytes[start]!)) start++;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    const date = end - start === 10 ? isoDay(bytes, start) : undefined;
    const day = date === undefined ? this.dates.get(bytes, start, end) : date;
    if (day === null || day === INVALID || day > this.asOf) return false;

    const outcome = this.word(this.outcomes, this.outcomeAt, this.noOutcome, bytes, lineStart, fieldEnds);
    const type = this.word(this.types, this.typeAt, this.noType, bytes, lineStart, fieldEnds);
    this.fold.add(position, day, countsAsContact(outcome, type, this.rules), isRecentFailure(outcome, day, this.rules));
    return true;
  }

  /** The normalised word in field `field` (`absent` when the file has no such column). */
  private word(memo: TextMemo<string>, field: number, absent: string, bytes: Buffer, lineStart: number, fieldEnds: Int32Array): string {
    if (field < 0) return absent;
    let start = field === 0 ? lineStart : fieldEnds[field - 1]! + 1;
    let end = fieldEnds[field]!;
    while (start < end && isSpace(bytes[start]!)) start++;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    return memo.get(bytes, start, end);
  }
}
