import { showView, type CommandSpec } from './command.js';

export const planCommand: CommandSpec = {
  name: 'plan',
  args: '[DIR]',
  summary: 'where the cases of leavers, absent officers and unallocated cases should go: moves, unplaced cases and receivers',
  examples: [
    'caseload plan exports/2026-11-16',
    'caseload plan exports/2026-11-16 --team Haringey --max-capacity 110',
    'caseload plan exports/2026-11-16 --format csv > moves.csv',
  ],
  groups: ['files', 'input', 'output', 'findings', 'plan'],
  run: showView('plan'),
};
