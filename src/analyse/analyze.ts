/**
 * The analysis stage: Exports + as-of date + config → Report. Pure: no I/O and no clock, so the
 * same inputs give the same report, byte for byte.
 */
import type { Config } from '../config/schema.js';
import type { CaseRecord, Exports } from '../read/records.js';
import { formatDay, type Day } from '../read/values.js';
import { closeCase, contactHistory, openCase, rankCases, type CaseContext, type OpenContext, type OpenRules } from './cases.js';
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
  const checksSkipped = skippedChecks(exports);
  return {
    ...openContext(exports, options),
    contacts: exports.contacts,
    skipped: new Set<string>(checksSkipped.map((entry) => entry.check)),
    checksSkipped,
  };
}

function openContext(read: Pick<Exports, 'officers'>, { asOf, config }: AnalyseOptions): OpenContext {
  return {
    asOf,
    config,
    officers: new Map(read.officers.map((officer) => [officer.officerId, officer])),
    unallocatedPattern: config.unallocated_pattern === null ? null : new RegExp(config.unallocated_pattern),
  };
}

/** The analysed (not terminated) cases, opened (cases.ts openCase): what closing each needs once contacts.csv is read. */
export interface OpenedCases {
  /** The export's cases these were opened from. */
  readonly from: readonly CaseRecord[];
  readonly records: CaseRecord[];
  readonly results: CaseResult[];
  /** Each one's place in the export's cases, for the contacts fold. */
  readonly positions: Int32Array;
  /** The rules that held when it was opened. */
  readonly holds: Int32Array;
}

/**
 * Opens every case of an export read but for its contacts: the larger half of the analysis,
 * which a run does while contacts.csv is still being read on another thread.
 */
export function openCases(read: Pick<Exports, 'officers' | 'cases'>, options: AnalyseOptions): OpenedCases {
  const context = openContext(read, options);
  const records: CaseRecord[] = [];
  const results: CaseResult[] = [];
  const positions = new Int32Array(read.cases.length);
  const holds = new Int32Array(read.cases.length);
  const rules: OpenRules = { holds: 0 };
  read.cases.forEach((record, position) => {
    if (record.status === 'terminated') return;
    positions[records.length] = position;
    results.push(openCase(record, context, rules));
    holds[records.length] = rules.holds;
    records.push(record);
  });
  return { from: read.cases, records, results, positions, holds };
}

/** The report of an export as of a date; `opened`: its cases opened already (openCases), if they were: they become the report's. */
export function analyse(exports: Exports, options: AnalyseOptions, opened?: OpenedCases): Report {
  const { asOf, config } = options;
  const context = caseContext(exports, options);
  const { checksSkipped, skipped, unallocatedPattern, contacts } = context;

  const { records: analysed, results, positions, holds } = opened?.from === exports.cases ? opened : openCases(exports, options);
  for (let at = 0; at < results.length; at++) {
    const record = analysed[at]!;
    closeCase(results[at]!, record, holds[at]!, contactHistory(record, contacts, positions[at]!), context);
  }
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
