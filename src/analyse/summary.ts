/**
 * The summary of a set of analysed cases and officers (SPEC 3): built once for the whole export
 * by analyze.ts, and again for the cases and officers a filter keeps (scope.ts).
 */
import { PEER_RATES, type PeerRate } from './peers.js';
import { CASE_FLAGS, OFFICER_FLAGS, type CaseFlag, type CaseResult, type OfficerFlag, type OfficerResult, type Summary } from './report.js';

export interface SummaryExtras {
  /** Terminated cases left out of the analysis; null where they cannot be placed (a filtered view). */
  readonly terminated: number | null;
  /** Data issues of the export's files. */
  readonly issues: number;
}

export function summarise(cases: readonly CaseResult[], officers: readonly OfficerResult[], extras: SummaryExtras): Summary {
  const flagCounts = Object.fromEntries(CASE_FLAGS.map((code) => [code, 0])) as Record<CaseFlag, number>;
  // Cases share their flag lists (cases.ts): each list is counted, then its flags once each.
  const perList = new Map<readonly CaseFlag[], number>();
  // One pass over the cases: a national export has a quarter of a million.
  let active = 0;
  let custody = 0;
  let warrant = 0;
  let lost = 0;
  let overdue = 0;
  let reset = 0;
  let daFlagged = 0;
  let safeguardingFlagged = 0;
  for (const result of cases) {
    perList.set(result.flags, (perList.get(result.flags) ?? 0) + 1);
    if (result.status === 'active') active++;
    else if (result.status === 'custody') custody++;
    else if (result.status === 'warrant') warrant++;
    if (result.lost) lost++;
    if (result.overdue) overdue++;
    if (result.reset) reset++;
    if (result.da_flag) daFlagged++;
    if (result.safeguarding_flag) safeguardingFlagged++;
  }
  for (const [flags, count] of perList) for (const code of flags) flagCounts[code] += count;
  const officerFlagCounts = Object.fromEntries(OFFICER_FLAGS.map((code) => [code, 0])) as Record<OfficerFlag, number>;
  for (const officer of officers) for (const code of officer.flags) officerFlagCounts[code]++;
  return {
    cases: cases.length,
    active,
    custody,
    warrant,
    terminated: extras.terminated,
    // Officers on the roster: an officer_id that only cases name is not one.
    officers: officers.filter((officer) => officer.status !== null).length,
    lost,
    overdue,
    reset,
    da_flagged: daFlagged,
    safeguarding_flagged: safeguardingFlagged,
    flags: flagCounts,
    officer_flags: officerFlagCounts,
    // Officers far from their peers, per rate (SPEC 2.2).
    outliers: Object.fromEntries(PEER_RATES.map((rate) => [rate, officers.filter((officer) => officer.outliers[rate] === 'far').length])) as Record<PeerRate, number>,
    issues: extras.issues,
  };
}
