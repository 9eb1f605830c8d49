import { UsageError } from '../../errors.js';
import { showView, type CommandSpec } from './command.js';

const showIssues = showView('validate');

export const validateCommand: CommandSpec = {
  name: 'validate',
  args: '[DIR]',
  summary: 'data issues only: what could not be read, rows rejected, checks skipped',
  examples: ['caseload validate exports/2026-11-16', 'caseload validate exports/2026-11-16 --strict && echo clean'],
  groups: ['files', 'input', 'output', 'findings'],
  // validate shows data issues, not findings: --fail-on would judge what it does not show.
  async run(args, options, context) {
    if (options.failOn.length > 0) {
      throw new UsageError('--fail-on: validate lists data issues, not findings; --strict exits 3 when there are any, or use --fail-on with report or cases');
    }
    return showIssues(args, options, context);
  },
};
