/**
 * `caseload explain`: why each case is flagged, or not (SPEC 3.3). Pure: it re-runs the rules
 * of cases.ts on the one case with a trace, so what it says is set is what the analysis set,
 * and puts beside each flag its rule, the config value it used and the evidence, each piece
 * with its file and line.
 */
import type { Config } from '../config/schema.js';
import type { CaseRecord, ContactLookup, Issue, OfficerRecord } from '../read/records.js';
import { z } from 'zod';
import { CASE_STATUSES, formatDay, RISKS, type Day } from '../read/values.js';
import { analyseCase, isAbsence, resetDate, riskKey, type CaseContext } from './cases.js';
import { ENFORCEMENT_WINDOW_DAYS } from './contacts.js';
import { CASE_FLAGS, day as daySchema, isLostFlag, type CaseFlag, type CaseResult, type CheckSkipped } from './report.js';

/** One piece of evidence: what it shows, and where it is. */
export const evidenceSchema = z
  .object({
    file: z.string().describe('The file it is in, e.g. contacts.csv'),
    line: z.number().int().nullable().describe('Physical line the record starts on; null when the file could not be read again (standard input)'),
    what: z.string().describe('What the record shows, e.g. `last attended contact 2026-04-06`'),
  })
  .describe('One piece of evidence: what it shows, and where it is');
export type Evidence = Readonly<z.output<typeof evidenceSchema>>;

/** One row of contacts.csv kept as evidence. */
export interface ContactEvidence {
  readonly date: Day;
  readonly line: number;
  /** Normalised outcome; empty when the file has no outcome column or the cell is empty. */
  readonly outcome: string;
}

/** What the second read of contacts.csv (and the issue list) found for one case. */
export interface CaseEvidence {
  /** Its latest counted contact on or before the as-of date (the first such row on a tie). */
  readonly lastContact: ContactEvidence | null;
  /** Its failed_to_attend contacts in the enforcement window, in file order. */
  readonly failures: readonly ContactEvidence[];
  /** The issues recorded on its offenders.csv row (unreadable values, the duplicate). */
  readonly issues: readonly Issue[];
}

/** How evidence names each file (`contacts.csv`); contacts is null when there is none. */
export interface EvidenceFiles {
  readonly officers: string;
  readonly offenders: string;
  readonly contacts: string | null;
}

export interface ExplainInput {
  readonly asOf: Day;
  readonly config: Config;
  readonly checksSkipped: readonly CheckSkipped[];
  readonly files: EvidenceFiles;
  readonly record: CaseRecord;
  /** The analysed case (priority and all); null for a terminated case, which is not analysed. */
  readonly result: CaseResult | null;
  /** The case's officer in officers.csv; null when it has none or an unknown one. */
  readonly officer: OfficerRecord | null;
  readonly evidence: CaseEvidence;
}

export const FLAG_STATES = ['set', 'not_set', 'not_applicable', 'skipped'] as const;
export type FlagState = (typeof FLAG_STATES)[number];

export const flagExplanationSchema = z
  .object({
    flag: z.enum(CASE_FLAGS).describe('The case flag'),
    lost: z.boolean().describe('A lost flag (true) or a warning (false)'),
    set: z.boolean().describe('Whether the flag is set on the case'),
    state: z.enum(FLAG_STATES).describe('set, not_set, not_applicable (the rule does not apply to the case), or skipped (the export cannot support the check)'),
    rule: z.string().describe('The rule, in words'),
    config: z.record(z.string(), z.unknown()).describe('The config values the rule used, by config key'),
    reason: z.string().describe('Why it is set or not, evidence cited by file:line'),
    evidence: z.array(evidenceSchema).describe('The records the reason cites'),
  })
  .describe('One case flag: its rule and why it is set on the case or not');
export type FlagExplanation = z.output<typeof flagExplanationSchema>;

export const caseExplanationSchema = z
  .object({
    crn: z.string().describe('Case reference number'),
    name: z.string().nullable().describe('Name of the person on probation; null when not recorded or with --redact'),
    status: z.enum(CASE_STATUSES).describe('Case status'),
    analysed: z.boolean().describe('False for a terminated case: read and counted, but left out of the analysis'),
    summary: z.string().describe('One line: lost, warnings, or nothing flagged'),
    priority: z.number().int().nullable().describe('Priority (1 is the most urgent case); null when not analysed'),
    risk: z.enum(RISKS).nullable().describe('Risk of serious harm; null when empty or unreadable'),
    officer_id: z.string().nullable().describe('Responsible officer; null when empty'),
    officer_name: z.string().nullable().describe("The officer's name; null when unknown or with --redact"),
    last_contact: daySchema.nullable().describe('Latest counted contact on or before the as-of date; null when never seen'),
    days_since_contact: z.number().int().nullable().describe('As-of date minus last_contact, in days; null when never seen'),
    standard_days: z.number().int().nullable().describe("The contact standard for the case's risk, in days; null when not analysed"),
    overdue: z.boolean().describe('Overdue (as the analysis has it)'),
    days_overdue: z.number().int().describe('Days past the contact standard; 0 when not overdue'),
    lost: z.boolean().describe('Any lost flag is set'),
    flags: z.array(z.enum(CASE_FLAGS).describe('A case flag')).describe('Flags set on the case, sorted'),
    evidence: z.array(evidenceSchema).describe("The case's row, its officer's row, its last counted contact"),
    rules: z.array(flagExplanationSchema).describe('Every case flag, in the order of the rules, with why it is set or not'),
  })
  .describe('Why one case is flagged, or not');
export type CaseExplanation = z.output<typeof caseExplanationSchema>;

export interface FlagFacts {
  readonly asOf: Day;
  readonly config: Config;
  readonly record: CaseRecord;
  readonly officer: OfficerRecord | null;
  readonly result: CaseResult;
  readonly evidence: CaseEvidence;
  readonly files: EvidenceFiles;
  /** The case's row in offenders.csv. */
  readonly caseRow: Evidence;
  /** The officer's row in officers.csv, when the officer is on the roster. */
  readonly officerRow: Evidence | null;
  /** Where the last counted contact comes from (contacts.csv or the last_contact column); null when never seen. */
  readonly lastSeen: Evidence | null;
  /** Days since start_date; null without one. */
  readonly daysSinceStart: number | null;
}

export interface FlagRule {
  /** The rule in plain words, naming the config keys it uses. */
  readonly rule: string;
  /** The statuses it applies to, when not every one (for the wording of "not applicable"). */
  readonly appliesTo?: readonly CaseRecord['status'][];
  readonly config: (config: Config, record: CaseRecord) => Record<string, unknown>;
  /** Why the flag is set (`holds`) or not, and the evidence that shows it. */
  readonly explain: (facts: FlagFacts, holds: boolean) => { reason: string; evidence: Evidence[] };
}

/** `offenders.csv:12`, or just the file when the line is unknown. */
export function cite(evidence: Evidence): string {
  return evidence.line === null ? evidence.file : `${evidence.file}:${evidence.line}`;
}

const day = formatDay;
const ACTIVE = ['active'] as const;
const ALLOCATION = ['active', 'warrant'] as const;
const noConfig = (): Record<string, unknown> => ({});
const compare = (value: number, limit: number): string => (value > limit ? '>' : '≤');
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
const officerName = (facts: FlagFacts): string => `officer ${facts.record.officerId ?? ''}`.trim();

/** `officer N07F990 status sick since 2026-09-01 (officers.csv:45)`, or why there is no such row. */
function officerStatus(facts: FlagFacts): { text: string; evidence: Evidence[] } {
  const { officer, officerRow, record, caseRow } = facts;
  if (officer === null || officerRow === null) {
    const why = record.officerId === null ? 'the case has no officer_id' : `officer ${record.officerId} is not in officers.csv`;
    return { text: `${why} (${cite(caseRow)})`, evidence: [caseRow] };
  }
  const since = officer.statusSince === null ? '' : ` since ${day(officer.statusSince)}`;
  return { text: `${officerName(facts)} status ${officer.status}${since} (${cite(officerRow)})`, evidence: [officerRow] };
}

/** `last attended contact 2026-04-06 (contacts.csv:1042), 224 days`. */
function lastSeenText(facts: FlagFacts): string {
  const { lastSeen, result } = facts;
  if (lastSeen === null) return 'never seen';
  return `${lastSeen.what} (${cite(lastSeen)}), ${plural(result.days_since_contact!, 'day')}`;
}

const seenEvidence = (facts: FlagFacts): Evidence[] => (facts.lastSeen === null ? [facts.caseRow] : [facts.lastSeen]);

/** `start_date 2026-01-01 (offenders.csv:12), 319 days`, or that there is none. */
function startText(facts: FlagFacts): string {
  const { record, caseRow, daysSinceStart } = facts;
  return record.startDate === null ? `no start_date (${cite(caseRow)})` : `start_date ${day(record.startDate)} (${cite(caseRow)}), ${plural(daysSinceStart!, 'day')}`;
}

/** A yes/no column of the case row as read. */
const yesNo = (value: boolean | null): string => (value === null ? 'empty' : value ? 'yes' : 'no');
const dateOrEmpty = (value: Day | null): string => (value === null ? 'empty' : day(value));

/**
 * Every case flag's rule, keyed by flag code: a flag added to CASE_FLAGS needs one entry here
 * (the type makes it so), and explain says the rest.
 */
export const FLAG_RULES: Record<CaseFlag, FlagRule> = {
  unallocated: {
    rule: 'the case has no responsible officer: officer_id is empty or matches unallocated_pattern',
    appliesTo: ALLOCATION,
    config: (config) => ({ unallocated_pattern: config.unallocated_pattern }),
    explain: (facts, holds) => {
      const { record, caseRow, config } = facts;
      const pattern = config.unallocated_pattern;
      const reason =
        record.officerId === null
          ? `officer_id empty (${cite(caseRow)})`
          : `officer_id ${record.officerId} (${cite(caseRow)})` +
            (pattern === null ? '' : `${holds ? ' matches' : ' does not match'} unallocated_pattern ${pattern}`);
      return { reason, evidence: [caseRow] };
    },
  },
  unknown_officer: {
    rule: "the case's officer_id is not in officers.csv",
    appliesTo: ALLOCATION,
    config: noConfig,
    explain: (facts, holds) => {
      const { record, caseRow, officerRow } = facts;
      if (holds) return { reason: `officer_id ${record.officerId} (${cite(caseRow)}) is not in officers.csv`, evidence: [caseRow] };
      if (officerRow !== null) return { reason: `${officerName(facts)} is in officers.csv (${cite(officerRow)})`, evidence: [caseRow, officerRow] };
      return { reason: `no officer to look up: officer_id ${record.officerId ?? 'empty'} (${cite(caseRow)}) is unallocated`, evidence: [caseRow] };
    },
  },
  officer_left: {
    rule: "the case's officer has left (officers.csv status left)",
    appliesTo: ALLOCATION,
    config: noConfig,
    explain: (facts) => {
      const status = officerStatus(facts);
      return { reason: status.text, evidence: status.evidence };
    },
  },
  officer_absent: {
    rule: "the case's officer is absent (any status but active or left) for more than absent_after_days, or since an unknown date",
    appliesTo: ALLOCATION,
    config: (config) => ({ absent_after_days: config.absent_after_days }),
    explain: (facts) => {
      const { officer, asOf, config } = facts;
      const status = officerStatus(facts);
      let reason = status.text;
      if (officer !== null && isAbsence(officer.status)) {
        if (officer.statusSince === null) reason += ', since an unknown date (status_since empty)';
        else {
          const days = asOf - officer.statusSince;
          reason += `, ${plural(days, 'day')} ${compare(days, config.absent_after_days)} absent_after_days ${config.absent_after_days}`;
        }
      } else if (officer !== null) reason += ': not an absence';
      return { reason, evidence: status.evidence };
    },
  },
  not_seen: {
    rule: 'no counted contact for more than lost_after_days',
    appliesTo: ACTIVE,
    config: (config) => ({ lost_after_days: config.lost_after_days }),
    explain: (facts) => {
      const { result, config } = facts;
      const days = result.days_since_contact;
      const reason =
        days === null
          ? `never seen (${facts.files.contacts === null ? 'no contacts.csv' : 'no counted contact in contacts.csv'} and no last_contact, ${cite(facts.caseRow)}): never_seen applies instead`
          : `${lastSeenText(facts)} ${compare(days, config.lost_after_days)} lost_after_days ${config.lost_after_days}`;
      return { reason, evidence: seenEvidence(facts) };
    },
  },
  never_seen: {
    rule: 'never seen (no counted contact and no last_contact), and more than lost_after_days since start_date, or no start_date',
    appliesTo: ACTIVE,
    config: (config) => ({ lost_after_days: config.lost_after_days }),
    explain: (facts) => {
      const { config, daysSinceStart } = facts;
      if (facts.lastSeen !== null) return { reason: `seen: ${lastSeenText(facts)}`, evidence: [facts.lastSeen] };
      const start = startText(facts);
      const reason = daysSinceStart === null ? `never seen; ${start}` : `never seen; ${start} ${compare(daysSinceStart, config.lost_after_days)} lost_after_days ${config.lost_after_days}`;
      return { reason, evidence: [facts.caseRow] };
    },
  },
  overdue: {
    rule:
      'an active case with no counted contact for more than the contact standard for its risk (contact_standards), ' +
      'or never seen and more than first_contact_days since start_date, or no start_date',
    appliesTo: ACTIVE,
    config: (config, record) => ({
      [`contact_standards.${riskKey(record.risk)}`]: config.contact_standards[riskKey(record.risk)],
      first_contact_days: config.first_contact_days,
    }),
    explain: (facts, holds) => {
      const { result, config, daysSinceStart } = facts;
      const standard = `contact_standards.${riskKey(result.risk)} ${result.standard_days}`;
      const overdueBy = holds ? `: ${plural(result.days_overdue, 'day')} overdue` : '';
      if (result.days_since_contact !== null) {
        return { reason: `${lastSeenText(facts)} ${compare(result.days_since_contact, result.standard_days)} ${standard}${overdueBy}`, evidence: seenEvidence(facts) };
      }
      const start = startText(facts);
      const reason =
        daysSinceStart === null ? `never seen; ${start}` : `never seen; ${start} ${compare(daysSinceStart, config.first_contact_days)} first_contact_days ${config.first_contact_days}${overdueBy}`;
      return { reason, evidence: [facts.caseRow] };
    },
  },
  risk_unknown: {
    rule: 'risk is empty or could not be read (the case is treated as high risk)',
    config: noConfig,
    explain: ({ record, caseRow }) => ({ reason: `risk ${record.risk ?? 'empty or unreadable'} (${cite(caseRow)})`, evidence: [caseRow] }),
  },
  assessment_overdue: {
    rule: 'an active case whose last_assessment is empty or more than assessment_review_days old',
    appliesTo: ACTIVE,
    config: (config) => ({ assessment_review_days: config.assessment_review_days }),
    explain: ({ record, caseRow, asOf, config }) => {
      if (record.lastAssessment === null) return { reason: `last_assessment empty (${cite(caseRow)})`, evidence: [caseRow] };
      const days = asOf - record.lastAssessment;
      return {
        reason: `last_assessment ${day(record.lastAssessment)} (${cite(caseRow)}), ${plural(days, 'day')} ${compare(days, config.assessment_review_days)} assessment_review_days ${config.assessment_review_days}`,
        evidence: [caseRow],
      };
    },
  },
  da_check_missing: {
    rule: 'da_flag is yes and da_check is empty (no police domestic-abuse check)',
    config: noConfig,
    explain: ({ record, caseRow }) => ({ reason: `da_flag ${yesNo(record.daFlag)}, da_check ${dateOrEmpty(record.daCheck)} (${cite(caseRow)})`, evidence: [caseRow] }),
  },
  safeguarding_check_missing: {
    rule: "safeguarding_flag is yes and safeguarding_check is empty (no children's services enquiry)",
    config: noConfig,
    explain: ({ record, caseRow }) => ({
      reason: `safeguarding_flag ${yesNo(record.safeguardingFlag)}, safeguarding_check ${dateOrEmpty(record.safeguardingCheck)} (${cite(caseRow)})`,
      evidence: [caseRow],
    }),
  },
  address_unknown: {
    rule: 'address_known is explicitly no (empty means not recorded)',
    config: noConfig,
    explain: ({ record, caseRow }) => ({ reason: `address_known ${yesNo(record.addressKnown)} (${cite(caseRow)})`, evidence: [caseRow] }),
  },
  enforcement_due: {
    rule: `an active case with two or more failed_to_attend contacts in the ${ENFORCEMENT_WINDOW_DAYS} days to the as-of date`,
    appliesTo: ACTIVE,
    config: noConfig,
    explain: ({ evidence, files }) => {
      if (files.contacts === null) return { reason: 'no contacts.csv', evidence: [] };
      const failures = evidence.failures.map((failure) => ({ file: files.contacts!, line: failure.line, what: `failed_to_attend ${day(failure.date)}` }));
      const listed = failures.map((failure) => `${failure.what.replace('failed_to_attend ', '')} (${cite(failure)})`).join(', ');
      const reason = `${plural(failures.length, 'failed_to_attend contact')} in ${ENFORCEMENT_WINDOW_DAYS} days${listed === '' ? '' : `: ${listed}`}; ${failures.length >= 2 ? '≥' : '<'} 2`;
      return { reason, evidence: failures };
    },
  },
  sentence_expired: {
    rule: 'an active case whose end_date is before the as-of date',
    appliesTo: ACTIVE,
    config: noConfig,
    explain: ({ record, caseRow, asOf }) => ({
      reason:
        record.endDate === null
          ? `end_date empty (${cite(caseRow)})`
          : `end_date ${day(record.endDate)} (${cite(caseRow)}) is ${record.endDate < asOf ? 'before' : 'on or after'} the as-of date ${day(asOf)}`,
      evidence: [caseRow],
    }),
  },
  invalid_data: {
    rule: "a value in the case's row could not be read (it is read as empty, and an issue names it)",
    config: noConfig,
    explain: ({ evidence, caseRow }) => {
      const invalid = evidence.issues.filter((issue) => issue.code !== 'duplicate_record');
      const cited = invalid.map((issue) => ({ file: caseRow.file, line: issue.line, what: issue.message }));
      return {
        reason: cited.length === 0 ? `every value of the row could be read (${cite(caseRow)})` : cited.map((issue) => `${cite(issue)}: ${issue.what}`).join('; '),
        evidence: cited.length === 0 ? [caseRow] : cited,
      };
    },
  },
  duplicate_record: {
    rule: 'the crn is listed more than once in offenders.csv; the later row is read',
    config: noConfig,
    explain: ({ evidence, caseRow }) => {
      const duplicates = evidence.issues.filter((issue) => issue.code === 'duplicate_record');
      const cited = duplicates.map((issue) => ({ file: caseRow.file, line: issue.line, what: issue.message }));
      return {
        reason: cited.length === 0 ? `listed once (${cite(caseRow)})` : cited.map((issue) => `${cite(issue)}: ${issue.what}`).join('; '),
        evidence: cited.length === 0 ? [caseRow] : cited,
      };
    },
  },
  warrant: {
    rule: 'the case status is warrant (a warrant is out): allocation checks still apply, contact standards do not',
    config: noConfig,
    explain: ({ record, caseRow }) => ({ reason: `status ${record.status} (${cite(caseRow)})`, evidence: [caseRow] }),
  },
  reset_exempt: {
    rule:
      'the case is marked for Probation Reset (reset column yes, an S tier, or inferred with reset.infer) but an exemption applies ' +
      '(risk very_high, MAPPA level 1 or more, a child safeguarding concern): supervision should resume, and the contact standard still applies',
    appliesTo: ACTIVE,
    config: (config) => ({ 'reset.infer': config.reset.infer, 'reset.sentence_types': config.reset.sentence_types }),
    explain: (facts, holds) => {
      const { record, caseRow, result } = facts;
      if (holds) return { reason: `${resetReason(facts)}, exempt: ${exemptions(record).join(', ')}`, evidence: [caseRow] };
      if (result.reset) return { reason: `${resetReason(facts)}, no exemption applies: in reset`, evidence: [caseRow] };
      return { reason: `not marked for reset (reset column ${record.resetMarked ? 'yes' : 'no or empty'}, tier ${record.tier ?? 'empty'}) (${cite(caseRow)})`, evidence: [caseRow] };
    },
  },
};

/** The flags the contact standard sets, which a case in Probation Reset is not held to. */
const CONTACT_STANDARD_FLAGS = new Set<CaseFlag>(['overdue', 'not_seen', 'never_seen']);

/** `marked by tier B2S (offenders.csv:12)`: why a case counts as marked for the reset. */
function resetReason({ record, caseRow, config, asOf }: FlagFacts): string {
  const marks: string[] = [];
  if (record.resetMarked) marks.push('reset column yes');
  if (record.tier?.endsWith('S')) marks.push(`tier ${record.tier}`);
  const date = resetDate(record);
  if (marks.length === 0 && config.reset.infer && date !== null && asOf >= date) {
    marks.push(`inferred: sentence_type ${record.sentenceType}, reset_date ${day(date)} (reset.infer)`);
  }
  return `marked by ${marks.join(' and ')} (${cite(caseRow)})`;
}

/** Which exemptions apply to a marked case: very high risk, MAPPA, child safeguarding. */
function exemptions(record: CaseRecord): string[] {
  const found: string[] = [];
  if (record.risk === 'very_high') found.push('risk very_high');
  if (record.mappaLevel === null) found.push('mappa_level unreadable (treated as MAPPA)');
  else if (record.mappaLevel >= 1) found.push(`MAPPA level ${record.mappaLevel}`);
  if (record.safeguardingFlag) found.push('safeguarding_flag yes');
  return found;
}

/** The last counted contact: from contacts.csv, or the last_contact column when that is later. */
function lastSeenEvidence(input: ExplainInput, caseRow: Evidence): Evidence | null {
  const { record, evidence, files } = input;
  const fromLog = evidence.lastContact;
  if (fromLog !== null && files.contacts !== null && (record.lastContact === null || fromLog.date >= record.lastContact)) {
    const outcome = fromLog.outcome === '' ? '' : `${fromLog.outcome} `;
    return { file: files.contacts, line: fromLog.line, what: `last ${outcome}contact ${day(fromLog.date)}` };
  }
  if (record.lastContact !== null) return { ...caseRow, what: `last_contact ${day(record.lastContact)}` };
  return null;
}

/** The rules re-run on the one case, from its evidence, each flag's condition traced. */
function traceRules(input: ExplainInput): { rerun: CaseResult; holds: Map<CaseFlag, boolean> } {
  const { record, officer, config, evidence, files } = input;
  const history = { lastContact: evidence.lastContact?.date ?? null, failedToAttend: evidence.failures.length };
  const contacts: ContactLookup | null = files.contacts === null ? null : { get: (crn) => (crn === record.crn ? history : undefined) };
  const context: CaseContext = {
    asOf: input.asOf,
    config,
    officers: new Map(officer === null ? [] : [[officer.officerId, officer]]),
    contacts,
    skipped: new Set(input.checksSkipped.map((entry) => entry.check)),
    unallocatedPattern: config.unallocated_pattern === null ? null : new RegExp(config.unallocated_pattern),
  };
  const holds = new Map<CaseFlag, boolean>();
  const rerun = analyseCase(record, context, undefined, (code, when) => holds.set(code, when));
  return { rerun, holds };
}

function summaryOf(flags: readonly CaseFlag[]): string {
  const lost = flags.filter(isLostFlag);
  const warnings = flags.filter((code) => !isLostFlag(code));
  const parts = [];
  if (lost.length > 0) parts.push(`lost (${lost.join(', ')})`);
  if (warnings.length > 0) parts.push(`warnings: ${warnings.join(', ')}`);
  return parts.length === 0 ? 'not flagged' : parts.join('; ');
}

/** Why one case is flagged, or not: every case flag with its rule, config value and evidence. */
export function explainCase(input: ExplainInput): CaseExplanation {
  const { record, officer, files, config, result } = input;
  const caseRow: Evidence = { file: files.offenders, line: record.line, what: `case ${record.crn}` };
  const officerRow: Evidence | null = officer === null ? null : { file: files.officers, line: officer.line, what: `officer ${officer.officerId}` };
  const base = {
    crn: record.crn,
    name: record.name,
    status: record.status,
    risk: record.risk,
    officer_id: record.officerId,
    officer_name: officer?.name ?? null,
  };
  if (result === null) {
    return {
      ...base,
      analysed: false,
      summary: 'terminated: read and counted, but left out of the analysis, so no flag applies',
      priority: null,
      last_contact: null,
      days_since_contact: null,
      standard_days: null,
      overdue: false,
      days_overdue: 0,
      lost: false,
      flags: [],
      evidence: [caseRow],
      rules: [],
    };
  }
  const { rerun, holds } = traceRules(input);
  const lastSeen = lastSeenEvidence(input, caseRow);
  const facts: FlagFacts = {
    asOf: input.asOf,
    config,
    record,
    officer,
    result: rerun,
    evidence: input.evidence,
    files,
    caseRow,
    officerRow,
    lastSeen,
    daysSinceStart: record.startDate === null ? null : input.asOf - record.startDate,
  };
  const skipped = new Map(input.checksSkipped.map((entry) => [entry.check as string, entry]));
  const rules = CASE_FLAGS.map((code): FlagExplanation => {
    const rule = FLAG_RULES[code];
    const traced = holds.get(code);
    const skip = skipped.get(code);
    // Keys in one order whatever the state: flag, what became of it, the rule, then why.
    const entry = (state: FlagState, why: { reason: string; evidence: Evidence[] }): FlagExplanation => ({
      flag: code,
      lost: isLostFlag(code),
      set: state === 'set',
      state,
      rule: rule.rule,
      config: rule.config(config, record),
      reason: why.reason,
      evidence: why.evidence,
    });
    if (skip !== undefined) return entry('skipped', { reason: `check skipped: no ${skip.missing.join(' or ')}`, evidence: [] });
    // In Probation Reset the contact standard is lifted, as in custody: say so rather than compare days.
    if (rerun.reset && CONTACT_STANDARD_FLAGS.has(code)) {
      return entry('not_applicable', { reason: `in Probation Reset: ${resetReason(facts)}; no contact standard applies`, evidence: [caseRow] });
    }
    // A rule the case's status takes out of play is not applicable, rather than merely not set.
    if (traced === undefined || (!traced && rule.appliesTo !== undefined && !rule.appliesTo.includes(record.status))) {
      const statuses = (rule.appliesTo ?? []).join(' and ');
      return entry('not_applicable', { reason: `applies to ${statuses} cases; this case is ${record.status} (${cite(caseRow)})`, evidence: [caseRow] });
    }
    return entry(traced ? 'set' : 'not_set', rule.explain(facts, traced));
  });
  return {
    ...base,
    analysed: true,
    summary: summaryOf(rerun.flags),
    priority: result.priority,
    last_contact: rerun.last_contact,
    days_since_contact: rerun.days_since_contact,
    standard_days: rerun.standard_days,
    overdue: rerun.overdue,
    days_overdue: rerun.days_overdue,
    lost: rerun.lost,
    flags: rerun.flags,
    evidence: [caseRow, ...(officerRow === null ? [] : [officerRow]), ...(lastSeen === null || lastSeen.file === caseRow.file ? [] : [lastSeen])],
    rules,
  };
}
