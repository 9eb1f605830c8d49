/** What each command file declares; main.ts turns these into commander commands. */
import type { OptionGroup } from '../options.js';
import type { RunOptions } from '../option-values.js';
import type { RunContext } from '../run.js';
import type { ViewKind } from '../../render/view.js';

export interface CommandSpec {
  readonly name: string;
  /** Arguments as commander spells them: `[DIR]`, `PREV_DIR DIR`. */
  readonly args: string;
  readonly summary: string;
  /** Worked examples for --help. */
  readonly examples: readonly string[];
  readonly groups: readonly OptionGroup[];
  readonly isDefault?: boolean;
  run(args: string[], options: RunOptions, context: RunContext): Promise<number>;
}

/**
 * The run of a command that shows one view of the analysed export. The pipeline loads when the
 * command runs, not when --help or --version is asked for.
 */
export function showView(kind: ViewKind): CommandSpec['run'] {
  return async (args, options, context) => (await import('../run.js')).runAnalysis(kind, args[0], options, context);
}
