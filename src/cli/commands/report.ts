import { showView, type CommandSpec } from './command.js';

export const reportCommand: CommandSpec = {
  name: 'report',
  args: '[DIR]',
  summary: 'summary, officers by capacity and flagged cases by priority (the default command)',
  examples: ['caseload report exports/2026-11-16 --as-of 2026-11-16', 'caseload exports/2026-11-16 --json > report.json'],
  groups: ['files', 'input', 'output', 'findings', 'filters', 'sort', 'email'],
  isDefault: true,
  run: showView('report'),
};
