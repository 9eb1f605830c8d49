/** What the reading stage hands to the analysis: normalised rows, issues and reconciliation. */
import type { ColumnHint, FileKind } from './columns.js';
import type { CaseStatus, Day, Risk } from './values.js';

export interface OfficerRecord {
  readonly line: number;
  readonly officerId: string;
  readonly name: string | null;
  readonly grade: string | null;
  readonly team: string | null;
  readonly pdu: string | null;
  readonly managerId: string | null;
  /** Weekly hours; 37 when not recorded, null when unreadable. */
  readonly contractedHours: number | null;
  /** Normalised word: active, sick, leave, suspended, left, or other text (an absence). */
  readonly status: string;
  readonly statusSince: Day | null;
  readonly startDate: Day | null;
  readonly agency: boolean;
  readonly lastSupervision: Day | null;
  readonly email: string | null;
  /** Workload reduction in percent, 0-100; 0 when not recorded or unreadable. */
  readonly reductionPct: number;
}

export interface CaseRecord {
  readonly line: number;
  readonly crn: string;
  readonly officerId: string | null;
  readonly risk: Risk | null;
  readonly name: string | null;
  readonly tier: string | null;
  readonly sentenceType: string | null;
  readonly startDate: Day | null;
  readonly endDate: Day | null;
  /** From offenders.csv only, and only when on or before the as-of date. */
  readonly lastContact: Day | null;
  /** null when not recorded; false means no fixed abode or whereabouts unknown. */
  readonly addressKnown: boolean | null;
  readonly daFlag: boolean;
  readonly daCheck: Day | null;
  readonly safeguardingFlag: boolean;
  readonly safeguardingCheck: Day | null;
  readonly lastAssessment: Day | null;
  readonly status: CaseStatus;
  /** The case's own team and PDU columns (used when its officer is unknown or none). */
  readonly team: string | null;
  readonly pdu: string | null;
  /** The `reset` column says Probation Reset applies (Delius registration PRC). */
  readonly resetMarked: boolean;
  /** MAPPA level 0-3; 0 when none or not recorded, null when unreadable. */
  readonly mappaLevel: number | null;
  /** Some value could not be read (an issue names it). */
  readonly invalidData: boolean;
  /** The crn was listed more than once; this is the last row. */
  duplicateRecord: boolean;
}

/** What contacts.csv says of one case, folded as it streams (the log itself is never kept). */
export interface ContactHistory {
  /** Latest counted contact on or before the as-of date. */
  readonly lastContact: Day | null;
  /** failed_to_attend contacts in the enforcement window. */
  readonly failedToAttend: number;
}

/** Looks up a case's contact history by crn (a Map serves, and so does the streaming fold). */
export interface ContactLookup {
  get(crn: string): ContactHistory | undefined;
  /** The same by the case's position in Exports.cases, where the lookup keeps that order: no hashing. */
  at?(position: number): ContactHistory;
}

export interface Issue {
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly code: IssueCode;
  readonly message: string;
}

export type IssueCode =
  | 'invalid_value'
  | 'missing_key'
  | 'duplicate_record'
  | 'duplicate_column'
  | 'field_count'
  | 'unknown_crn'
  | 'future_contact'
  | 'future_date'
  | 'footer_row'
  | 'officer_id_case';

export interface InputSummary {
  readonly file: FileKind;
  readonly path: string;
  /** Records read (blank lines not counted) = used + rejected. */
  readonly rows: number;
  readonly used: number;
  readonly rejected: number;
  /** Headers that are no known column or alias, so were not read (SPEC 3.3). */
  readonly ignored_columns: string[];
  /** Those of them that look like a known column the file lacks, which config `columns` could map. */
  readonly column_hints: ColumnHint[];
}

export interface Exports {
  readonly officers: OfficerRecord[];
  readonly cases: CaseRecord[];
  /** Per crn; null when there is no contacts.csv. */
  readonly contacts: ContactLookup | null;
  /** The canonical columns each file has; contacts is null when there is no contacts.csv. */
  readonly columns: { readonly officers: ReadonlySet<string>; readonly offenders: ReadonlySet<string>; readonly contacts: ReadonlySet<string> | null };
  readonly inputs: InputSummary[];
  readonly issues: Issue[];
}
