import { basename } from 'node:path';
import { formatDay, INVALID, parseDate, type Day } from '../../read/values.js';
import { UsageError } from '../../errors.js';
import type { CommandSpec } from './command.js';

/** Weekly exports are often filed by date (`exports/2026-11-09`): that is the previous as-of date. */
export function dateFromFolder(dir: string): Day | null {
  const name = basename(dir.replace(/[\\/]+$/, ''));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(name)) return null;
  const day = parseDate(name);
  return day === INVALID ? null : day;
}

const WEEK_DAYS = 7;

/** Why a previous export on or after the current one makes no diff, and how to put it right. */
function asOfOrderProblem(previousAsOf: Day, asOf: Day, given: boolean): string {
  const dates = `${formatDay(previousAsOf)} is not before the as-of date ${formatDay(asOf)}`;
  return given
    ? `--previous-as-of ${dates}: the previous export must be older`
    : `the previous export's date ${dates}: name the older export first (caseload diff PREV_DIR DIR), or give --previous-as-of`;
}

export const diffCommand: CommandSpec = {
  name: 'diff',
  args: '<PREV_DIR> <DIR>',
  summary: 'what is new, resolved and still open since the previous export',
  examples: [
    'caseload diff exports/2026-11-09 exports/2026-11-16 --as-of 2026-11-16',
    'caseload diff exports/last-week exports/this-week --quiet --fail-on lost',
  ],
  groups: ['input', 'output', 'findings', 'diff', 'email'],
  async run([previousDir, dir], options, context) {
    const [{ analyseExport, effectiveConfig, present, viewOptions }, { diffReports }, { buildView }] = await Promise.all([
      import('../run.js'),
      import('../../analyse/diff.js'),
      import('../../render/view.js'),
    ]);
    const config = await effectiveConfig(options, context);
    // A folder named by its date is that export's as-of date; --as-of and --previous-as-of win.
    const asOf = options.asOf ?? dateFromFolder(dir!) ?? context.today();
    const previousAsOf = options.previousAsOf ?? dateFromFolder(previousDir!) ?? asOf - WEEK_DAYS;
    if (previousAsOf >= asOf) throw new UsageError(asOfOrderProblem(previousAsOf, asOf, options.previousAsOf !== undefined));
    const [previous, current] = await Promise.all([
      analyseExport({ dir: previousDir }, options, previousAsOf, config, context),
      analyseExport({ dir }, options, asOf, config, context),
    ]);
    const diff = diffReports(previous.report, current.report, { all: options.all });
    const view = buildView('diff', current.report, viewOptions(options, `${previousDir} → ${dir}`, current.report), diff);
    return present(view, current.report.issues, options, context);
  },
};
