import type { CommandSpec } from './command.js';

export const dueCommand: CommandSpec = {
  name: 'due',
  args: '[DIR]',
  summary: "each officer's worklist: contacts, assessments, checks and endings due within --within N days (default 7)",
  examples: [
    'caseload due exports/2026-11-16',
    'caseload due exports/2026-11-16 --officer N07E605 --within 14',
    'caseload due exports/2026-11-16 --team "Islington North" --format csv > worklist.csv',
  ],
  groups: ['files', 'input', 'output', 'findings', 'filters', 'email', 'due'],
  async run(args, options, context) {
    const { runAnalysis } = await import('../run.js');
    return runAnalysis('due', args[0], options, context);
  },
};
