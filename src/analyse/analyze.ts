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
import { SCHEMA_VERSION, type CaseResult, type Report } from './report.js';
import { rollUp } from './rollups.js';
import { summarise } from './summary.js';

export interface AnalyseOptions {
  readonly asOf: Day;
  readonly config: Config;
  readonly sort?: OfficerSort;
}

/** What every case is analysed against: the as-of date, the config, the roster, the contacts and the checks that cannot run. */
export function caseContext(exports: Exports, options: AnalyseOptions): CaseContext & { readonly checksSkipped: ReturnType<typeof skippedChecks> } {
  const { asOf, config } = options;
  const checksSkipped = skippedChecks(exports);
  return {
    asOf,
    config,
    officers: new Map(exports.officers.map((officer) => [officer.officerId, officer])),
    contacts: exports.contacts,
    skipped: new Set<string>(checksSkipped.map((entry) => entry.check)),
    unallocatedPattern: config.unallocated_pattern === null ? null : new RegExp(config.unallocated_pattern),
    checksSkipped,
  };
}

export function analyse(exports: Exports, options: AnalyseOptions): Report {
  const { asOf, config } = options;
  const context = caseContext(exports, options);
  const { checksSkipped, skipped, unallocatedPattern } = context;

  const analysed: CaseRecord[] = [];
  const results: CaseResult[] = [];
  exports.cases.forEach((record, position) => {
    if (record.status === 'terminated') return;
    analysed.push(record);
    results.push(analyseCase(record, context, position));
  });
  const { officers, peerGroups } = analyseOfficers(exports.officers, analysed, results, { asOf, config, skipped, unallocatedPattern });
  officers.sort(compareOfficers(options.sort ?? 'capacity'));
  // The counts walk the cases while they are still in the order they were made, which is their
  // order in memory too: on a national export, a walk in priority order waits on memory.
  const summary = summarise(results, officers, { terminated: exports.cases.length - analysed.length, issues: exports.issues.length });
  const teams = rollUp(officers, results, 'team');
  const pdus = rollUp(officers, results, 'pdu');
  rankCases(results);

  return {
    schema_version: SCHEMA_VERSION,
    as_of: formatDay(asOf),
    config,
    inputs: exports.inputs,
    checks_skipped: checksSkipped,
    summary,
    officers,
    managers: analyseManagers(officers, config),
    teams,
    pdus,
    peer_groups: peerGroups,
    cases: results,
    issues: exports.issues,
  };
}
