/** The contact rules applied to each row of contacts.csv as it streams (SPEC 2.1). */
import type { ContactHistory } from '../read/records.js';
import { normaliseWord, parseOutcome, type Day } from '../read/values.js';

/** Two failures to attend in this many days to the as-of date make enforcement due. */
export const ENFORCEMENT_WINDOW_DAYS = 365;

export interface ContactRules {
  readonly asOf: Day;
  /** Normalised outcomes that count as contact; null when the file has no outcome column (all count). */
  readonly countOutcomes: ReadonlySet<string> | null;
  /** Normalised types that count; null for every type. */
  readonly countTypes: ReadonlySet<string> | null;
}

export function contactRules(
  asOf: Day,
  config: { count_outcomes: readonly string[]; count_types: readonly string[] | null },
  hasOutcomeColumn: boolean,
): ContactRules {
  return {
    asOf,
    countOutcomes: hasOutcomeColumn ? new Set(config.count_outcomes.map(parseOutcome)) : null,
    countTypes: config.count_types === null ? null : new Set(config.count_types.map(normaliseWord)),
  };
}

export function emptyHistory(): ContactHistory {
  return { lastContact: null, failedToAttend: 0 };
}

/**
 * Folds one contact (already checked to be on or before the as-of date) into its case's
 * history. `outcome` and `type` are normalised.
 */
export function recordContact(history: ContactHistory, date: Day, outcome: string, type: string, rules: ContactRules): void {
  const counts =
    (rules.countOutcomes === null || rules.countOutcomes.has(outcome)) &&
    (rules.countTypes === null || rules.countTypes.has(type));
  if (counts && (history.lastContact === null || date > history.lastContact)) history.lastContact = date;
  if (outcome === 'failed_to_attend' && rules.asOf - date < ENFORCEMENT_WINDOW_DAYS) history.failedToAttend++;
}
