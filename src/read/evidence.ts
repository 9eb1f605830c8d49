/**
 * contacts.csv read a second time for `explain`: the fold keeps no lines, so the rows of the
 * few crns asked about are kept here, with their physical line numbers, through the same
 * reader and the same contact rules as the fold.
 */
import { contactRules, countsAsContact, isRecentFailure } from '../analyse/contacts.js';
import type { ContactEvidence } from '../analyse/explain.js';
import type { ContactSettings } from './contacts.js';
import type { Source } from './source.js';
import { IssueLog, readTableCells } from './table.js';
import { normaliseWord, parseOutcome } from './values.js';

export interface ContactRows {
  /** The latest counted contact on or before the as-of date; the first such row on a tie, as the fold keeps. */
  lastContact: ContactEvidence | null;
  /** failed_to_attend contacts in the enforcement window, in file order. */
  failures: ContactEvidence[];
  /** Every line of the file that names the crn (issues on them belong to the case). */
  lines: number[];
}

export async function readContactRows(source: Source, settings: ContactSettings, crns: ReadonlySet<string>): Promise<Map<string, ContactRows>> {
  const found = new Map<string, ContactRows>([...crns].map((crn) => [crn, { lastContact: null, failures: [], lines: [] }]));
  // The first read already recorded this file's issues.
  const silent = new IssueLog(source.label, []);
  await readTableCells('contacts', source, settings, silent, (header) => {
    const rules = contactRules(settings.asOf, settings.counting, { outcome: header.index.outcome !== undefined, type: header.index.type !== undefined });
    return (cells) => {
      const { line } = cells;
      const rows = found.get(cells.text('crn'));
      if (rows === undefined) return;
      rows.lines.push(line);
      const date = cells.date('date');
      // As the fold: an unreadable or future date is not counted.
      if (date === null || date > settings.asOf) return;
      const outcome = parseOutcome(cells.text('outcome'));
      const contact: ContactEvidence = { date, line, outcome: cells.has('outcome') ? outcome : '' };
      if (countsAsContact(outcome, normaliseWord(cells.text('type')), rules) && (rows.lastContact === null || date > rows.lastContact.date)) {
        rows.lastContact = contact;
      }
      if (isRecentFailure(outcome, date, rules)) rows.failures.push(contact);
    };
  });
  return found;
}
