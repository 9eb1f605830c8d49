/**
 * contacts.csv, folded per case as it streams: only each case's last contact and recent
 * failures to attend are kept, so memory grows with cases, not with the contact log.
 */
import type { Source } from './source.js';
import type { ContactHistory, InputSummary } from './records.js';
import { Cells, IssueLog, readTable, type ReadSettings } from './table.js';
import { formatDay, normaliseWord, parseOutcome, type Day } from './values.js';
import { contactRules, emptyHistory, recordContact } from '../analyse/contacts.js';

export interface ContactSettings extends ReadSettings {
  readonly asOf: Day;
  readonly counting: { readonly count_outcomes: readonly string[]; readonly count_types: readonly string[] | null };
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

export async function readContacts(
  source: Source,
  settings: ContactSettings,
  log: IssueLog,
  knownCrns: ReadonlySet<string>,
): Promise<{ contacts: Map<string, ContactHistory>; columns: Set<string>; input: InputSummary }> {
  const contacts = new Map<string, ContactHistory>();
  let rejected = 0;
  const outcomeOf = memoise(parseOutcome);
  const typeOf = memoise(normaliseWord);
  const { header, records } = await readTable('contacts', source, settings, log, (header) => {
    const cells = new Cells(header.index, log, settings.dateOrder);
    const rules = contactRules(settings.asOf, settings.counting, cells.has('outcome'));
    return (fields, line) => {
      cells.next(fields, line);
      const crn = cells.text('crn');
      const date = cells.date('date');
      if (crn === '' || date === null) {
        rejected++;
        if (crn === '') log.add(line, 'crn', 'missing_key', 'crn: empty; the contact cannot be placed');
        else if (!cells.invalid) log.add(line, 'date', 'missing_key', 'date: empty; the contact cannot be placed');
        return;
      }
      if (!knownCrns.has(crn)) {
        rejected++;
        log.add(line, 'crn', 'unknown_crn', `crn ${crn} is not in offenders.csv; contact not counted`);
        return;
      }
      if (date > settings.asOf) {
        rejected++;
        log.add(line, 'date', 'future_contact', `date: ${formatDay(date)} is after the as-of date; contact not counted`);
        return;
      }
      let history = contacts.get(crn);
      if (history === undefined) contacts.set(crn, (history = emptyHistory()));
      recordContact(history, date, outcomeOf(cells.text('outcome')), typeOf(cells.text('type')), rules);
    };
  });
  return {
    contacts,
    columns: new Set(Object.keys(header.index)),
    input: { file: 'contacts', path: source.label, rows: records, used: records - rejected, rejected },
  };
}
