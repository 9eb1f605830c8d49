/**
 * Builders for the analysis tests: each test states only the fields that matter to it.
 *
 * Everything is as of Monday 2026-11-16. `daysAgo(n)` is plain arithmetic on day numbers (the
 * `Day` type is whole days since 1970-01-01), so "57 days since last contact" is written as
 * `lastContact: daysAgo(57)` and the expected numbers in the tests are worked out by hand.
 */
import { analyse } from '../../src/analyse/analyze.js';
import type { OfficerSort } from '../../src/analyse/officers.js';
import type { CaseResult, OfficerResult, Report } from '../../src/analyse/report.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import type { CaseRecord, ContactHistory, Exports, OfficerRecord } from '../../src/read/records.js';
import { parseDate, type Day } from '../../src/read/values.js';

export function day(text: string): Day {
  const parsed = parseDate(text);
  if (typeof parsed !== 'number') throw new Error(`test date ${text} did not parse`);
  return parsed;
}

export const AS_OF_TEXT = '2026-11-16';
export const AS_OF: Day = day(AS_OF_TEXT);

export const daysAgo = (days: number): Day => AS_OF - days;

/** An active, allocated (to O1), medium-risk case seen yesterday, with every check satisfied. */
export function caseRecord(overrides: Partial<CaseRecord> & { crn?: string } = {}): CaseRecord {
  return {
    line: 2,
    crn: 'X000001',
    officerId: 'O1',
    risk: 'medium',
    name: null,
    tier: null,
    sentenceType: null,
    startDate: daysAgo(100),
    endDate: null,
    lastContact: daysAgo(1),
    addressKnown: true,
    daFlag: false,
    daCheck: null,
    safeguardingFlag: false,
    safeguardingCheck: null,
    lastAssessment: daysAgo(10),
    status: 'active',
    team: null,
    pdu: null,
    resetMarked: false,
    mappaLevel: 0,
    invalidData: false,
    duplicateRecord: false,
    ...overrides,
  };
}

/** An active, full-time PO (O1) in post for years, supervised last week. */
export function officer(overrides: Partial<OfficerRecord> = {}): OfficerRecord {
  return {
    line: 2,
    officerId: 'O1',
    name: null,
    grade: 'PO',
    team: null,
    pdu: null,
    managerId: null,
    contractedHours: 37,
    status: 'active',
    statusSince: null,
    startDate: daysAgo(2000),
    agency: false,
    lastSupervision: daysAgo(7),
    email: null,
    reductionPct: 0,
    ...overrides,
  };
}

/** Every canonical column of SPEC 1.1, per file. */
export const ALL_COLUMNS = {
  officers: [
    'officer_id', 'name', 'grade', 'team', 'pdu', 'manager_id', 'contracted_hours', 'status', 'status_since',
    'start_date', 'agency', 'last_supervision', 'email', 'reduction_pct',
  ],
  offenders: [
    'crn', 'officer_id', 'risk', 'name', 'tier', 'sentence_type', 'start_date', 'end_date', 'last_contact',
    'address_known', 'da_flag', 'da_check', 'safeguarding_flag', 'safeguarding_check', 'last_assessment', 'status',
    'team', 'pdu', 'reset', 'mappa_level',
  ],
  contacts: ['crn', 'date', 'outcome', 'type', 'officer_id'],
} as const;

type FileName = keyof typeof ALL_COLUMNS;

export interface ExportsSpec {
  officers?: OfficerRecord[];
  cases?: CaseRecord[];
  /** Contact histories by crn; null means there is no contacts.csv. Default: a contacts.csv with no rows. */
  contacts?: Record<string, Partial<ContactHistory>> | null;
  /** Columns to drop from a file's header (the rest of SPEC 1.1 is present). */
  without?: Partial<Record<FileName, readonly string[]>>;
}

export function exportsOf(spec: ExportsSpec = {}): Exports {
  const columns = (file: FileName): Set<string> => {
    const dropped = new Set(spec.without?.[file] ?? []);
    return new Set(ALL_COLUMNS[file].filter((column) => !dropped.has(column)));
  };
  const contacts =
    spec.contacts === null
      ? null
      : new Map(
          Object.entries(spec.contacts ?? {}).map(([crn, history]): [string, ContactHistory] => [
            crn,
            { lastContact: null, failedToAttend: 0, ...history },
          ]),
        );
  return {
    officers: spec.officers ?? [officer()],
    cases: spec.cases ?? [],
    contacts,
    columns: {
      officers: columns('officers'),
      offenders: columns('offenders'),
      contacts: spec.contacts === null ? null : columns('contacts'),
    },
    inputs: [],
    issues: [],
  };
}

/** A deep copy of the defaults with some thresholds changed. */
export function configWith(change: (config: Config) => void): Config {
  const config = structuredClone(DEFAULT_CONFIG);
  change(config);
  return config;
}

export function run(exports: Exports, options: { config?: Config; sort?: OfficerSort; asOf?: Day } = {}): Report {
  return analyse(exports, {
    asOf: options.asOf ?? AS_OF,
    config: options.config ?? DEFAULT_CONFIG,
    ...(options.sort === undefined ? {} : { sort: options.sort }),
  });
}

/** Analyses one case (with officer O1 active unless officers are given) and returns its result. */
export function analyseOne(record: Partial<CaseRecord>, spec: Omit<ExportsSpec, 'cases'> = {}, config?: Config): CaseResult {
  const report = run(exportsOf({ ...spec, cases: [caseRecord(record)] }), config === undefined ? {} : { config });
  expectLength(report.cases, 1);
  return report.cases[0]!;
}

export function caseIn(report: Report, crn: string): CaseResult {
  const found = report.cases.find((result) => result.crn === crn);
  if (found === undefined) throw new Error(`no case ${crn} in the report`);
  return found;
}

export function officerIn(report: Report, officerId: string): OfficerResult {
  const found = report.officers.find((result) => result.officer_id === officerId);
  if (found === undefined) throw new Error(`no officer ${officerId} in the report`);
  return found;
}

function expectLength(list: readonly unknown[], length: number): void {
  if (list.length !== length) throw new Error(`expected ${length} item(s), got ${list.length}`);
}

/** Numbered crns: crns('C', 3) → C001, C002, C003. */
export const crns = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, at) => `${prefix}${String(at + 1).padStart(3, '0')}`);
