/**
 * The case and officer flags, in the order the SPEC lists them. A module of its own, importing
 * nothing: report.ts builds its schemas from these lists, and cases.ts (which report.ts reaches
 * through peers.ts and officers.ts) needs them as it loads.
 */
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
