import { showView, type CommandSpec } from './command.js';

export const teamsCommand: CommandSpec = {
  name: 'teams',
  args: '[DIR]',
  summary: 'team, PDU and manager rollups',
  examples: ['caseload teams exports/2026-11-16'],
  groups: ['files', 'input', 'output', 'findings', 'filters'],
  run: showView('teams'),
};
