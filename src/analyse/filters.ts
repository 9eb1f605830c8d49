/**
 * SPEC 3.3 filters: --team, --pdu, --officer, --risk and --flag values, resolved against the
 * names an analysed export knows. Pure: the command line turns a failure into a usage error.
 */
import { editDistance } from '../read/columns.js';
import { RISKS } from '../read/values.js';
import { CASE_FLAGS, type Report } from './report.js';
import { NO_SCOPE, type Scope } from './scope.js';

export type FilterKey = keyof Scope;

/** A value that names nothing the export knows, with the known names closest to it. */
export interface UnknownFilterValue {
  readonly key: FilterKey;
  readonly value: string;
  readonly closest: string[];
}

export type FilterResolution = { readonly scope: Scope; readonly unknown?: undefined } | { readonly unknown: UnknownFilterValue };

const fold = (text: string): string => text.trim().toLowerCase();

/**
 * The names one filter can take: the export's teams, PDUs or officer codes, every risk or flag.
 * Asked only for a filter given: the teams and PDUs walk a national export's cases.
 */
export function knownNames(report: Pick<Report, 'officers' | 'cases'>, key: FilterKey): string[] {
  const present = (values: (string | null)[]): string[] => [...new Set(values.filter((value): value is string => value !== null && value !== ''))].sort();
  switch (key) {
    case 'teams':
      return present([...report.officers.map((officer) => officer.team), ...report.cases.map((result) => result.team)]);
    case 'pdus':
      return present([...report.officers.map((officer) => officer.pdu), ...report.cases.map((result) => result.pdu)]);
    case 'officers':
      return present(report.officers.map((officer) => officer.officer_id));
    case 'risks':
      return [...RISKS, 'unknown'];
    case 'flags':
      return [...CASE_FLAGS];
  }
}

/**
 * Up to `count` known names nearest `value`: those containing it (or contained in it) first,
 * then by edit distance; only those nearly as near as the nearest, so a near miss is named alone.
 */
export function closestNames(value: string, known: readonly string[], count = 3): string[] {
  const wanted = fold(value);
  const score = (name: string): number => {
    const folded = fold(name);
    return folded.includes(wanted) || wanted.includes(folded) ? 0 : editDistance(wanted, folded);
  };
  const ranked = known
    .map((name) => ({ name, score: score(name) }))
    .sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nearest = ranked[0]?.score ?? 0;
  return ranked
    .filter((entry) => entry.score <= nearest + 2)
    .slice(0, count)
    .map((entry) => entry.name);
}

/**
 * The known names the values of one option stand for, without regard to case. A value that is
 * a known name whole (commas and all: "Barnet, Enfield and Haringey") is that name; any other
 * is split at its commas, and each part must be a known name.
 */
export function resolveValues(values: readonly string[], known: readonly string[]): { names: string[] } | { unknown: string } {
  const byFolded = new Map(known.map((name) => [fold(name), name]));
  const names: string[] = [];
  for (const value of values) {
    const whole = byFolded.get(fold(value));
    if (whole !== undefined) {
      names.push(whole);
      continue;
    }
    for (const part of value.split(',').map((piece) => piece.trim()).filter((piece) => piece !== '')) {
      const name = byFolded.get(fold(part));
      if (name === undefined) return { unknown: part };
      names.push(name);
    }
  }
  return { names: [...new Set(names)] };
}

/** Every filter's values resolved against the export, or the first value that names nothing. */
export function resolveFilters(raw: Scope, report: Pick<Report, 'officers' | 'cases'>): FilterResolution {
  const scope: Record<FilterKey, readonly string[]> = { ...NO_SCOPE };
  for (const key of Object.keys(NO_SCOPE) as FilterKey[]) {
    if (raw[key].length === 0) continue;
    const known = knownNames(report, key);
    const resolved = resolveValues(raw[key], known);
    if ('unknown' in resolved) return { unknown: { key, value: resolved.unknown, closest: closestNames(resolved.unknown, known) } };
    scope[key] = resolved.names;
  }
  return { scope };
}
