/**
 * Week over week: what is new, resolved and still open between two analysed exports. Pure, like
 * the rest of the analysis: two Reports in, one DiffReport out.
 */
import { z } from 'zod';
import { RISKS } from '../read/values.js';
import { CASE_FLAGS, type CaseFlag, type CaseResult, type OfficerResult, type Report } from './report.js';
import { roundTo } from './officers.js';
import { compareText } from './compare.js';

export const CASE_CHANGE_KINDS = ['appeared', 'disappeared', 'changed', 'unchanged'] as const;
export type CaseChangeKind = (typeof CASE_CHANGE_KINDS)[number];

/**
 * How an officer's place on the roster changed: left, went absent (sick, leave, suspended…),
 * returned (from an absence, or came back after leaving), joined (not on the previous roster)
 * or removed (on the previous roster, not on this one).
 */
export const OFFICER_STATUS_CHANGES = ['left', 'absent', 'returned', 'joined', 'removed'] as const;
export type OfficerStatusChange = (typeof OFFICER_STATUS_CHANGES)[number];
const statusChangeSchema = z
  .enum(OFFICER_STATUS_CHANGES)
  .describe('left, absent (sick, leave, suspended…), returned (from an absence, or back after leaving), joined (not on the previous roster) or removed (not on this one)');

const caseFlagList = (what: string) => z.array(z.enum(CASE_FLAGS).describe('A case flag')).describe(what);

export const caseChangeSchema = z
  .object({
    crn: z.string().describe('Case reference number'),
    name: z.string().nullable().describe('Name of the person on probation; null when not recorded or with --redact'),
    change: z.enum(CASE_CHANGE_KINDS).describe('appeared (new this week), disappeared (gone: terminated or no longer in the export), changed (reallocated, or a flag new or resolved), unchanged'),
    officer_id: z.string().nullable().describe('Responsible officer now; null when unallocated or gone'),
    previous_officer_id: z.string().nullable().describe('Responsible officer in the previous export; null when unallocated or new'),
    reallocated: z.boolean().describe('In both exports with a different officer_id'),
    team: z.string().nullable().describe("The case's team (the previous one for a gone case)"),
    risk: z.enum(RISKS).nullable().describe('Risk of serious harm; null when empty or unreadable'),
    lost: z.boolean().describe('Lost now'),
    was_lost: z.boolean().describe('Lost in the previous export'),
    overdue: z.boolean().describe('Overdue now'),
    was_overdue: z.boolean().describe('Overdue in the previous export'),
    flags_new: caseFlagList('Flags set now and not before'),
    flags_resolved: caseFlagList('Flags set before and not now'),
    flags_open: caseFlagList('Flags set in both exports'),
    priority: z.number().int().nullable().describe('Priority in the current export; null for a case that has gone'),
    officer_status_change: statusChangeSchema.nullable().describe("How the roster status of the case's officer (its previous one, for a gone case) changed; null when it did not"),
  })
  .describe('One case compared between the two exports');
export type CaseChange = z.output<typeof caseChangeSchema>;

export const officerChangeSchema = z
  .object({
    officer_id: z.string().describe('Staff code'),
    name: z.string().nullable().describe("The officer's name; null when not recorded or with --redact"),
    team: z.string().nullable().describe('Team'),
    status: z.string().nullable().describe('Roster status now; null when not on this roster'),
    previous_status: z.string().nullable().describe('Roster status in the previous export; null when not on that roster'),
    status_change: statusChangeSchema.nullable().describe('How the status changed; null when it did not'),
    caseload: z.number().int().nullable().describe('Caseload now; null when not in this export'),
    previous_caseload: z.number().int().nullable().describe('Caseload in the previous export; null when not in it'),
    caseload_change: z.number().int().describe('caseload minus previous_caseload (a missing one counts 0)'),
    capacity_pct: z.number().nullable().describe('Capacity used now, one decimal; null without a capacity'),
    previous_capacity_pct: z.number().nullable().describe('Capacity used in the previous export; null without a capacity'),
    capacity_change: z.number().nullable().describe('capacity_pct minus previous_capacity_pct; null unless both are known'),
  })
  .describe("An officer whose status or caseload changed");
export type OfficerChange = z.output<typeof officerChangeSchema>;

const flagCounts = (what: string) =>
  z.object(Object.fromEntries(CASE_FLAGS.map((code) => [code, z.number().int().min(0).describe(`Cases with ${code} ${what}`)])) as Record<CaseFlag, z.ZodNumber>).describe(`Cases per flag ${what}`);
const tally = (what: string) => z.number().int().min(0).describe(what);

export const diffSummarySchema = z
  .object({
    cases: tally('Cases analysed now'),
    previous_cases: tally('Cases analysed in the previous export'),
    changed: tally('Cases with news: appeared, gone, reallocated, or a flag new or resolved'),
    appeared: tally('Cases new this week'),
    disappeared: tally('Cases gone since the previous export'),
    reallocated: tally('Cases with a different officer'),
    newly_lost: tally('Cases lost now and not before'),
    still_lost: tally('Cases lost in both exports'),
    no_longer_lost: tally('Cases lost before and not now'),
    newly_overdue: tally('Cases overdue now and not before'),
    flags_new: flagCounts('newly set'),
    flags_resolved: flagCounts('resolved'),
    officers_left: tally('Officers who left since the previous export'),
    officers_absent: tally('Officers who went absent'),
    officers_returned: tally('Officers who returned'),
    officers_joined: tally('Officers not on the previous roster'),
    officers_removed: tally('Officers no longer on the roster'),
  })
  .describe('Counts of what changed between the two exports');
export type DiffSummary = z.output<typeof diffSummarySchema>;

export interface DiffReport {
  previous_as_of: string;
  summary: DiffSummary;
  /** Cases with news only: appeared, gone, reallocated, or a flag new or resolved. */
  cases: CaseChange[];
  /** Cases without news, listed apart: those still lost (every unchanged case when `all`). */
  unchanged: CaseChange[];
  officers: OfficerChange[];
}


function compareChange(previous: CaseResult | undefined, current: CaseResult | undefined): CaseChange {
  const shown = (current ?? previous)!;
  const before = new Set(previous?.flags ?? []);
  const now = new Set(current?.flags ?? []);
  const flagsNew = (current?.flags ?? []).filter((code) => !before.has(code));
  const flagsResolved = (previous?.flags ?? []).filter((code) => !now.has(code));
  const flagsOpen = (current?.flags ?? []).filter((code) => before.has(code));
  const reallocated = previous !== undefined && current !== undefined && previous.officer_id !== current.officer_id;
  const change: CaseChangeKind =
    previous === undefined
      ? 'appeared'
      : current === undefined
        ? 'disappeared'
        : flagsNew.length > 0 || flagsResolved.length > 0 || reallocated
          ? 'changed'
          : 'unchanged';
  return {
    crn: shown.crn,
    name: shown.name,
    change,
    officer_id: current?.officer_id ?? null,
    previous_officer_id: previous?.officer_id ?? null,
    reallocated,
    team: shown.team,
    risk: shown.risk,
    lost: current?.lost ?? false,
    was_lost: previous?.lost ?? false,
    overdue: current?.overdue ?? false,
    was_overdue: previous?.overdue ?? false,
    flags_new: flagsNew,
    flags_resolved: flagsResolved,
    flags_open: flagsOpen,
    priority: current?.priority ?? null,
    officer_status_change: null,
  };
}

/** What became of an officer between two rosters; null statuses mean not on that roster. */
export function statusChange(was: string | null, is: string | null): OfficerStatusChange | null {
  if (was === is) return null;
  if (was === null) return 'joined';
  if (is === null) return 'removed';
  if (is === 'left') return 'left';
  if (is === 'active') return 'returned';
  // From active, from having left, or from one kind of absence to another (sick → suspended).
  return 'absent';
}

function officerChanges(previous: readonly OfficerResult[], current: readonly OfficerResult[]): OfficerChange[] {
  const before = new Map(previous.map((officer) => [officer.officer_id, officer]));
  const now = new Map(current.map((officer) => [officer.officer_id, officer]));
  const ids = [...new Set([...before.keys(), ...now.keys()])];
  const changes: OfficerChange[] = [];
  for (const officerId of ids) {
    const was = before.get(officerId);
    const is = now.get(officerId);
    const caseloadChange = (is?.caseload ?? 0) - (was?.caseload ?? 0);
    const wasPct = was?.capacity_pct ?? null;
    const isPct = is?.capacity_pct ?? null;
    const capacityChange = wasPct === null || isPct === null ? null : roundTo(isPct - wasPct, 1);
    // An officer absent from the analysis is not on the roster, as is one only named by cases.
    const wasStatus = was?.status ?? null;
    const isStatus = is?.status ?? null;
    const changed = statusChange(wasStatus, isStatus);
    if (was !== undefined && is !== undefined && caseloadChange === 0 && wasPct === isPct && wasStatus === isStatus) continue;
    changes.push({
      officer_id: officerId,
      name: (is ?? was)!.name,
      team: (is ?? was)!.team,
      status: isStatus,
      previous_status: wasStatus,
      status_change: changed,
      caseload: is?.caseload ?? null,
      previous_caseload: was?.caseload ?? null,
      caseload_change: caseloadChange,
      capacity_pct: isPct,
      previous_capacity_pct: wasPct,
      capacity_change: capacityChange,
    });
  }
  // Status changes first (a leaver is news however few cases), then the largest moves.
  return changes.sort(
    (a, b) =>
      Number(b.status_change !== null) - Number(a.status_change !== null) ||
      Math.abs(b.caseload_change) - Math.abs(a.caseload_change) ||
      Math.abs(b.capacity_change ?? 0) - Math.abs(a.capacity_change ?? 0) ||
      compareText(a.officer_id, b.officer_id),
  );
}

const zeroCounts = (): Record<CaseFlag, number> => Object.fromEntries(CASE_FLAGS.map((code) => [code, 0])) as Record<CaseFlag, number>;

export function diffReports(previous: Report, current: Report, options: { all?: boolean } = {}): DiffReport {
  const before = new Map(previous.cases.map((result) => [result.crn, result]));
  const now = new Set(current.cases.map((result) => result.crn));
  // Current cases in priority order, then the cases that have gone, by crn.
  const changes = [
    ...current.cases.map((result) => compareChange(before.get(result.crn), result)),
    ...previous.cases
      .filter((result) => !now.has(result.crn))
      .sort((a, b) => compareText(a.crn, b.crn))
      .map((result) => compareChange(result, undefined)),
  ];

  const flagsNew = zeroCounts();
  const flagsResolved = zeroCounts();
  for (const change of changes) {
    for (const code of change.flags_new) flagsNew[code]++;
    for (const code of change.flags_resolved) flagsResolved[code]++;
  }
  const count = (test: (change: CaseChange) => boolean): number => changes.filter(test).length;
  const officers = officerChanges(previous.officers, current.officers);
  const officersWith = (kind: OfficerStatusChange): number => officers.filter((officer) => officer.status_change === kind).length;
  const statusChanges = new Map(officers.map((officer) => [officer.officer_id, officer.status_change]));
  for (const change of changes) {
    const officerId = change.officer_id ?? change.previous_officer_id;
    change.officer_status_change = officerId === null ? null : (statusChanges.get(officerId) ?? null);
  }
  const withNews = changes.filter((change) => change.change !== 'unchanged');
  return {
    previous_as_of: previous.as_of,
    summary: {
      cases: current.cases.length,
      previous_cases: previous.cases.length,
      changed: withNews.length,
      appeared: count((change) => change.change === 'appeared'),
      disappeared: count((change) => change.change === 'disappeared'),
      reallocated: count((change) => change.reallocated),
      newly_lost: count((change) => change.lost && !change.was_lost),
      still_lost: count((change) => change.lost && change.was_lost),
      no_longer_lost: count((change) => !change.lost && change.was_lost && change.change !== 'disappeared'),
      newly_overdue: count((change) => change.overdue && !change.was_overdue),
      flags_new: flagsNew,
      flags_resolved: flagsResolved,
      officers_left: officersWith('left'),
      officers_absent: officersWith('absent'),
      officers_returned: officersWith('returned'),
      officers_joined: officersWith('joined'),
      officers_removed: officersWith('removed'),
    },
    cases: withNews,
    unchanged: changes.filter((change) => change.change === 'unchanged' && (options.all || change.lost)),
    officers,
  };
}
