import { showView, type CommandSpec } from './command.js';

export const officersCommand: CommandSpec = {
  name: 'officers',
  args: '[DIR]',
  summary: 'officers ranked by capacity (or --sort caseload|lost|overdue), with their flags',
  examples: ['caseload officers exports/2026-11-16 --sort lost', 'caseload officers exports/2026-11-16 --format csv > officers.csv'],
  groups: ['files', 'input', 'output', 'findings', 'sort', 'filters'],
  run: showView('officers'),
};
