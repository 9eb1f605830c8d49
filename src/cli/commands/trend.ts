/**
 * `caseload trend DIR...` (SPEC 3.2): weekly series over dated export folders, and how long each
 * case lost in the latest export has been lost. The folders are analysed in parallel on worker
 * threads (trend-weeks.ts), each handing back a week summary, never a whole report.
 */
import { UsageError } from '../../errors.js';
import type { CommandSpec } from './command.js';

export const trendCommand: CommandSpec = {
  name: 'trend',
  args: '<DIR...>',
  summary: 'weekly series, and how long each lost case has been lost, over dated export folders',
  examples: [
    'caseload trend exports/',
    'caseload trend exports/2026-11-02 exports/2026-11-09 exports/2026-11-16',
    'caseload trend exports/ --format csv > trend.csv',
  ],
  groups: ['input', 'output'],
  async run(args, options, context) {
    if (options.asOf !== undefined) throw new UsageError('--as-of: trend analyses each export as of its folder’s name');
    const [{ buildTrend }, { effectiveConfig, formatOf }, { findWeekFolders, summariseWeeks, weekWorkers }, { redactTrend, renderTrend }, { formatDay }] =
      await Promise.all([
        import('../../analyse/trend.js'),
        import('../run.js'),
        import('../trend-weeks.js'),
        import('../../render/trend.js'),
        import('../../read/values.js'),
      ]);
    const format = formatOf(options);
    if (format === 'email') throw new UsageError('--format email: trend has no digest; use report, cases or diff');
    const config = await effectiveConfig(options);
    const folders = await findWeekFolders(args);
    const progress = context.progress;
    const summaries = await summariseWeeks(folders, options, config, weekWorkers(options, folders.length), (done) =>
      progress?.(`analysed ${done} of ${folders.length} exports`),
    );
    progress?.(null);
    context.timing?.('analyse');
    const trend = buildTrend(summaries);
    await renderTrend(
      format,
      {
        trend: options.redact ? redactTrend(trend) : trend,
        config,
        exports: folders.map((folder) => ({ path: folder.dir, as_of: formatDay(folder.asOf) })),
        limit: options.limit ?? null,
        source: args.length === 1 ? args[0]! : `${folders[0]!.dir} … ${folders.at(-1)!.dir}`,
      },
      context.out,
      context.chalk,
    );
    context.timing?.('render');
    return 0;
  },
};
