/**
 * Which checks the export can support. A check whose column is missing is skipped rather than
 * run on blanks: a file without `da_check` must not flag every domestic-abuse case.
 */
import type { Exports } from '../read/records.js';
import type { CaseFlag, CheckSkipped, OfficerFlag } from './report.js';

type Check = CaseFlag | OfficerFlag;

interface Requirement {
  readonly check: Check;
  readonly file: 'officers' | 'offenders' | 'contacts';
  readonly columns: readonly string[];
}

const CASE_REQUIREMENTS: readonly Requirement[] = [
  { check: 'assessment_overdue', file: 'offenders', columns: ['last_assessment'] },
  { check: 'da_check_missing', file: 'offenders', columns: ['da_flag', 'da_check'] },
  { check: 'safeguarding_check_missing', file: 'offenders', columns: ['safeguarding_flag', 'safeguarding_check'] },
  { check: 'address_unknown', file: 'offenders', columns: ['address_known'] },
  { check: 'sentence_expired', file: 'offenders', columns: ['end_date'] },
  { check: 'enforcement_due', file: 'contacts', columns: ['outcome'] },
  { check: 'no_supervision', file: 'officers', columns: ['last_supervision'] },
  { check: 'new_starter_high_risk', file: 'officers', columns: ['start_date'] },
  { check: 'pso_high_risk', file: 'officers', columns: ['grade'] },
];

/** Checks that need to know when a case was last seen. */
const CONTACT_CHECKS: readonly CaseFlag[] = ['overdue', 'not_seen', 'never_seen'];

export function skippedChecks(exports: Pick<Exports, 'columns'>): CheckSkipped[] {
  const skipped: CheckSkipped[] = [];
  const { columns } = exports;
  // With neither contacts.csv nor a last_contact column, nobody could ever look seen.
  if (columns.contacts === null && !columns.offenders.has('last_contact')) {
    for (const check of CONTACT_CHECKS) skipped.push({ check, file: 'contacts', missing: ['contacts.csv', 'offenders.csv last_contact'] });
  }
  for (const requirement of CASE_REQUIREMENTS) {
    const present = columns[requirement.file];
    const missing = present === null ? [`${requirement.file}.csv`] : requirement.columns.filter((column) => !present.has(column));
    if (missing.length > 0) skipped.push({ check: requirement.check, file: requirement.file, missing });
  }
  return skipped;
}
