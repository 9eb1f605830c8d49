/** The contact rules applied to each row of contacts.csv as it streams (SPEC 2.1). */
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

export interface ContactCounting {
  readonly count_outcomes: readonly string[];
  readonly count_types: readonly string[] | null;
}

/** A filter on a column the file lacks cannot apply: with no outcome (or type) column, every contact counts. */
export function contactRules(asOf: Day, config: ContactCounting, columns: { outcome: boolean; type: boolean }): ContactRules {
  return {
    asOf,
    countOutcomes: columns.outcome ? new Set(config.count_outcomes.map(parseOutcome)) : null,
    countTypes: config.count_types === null || !columns.type ? null : new Set(config.count_types.map(normaliseWord)),
  };
}

/** Whether a contact (normalised outcome and type) counts as seeing the person. A missed appointment does not. */
export function countsAsContact(outcome: string, type: string, rules: ContactRules): boolean {
  return (rules.countOutcomes === null || rules.countOutcomes.has(outcome)) && (rules.countTypes === null || rules.countTypes.has(type));
}

/** A failure to attend inside the enforcement window (the contact is on or before the as-of date). */
export function isRecentFailure(outcome: string, date: Day, rules: ContactRules): boolean {
  return outcome === 'failed_to_attend' && rules.asOf - date < ENFORCEMENT_WINDOW_DAYS;
}
