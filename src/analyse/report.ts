/** The Report: the analysis result and, key for key, the JSON contract of SPEC 3. */
import type { Config } from '../config/schema.js';
import type { InputSummary, Issue } from '../read/records.js';
import type { CaseStatus, Risk } from '../read/values.js';
import type { PeerGroupResult, PeerRate, PeerRates, PeerStatuses } from './peers.js';

export const SCHEMA_VERSION = 1;

/** Flags that make a case lost (SPEC 2.1), in the order the SPEC lists them. */
export const LOST_FLAGS = ['unallocated', 'unknown_officer', 'officer_left', 'officer_absent', 'not_seen', 'never_seen'] as const;
/** Flags that warn without making a case lost. */
export const WARNING_FLAGS = [
  'overdue',
  'risk_unknown',
  'assessment_overdue',
  'da_check_missing',
  'safeguarding_check_missing',
  'address_unknown',
  'enforcement_due',
  'sentence_expired',
  'invalid_data',
  'duplicate_record',
  'warrant',
  'reset_exempt',
] as const;
export const CASE_FLAGS = [...LOST_FLAGS, ...WARNING_FLAGS] as const;
export type LostFlag = (typeof LOST_FLAGS)[number];

const LOST = new Set<string>(LOST_FLAGS);

/** Whether a flag makes a case lost (the rest only warn). */
export function isLostFlag(code: string): boolean {
  return LOST.has(code);
}
export type CaseFlag = (typeof CASE_FLAGS)[number];

export const OFFICER_FLAGS = [
  'over_capacity',
  'absent_with_cases',
  'left_with_cases',
  'unknown_officer',
  'no_supervision',
  'new_starter_high_risk',
  'pso_high_risk',
  'outlier',
] as const;
export type OfficerFlag = (typeof OFFICER_FLAGS)[number];

export type RiskKey = Risk | 'unknown';
export type RiskCounts = Record<RiskKey, number>;

export interface CaseResult {
  crn: string;
  name: string | null;
  officer_id: string | null;
  officer_name: string | null;
  team: string | null;
  pdu: string | null;
  manager_id: string | null;
  risk: Risk | null;
  tier: string | null;
  sentence_type: string | null;
  status: Exclude<CaseStatus, 'terminated'>;
  start_date: string | null;
  end_date: string | null;
  last_contact: string | null;
  days_since_contact: number | null;
  /** Days from the sentence start to the as-of date: what a never-seen case has waited. */
  days_since_start: number | null;
  standard_days: number;
  overdue: boolean;
  days_overdue: number;
  lost: boolean;
  flags: CaseFlag[];
  /** On the domestic-abuse register; with a child safeguarding concern. */
  da_flag: boolean;
  safeguarding_flag: boolean;
  priority: number;
  /** Physical line of the case in offenders.csv. */
  line: number;
  /** In Probation Reset: marked, no exemption; exempt from the contact standard (SPEC 2.1). */
  reset: boolean;
  /** start_date + floor(2 × (end_date − start_date) / 3); null without both dates. */
  reset_date: string | null;
  /** When the next contact is due under the standard; null when none is (not active, in reset, no start_date). */
  next_contact_due: string | null;
  /** last_assessment + assessment_review_days for an active case; null otherwise. */
  assessment_due: string | null;
  /** end_date − as-of date, negative once past; null without an end_date. */
  ends_in_days: number | null;
}

export interface OfficerResult {
  officer_id: string;
  name: string | null;
  grade: string | null;
  team: string | null;
  pdu: string | null;
  manager_id: string | null;
  status: string | null;
  status_since: string | null;
  contracted_hours: number | null;
  /** Workload reduction in percent (officers.csv reduction_pct, 0 when none); null for an officer not in officers.csv. */
  reduction_pct: number | null;
  caseload: number;
  by_risk: RiskCounts;
  points: number;
  capacity_points: number | null;
  capacity_pct: number | null;
  overdue: number;
  lost: number;
  seen_on_time_pct: number | null;
  /** Peers (SPEC 2.2): the group compared within, the rates and how each compares. */
  peer_group: string | null;
  rates: PeerRates;
  outliers: PeerStatuses;
  flags: OfficerFlag[];
}

export interface ManagerResult {
  manager_id: string;
  name: string | null;
  officers: string[];
  caseload: number;
  lost: number;
  overdue: number;
  flags: 'span_exceeded'[];
}

export interface GroupResult {
  name: string | null;
  officers_in_post: number;
  absent: number;
  left: number;
  cases: number;
  lost: number;
  overdue: number;
  average_caseload: number | null;
  capacity_pct: number | null;
  /** Points against the capacity of the officers in post who are not absent. */
  available_capacity_pct: number | null;
}

export interface CheckSkipped {
  check: CaseFlag | OfficerFlag;
  file: string;
  missing: string[];
}

export interface Summary {
  cases: number;
  active: number;
  custody: number;
  warrant: number;
  /** Null in a filtered view: terminated cases are not analysed, so not placed in a team. */
  terminated: number | null;
  officers: number;
  lost: number;
  overdue: number;
  /** Cases in Probation Reset (marked, no exemption). */
  reset: number;
  /** Cases on the domestic-abuse register, and with a child safeguarding concern. */
  da_flagged: number;
  safeguarding_flagged: number;
  flags: Record<CaseFlag, number>;
  officer_flags: Record<OfficerFlag, number>;
  /** Officers far from their peers, on each rate. */
  outliers: Record<PeerRate, number>;
  issues: number;
}

export interface Report {
  schema_version: typeof SCHEMA_VERSION;
  as_of: string;
  config: Config;
  inputs: InputSummary[];
  checks_skipped: CheckSkipped[];
  summary: Summary;
  officers: OfficerResult[];
  managers: ManagerResult[];
  teams: GroupResult[];
  pdus: GroupResult[];
  /** Each peer group's target and IQR on each rate it is compared on. */
  peer_groups: PeerGroupResult[];
  /** Every analysed case, in priority order; views choose the flagged ones. */
  cases: CaseResult[];
  issues: Issue[];
}
