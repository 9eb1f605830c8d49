/** SPEC 2.1: each case's contact, overdue, lost and warning flags, and its priority. */
import type { Config } from '../config/schema.js';
import type { CaseRecord, ContactHistory, ContactLookup, OfficerRecord } from '../read/records.js';
import { formatDay, type Day, type Risk } from '../read/values.js';
import { CASE_FLAGS, LOST_FLAGS, type CaseFlag } from './flags.js';
import type { CaseResult, RiskKey } from './report.js';
import { compareText } from './compare.js';
import { stableOrder } from './order.js';

/** The order cases rank by risk: an unassessed case sits with the high ones. */
const RISK_RANK: Record<RiskKey, number> = { very_high: 0, high: 1, unknown: 2, medium: 3, low: 4 };

export function riskKey(risk: Risk | null): RiskKey {
  return risk ?? 'unknown';
}

/** Officer statuses that mean at work; `left` is its own state, anything else is an absence. */
export function isAbsence(status: string): boolean {
  return status !== 'active' && status !== 'left';
}

export interface CaseContext {
  readonly asOf: Day;
  readonly config: Config;
  readonly officers: ReadonlyMap<string, OfficerRecord>;
  readonly contacts: ContactLookup | null;
  readonly skipped: ReadonlySet<string>;
  readonly unallocatedPattern: RegExp | null;
}

export function isUnallocated(officerId: string | null, pattern: RegExp | null): boolean {
  return officerId === null || (pattern !== null && pattern.test(officerId));
}

/** Days from `from` to `to`; positive when `from` is earlier. */
const daysBetween = (from: Day, to: Day): number => to - from;

/** `Community Order`, `community-order` → `community_order`: sentence types compare as config spells them. */
const sentenceKey = (text: string): string => text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** The first day of the final third: start_date + floor(2 × (end_date − start_date) / 3); null without both. */
export function resetDate(record: Pick<CaseRecord, 'startDate' | 'endDate'>): Day | null {
  if (record.startDate === null || record.endDate === null) return null;
  return record.startDate + Math.floor((2 * (record.endDate - record.startDate)) / 3);
}

export interface ResetState {
  /** Marked by the reset column, an `S` tier, or inferred (reset.infer). */
  readonly marked: boolean;
  /** Very high risk, MAPPA (level 1 or more, or an unreadable level), or a child safeguarding concern. */
  readonly exempt: boolean;
  /** Marked and not exempt: no contact standard. */
  readonly inReset: boolean;
  readonly resetDate: Day | null;
}

/**
 * Probation Reset (SPEC 2.1). An unreadable mappa_level (null) counts as possibly MAPPA, so
 * exempt: a case that may be MAPPA-managed must not lose its contact standard on a typo.
 */
export function resetState(
  record: Pick<CaseRecord, 'status' | 'resetMarked' | 'tier' | 'sentenceType' | 'startDate' | 'endDate' | 'risk' | 'mappaLevel' | 'safeguardingFlag'>,
  asOf: Day,
  config: Pick<Config, 'reset'>,
): ResetState {
  const date = resetDate(record);
  const inferred =
    config.reset.infer &&
    record.sentenceType !== null &&
    config.reset.sentence_types.some((type) => sentenceKey(type) === sentenceKey(record.sentenceType!)) &&
    date !== null &&
    asOf >= date;
  const marked = record.status === 'active' && (record.resetMarked || (record.tier?.endsWith('S') ?? false) || inferred);
  const exempt = record.risk === 'very_high' || record.mappaLevel === null || record.mappaLevel >= 1 || record.safeguardingFlag;
  return { marked, exempt, inReset: marked && !exempt, resetDate: date };
}
/** Told of every flag rule the case is checked against, and whether its condition holds (before checks_skipped). */
export type FlagTrace = (code: CaseFlag, holds: boolean) => void;

/** What opening a case needs: everything of CaseContext but the contacts and the skipped checks. */
export type OpenContext = Pick<CaseContext, 'asOf' | 'config' | 'officers' | 'unallocatedPattern'>;

/** Where openCase leaves the bits of the rules that hold so far (flagBit), for closeCase. */
export interface OpenRules {
  holds: number;
}

/** An opened case's flags until closeCase sets them. */
const EMPTY_FLAGS: CaseFlag[] = Object.freeze([]) as unknown as CaseFlag[];

/**
 * One case's result, priority still 0 (ranking needs every case). `position` is the case's
 * place in Exports.cases, which lets the contacts fold answer without a lookup by crn.
 * `trace` lets `explain` follow the very rules that set the flags, rather than restate them.
 */
export function analyseCase(record: CaseRecord, context: CaseContext, position?: number, trace?: FlagTrace): CaseResult {
  const result = openCase(record, context, SCRATCH, trace);
  closeCase(result, record, SCRATCH.holds, contactHistory(record, context.contacts, position), context, trace);
  return result;
}
/** openCase's rules for the one case analyseCase is on (it runs start to end without a pause). */
const SCRATCH: OpenRules = { holds: 0 };

/** The case's contacts: by its position where the lookup keeps the cases' order, else by crn. */
export function contactHistory(record: CaseRecord, contacts: ContactLookup | null, position?: number): ContactHistory | undefined {
  return contacts === null ? undefined : position !== undefined && contacts.at ? contacts.at(position) : contacts.get(record.crn);
}

/**
 * A case's result from its own row and its officer alone, before contacts.csv is read: every
 * field but the seven its contacts decide (last_contact, days_since_contact, overdue,
 * days_overdue, lost, flags, next_contact_due), which closeCase sets. So the larger half of the
 * analysis can run while another thread is still reading contacts.csv (cli/run.ts). The rules
 * that hold so far are left in `rules.holds`.
 */
export function openCase(record: CaseRecord, context: OpenContext, rules: OpenRules, trace?: FlagTrace): CaseResult {
  const { asOf, config } = context;
  const standardDays = config.contact_standards[riskKey(record.risk)];
  const daysSinceStart = record.startDate === null ? null : daysBetween(record.startDate, asOf);
  const active = record.status === 'active';
  const reset = resetState(record, asOf, config);

  const officer = record.officerId === null ? undefined : context.officers.get(record.officerId);
  // The rules that hold, a bit each (flagBit); the skipped checks are masked out by closeCase.
  let holds = 0;

  // Lost: the allocation checks hold for warrant cases too; custody cases are out of reach.
  if (active || record.status === 'warrant') {
    const unallocated = isUnallocated(record.officerId, context.unallocatedPattern);
    holds |= rule('unallocated', unallocated, trace);
    holds |= rule('unknown_officer', !unallocated && officer === undefined, trace);
    holds |= rule('officer_left', officer?.status === 'left', trace);
    holds |= rule(
      'officer_absent',
      officer !== undefined &&
        isAbsence(officer.status) &&
        (officer.statusSince === null || daysBetween(officer.statusSince, asOf) > config.absent_after_days),
      trace,
    );
  }
  holds |= rule('risk_unknown', record.risk === null, trace);
  holds |= rule(
    'assessment_overdue',
    active && (record.lastAssessment === null || daysBetween(record.lastAssessment, asOf) > config.assessment_review_days),
    trace,
  );
  holds |= rule('da_check_missing', record.daFlag && record.daCheck === null, trace);
  holds |= rule('safeguarding_check_missing', record.safeguardingFlag && record.safeguardingCheck === null, trace);
  holds |= rule('address_unknown', record.addressKnown === false, trace);
  holds |= rule('sentence_expired', active && record.endDate !== null && record.endDate < asOf, trace);
  holds |= rule('invalid_data', record.invalidData, trace);
  holds |= rule('duplicate_record', record.duplicateRecord, trace);
  holds |= rule('warrant', record.status === 'warrant', trace);
  holds |= rule('reset_exempt', reset.marked && reset.exempt, trace);
  rules.holds = holds;

  // Due dates (SPEC 2.1); the next contact's is closeCase's, which knows the last contact.
  const assessmentDue = active && record.lastAssessment !== null ? record.lastAssessment + config.assessment_review_days : null;

  return {
    crn: record.crn,
    name: record.name,
    officer_id: record.officerId,
    officer_name: officer?.name ?? null,
    // The officer's team and PDU; the case's own columns only when it has no known officer.
    team: officer === undefined ? record.team : officer.team,
    pdu: officer === undefined ? record.pdu : officer.pdu,
    manager_id: officer?.managerId ?? null,
    risk: record.risk,
    tier: record.tier,
    sentence_type: record.sentenceType,
    status: record.status as CaseResult['status'],
    start_date: record.startDate === null ? null : formatDay(record.startDate),
    end_date: record.endDate === null ? null : formatDay(record.endDate),
    last_contact: null,
    days_since_contact: null,
    days_since_start: daysSinceStart,
    standard_days: standardDays,
    overdue: false,
    days_overdue: 0,
    lost: false,
    flags: EMPTY_FLAGS,
    da_flag: record.daFlag,
    safeguarding_flag: record.safeguardingFlag,
    priority: 0,
    line: record.line,
    reset: reset.inReset,
    reset_date: reset.resetDate === null ? null : formatDay(reset.resetDate),
    next_contact_due: null,
    assessment_due: assessmentDue === null ? null : formatDay(assessmentDue),
    ends_in_days: record.endDate === null ? null : daysBetween(asOf, record.endDate),
  };
}

/**
 * Sets the fields of an opened case (openCase) that its contacts decide, from its `history`
 * in contacts.csv; `holds`: the rules openCase found to hold.
 */
export function closeCase(
  result: CaseResult,
  record: CaseRecord,
  holds: number,
  history: ContactHistory | undefined,
  context: Pick<CaseContext, 'asOf' | 'config' | 'skipped'>,
  trace?: FlagTrace,
): void {
  const { asOf, config, skipped } = context;
  const lastContact = latest(record.lastContact, history?.lastContact ?? null);
  const daysSinceContact = lastContact === null ? null : daysBetween(lastContact, asOf);
  const standardDays = result.standard_days;
  const daysSinceStart = result.days_since_start;
  const active = result.status === 'active';
  const contactKnown = !skipped.has('overdue');
  // In reset the contact standard does not apply, as for custody; allocation flags still do.
  const heldToStandard = active && !result.reset;

  let daysOverdue = 0;
  let overdue = false;
  if (heldToStandard && contactKnown) {
    if (daysSinceContact !== null) {
      overdue = daysSinceContact > standardDays;
      if (overdue) daysOverdue = daysSinceContact - standardDays;
    } else {
      overdue = daysSinceStart === null || daysSinceStart > config.first_contact_days;
      if (overdue && daysSinceStart !== null) daysOverdue = daysSinceStart - config.first_contact_days;
    }
  }

  let flagged = holds;
  if (heldToStandard) {
    flagged |= rule('not_seen', daysSinceContact !== null && daysSinceContact > config.lost_after_days, trace);
    flagged |= rule('never_seen', lastContact === null && (daysSinceStart === null || daysSinceStart > config.lost_after_days), trace);
  }
  flagged |= rule('overdue', overdue, trace);
  flagged |= rule('enforcement_due', active && (history?.failedToAttend ?? 0) >= 2, trace);
  flagged &= ~skippedMask(skipped);

  // Due dates (SPEC 2.1). With no contact data at all nobody has a known last contact, so no
  // contact date is made up from the start date.
  const contactBase = lastContact !== null ? lastContact + standardDays : record.startDate === null ? null : record.startDate + config.first_contact_days;
  const nextContactDue = heldToStandard && contactKnown ? contactBase : null;

  result.last_contact = lastContact === null ? null : formatDay(lastContact);
  result.days_since_contact = daysSinceContact;
  result.overdue = overdue;
  result.days_overdue = daysOverdue;
  result.lost = (flagged & LOST_BITS) !== 0;
  result.flags = flagList(flagged);
  result.next_contact_due = nextContactDue === null ? null : formatDay(nextContactDue);
}

/** Each case flag's bit in a set of flags (18 flags; a 32-bit set holds 31). */
const FLAG_BIT = Object.fromEntries(CASE_FLAGS.map((code, at) => [code, 1 << at])) as Record<CaseFlag, number>;
const LOST_BITS = LOST_FLAGS.reduce((bits, code) => bits | FLAG_BIT[code], 0);

/** A flag rule's bit when its condition holds, else 0; told to `trace` either way. */
function rule(code: CaseFlag, holds: boolean, trace: FlagTrace | undefined): number {
  trace?.(code, holds);
  return holds ? FLAG_BIT[code] : 0;
}

/** The bits of the skipped checks; a report's cases share one set, so the last mask is kept. */
let lastSkipped: ReadonlySet<string> | null = null;
let lastSkippedMask = 0;
function skippedMask(skipped: ReadonlySet<string>): number {
  if (skipped !== lastSkipped) {
    lastSkippedMask = CASE_FLAGS.reduce((bits, code) => (skipped.has(code) ? bits | FLAG_BIT[code] : bits), 0);
    lastSkipped = skipped;
  }
  return lastSkippedMask;
}

/**
 * The flags of a set, sorted as text: one frozen array per set, shared by every case that has
 * it (a national export has a few hundred sets among a quarter of a million cases), so
 * analysis neither sorts nor keeps an array per case.
 */
const flagLists = new Map<number, CaseFlag[]>();
function flagList(flagged: number): CaseFlag[] {
  let list = flagLists.get(flagged);
  if (list === undefined) {
    list = Object.freeze(CASE_FLAGS.filter((code) => (flagged & FLAG_BIT[code]) !== 0).sort()) as CaseFlag[];
    flagLists.set(flagged, list);
  }
  return list;
}

function latest(a: Day | null, b: Day | null): Day | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

const DAY_SPAN = 2 ** 20; // more days than any export spans (2,870 years)
const clampDays = (days: number): number => Math.min(Math.max(days, 0), DAY_SPAN - 2);

/**
 * The SPEC's order up to the crn as one number per case, smaller first, so a national sort
 * compares numbers rather than walking five fields: lost and risk, then days overdue and days
 * since contact, each part below the next part's unit. The units are just wide enough for
 * these cases' days, so the keys stay small and sort natively (order.ts). One walk over the
 * cases takes the parts; a second over typed arrays makes the keys.
 */
function priorityKeys(cases: readonly CaseResult[]): Float64Array {
  const count = cases.length;
  const ranks = new Uint8Array(count);
  const overdueDays = new Int32Array(count);
  const unseenDays = new Int32Array(count); // -1: never seen
  let longestOverdue = 0;
  let longestUnseen = 0;
  for (let at = 0; at < count; at++) {
    const result = cases[at]!;
    ranks[at] = (result.lost ? 0 : 8) + RISK_RANK[riskKey(result.risk)];
    const overdue = clampDays(result.days_overdue);
    overdueDays[at] = overdue;
    if (overdue > longestOverdue) longestOverdue = overdue;
    const unseen = result.days_since_contact === null ? -1 : clampDays(result.days_since_contact);
    unseenDays[at] = unseen;
    if (unseen > longestUnseen) longestUnseen = unseen;
  }
  const overdueUnit = longestOverdue + 1;
  const unseenUnit = longestUnseen + 2; // 0 is kept for never seen
  const keys = new Float64Array(count);
  for (let at = 0; at < count; at++) {
    const overdueRank = overdueUnit - 1 - overdueDays[at]!; // most overdue first
    const unseenRank = unseenDays[at] === -1 ? 0 : unseenUnit - 1 - unseenDays[at]!; // never seen first, then the longest since contact
    keys[at] = (ranks[at]! * overdueUnit + overdueRank) * unseenUnit + unseenRank;
  }
  return keys;
}

/**
 * The cases' positions in crn order (UTF-16 code units, ties in their given order); undefined
 * when they are in crn order already, as an export sorted by crn is.
 */
function crnOrder(cases: readonly CaseResult[]): Int32Array | undefined {
  let sorted = true;
  for (let at = 1; at < cases.length && sorted; at++) sorted = compareText(cases[at - 1]!.crn, cases[at]!.crn) <= 0;
  if (sorted) return undefined;
  const crns = cases.map((result) => result.crn);
  return Int32Array.from(crns.map((_, at) => at).sort((a, b) => compareText(crns[a]!, crns[b]!) || a - b));
}

/**
 * Priority order (SPEC 2.1): lost first, then risk, then days overdue and days since contact
 * (never seen first), both descending, then crn. Sorts in place and numbers the cases 1, 2, 3, …
 */
export function rankCases(cases: CaseResult[]): CaseResult[] {
  const count = cases.length;
  // A stable sort of the priority keys from crn order leaves equal keys in crn order.
  const order = stableOrder(priorityKeys(cases), crnOrder(cases));
  // Each case is numbered in the order the cases sit in memory (the order they were made): a
  // walk in priority order waits on memory at every case.
  const rankOf = new Int32Array(count);
  for (let rank = 0; rank < count; rank++) rankOf[order[rank]!] = rank + 1;
  for (let at = 0; at < count; at++) cases[at]!.priority = rankOf[at]!;
  const ranked = cases.slice();
  for (let rank = 0; rank < count; rank++) cases[rank] = ranked[order[rank]!]!;
  return cases;
}
