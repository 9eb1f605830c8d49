/** What each command file declares; main.ts turns these into commander commands. */
import type { OptionGroup, RunOptions } from '../options.js';
import type { RunContext } from '../run.js';

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
