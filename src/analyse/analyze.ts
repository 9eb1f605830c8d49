/**
 * The analysis stage: Exports + as-of date + config → Report. Pure: no I/O and no clock, so the
 * same inputs give the same report, byte for byte.
 */
import type { Config } from '../config/schema.js';
import type { CaseRecord, Exports } from '../read/records.js';
import { formatDay, type Day } from '../read/values.js';
import { analyseCase, rankCases, type CaseContext } from './cases.js';
import { skippedChecks } from './checks.js';
import { analyseManagers, analyseOfficers, compareOfficers, type OfficerSort } from './officers.js';
import { CASE_FLAGS, OFFICER_FLAGS, SCHEMA_VERSION, type CaseFlag, type CaseResult, type OfficerFlag, type Report } from './report.js';
import { rollUp } from './rollups.js';
import { PEER_RATES, type PeerRate } from './peers.js';

export interface AnalyseOptions {
  readonly asOf: Day;
  readonly config: Config;
  readonly sort?: OfficerSort;
}

export function analyse(exports: Exports, options: AnalyseOptions): Report {
  const { asOf, config } = options;
  const checksSkipped = skippedChecks(exports);
  const skipped = new Set<string>(checksSkipped.map((entry) => entry.check));
  const unallocatedPattern = config.unallocated_pattern === null ? null : new RegExp(config.unallocated_pattern);
  const context: CaseContext = {
    asOf,
    config,
    officers: new Map(exports.officers.map((officer) => [officer.officerId, officer])),
    contacts: exports.contacts,
    skipped,
    unallocatedPattern,
  };

  const analysed: CaseRecord[] = [];
  const results: CaseResult[] = [];
  exports.cases.forEach((record, position) => {
    if (record.status === 'terminated') return;
    analysed.push(record);
    results.push(analyseCase(record, context, position));
  });
  const { officers, peerGroups } = analyseOfficers(exports.officers, analysed, results, { asOf, config, skipped, unallocatedPattern });
  rankCases(results);
  officers.sort(compareOfficers(options.sort ?? 'capacity'));

  const flagCounts = Object.fromEntries(CASE_FLAGS.map((code) => [code, 0])) as Record<CaseFlag, number>;
  for (const result of results) for (const code of result.flags) flagCounts[code]++;
  const officerFlagCounts = Object.fromEntries(OFFICER_FLAGS.map((code) => [code, 0])) as Record<OfficerFlag, number>;
  for (const officer of officers) for (const code of officer.flags) officerFlagCounts[code]++;
  const count = (status: string): number => analysed.filter((record) => record.status === status).length;

  return {
    schema_version: SCHEMA_VERSION,
    as_of: formatDay(asOf),
    config,
    inputs: exports.inputs,
    checks_skipped: checksSkipped,
    summary: {
      cases: results.length,
      active: count('active'),
      custody: count('custody'),
      warrant: count('warrant'),
      terminated: exports.cases.length - analysed.length,
      officers: exports.officers.length,
      lost: results.filter((result) => result.lost).length,
      overdue: results.filter((result) => result.overdue).length,
      reset: results.filter((result) => result.reset).length,
      da_flagged: analysed.filter((record) => record.daFlag).length,
      safeguarding_flagged: analysed.filter((record) => record.safeguardingFlag).length,
      flags: flagCounts,
      officer_flags: officerFlagCounts,
      outliers: Object.fromEntries(
        PEER_RATES.map((rate) => [rate, officers.filter((officer) => officer.outliers[rate] === 'far').length]),
      ) as Record<PeerRate, number>,
      issues: exports.issues.length,
    },
    officers,
    managers: analyseManagers(officers, config),
    teams: rollUp(officers, 'team'),
    pdus: rollUp(officers, 'pdu'),
    peer_groups: peerGroups,
    cases: results,
    issues: exports.issues,
  };
}
