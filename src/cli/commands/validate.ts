import { showView, type CommandSpec } from './command.js';

export const validateCommand: CommandSpec = {
  name: 'validate',
  args: '[DIR]',
  summary: 'data issues only: what could not be read, rows rejected, checks skipped',
  examples: ['caseload validate exports/2026-11-16', 'caseload validate exports/2026-11-16 --strict && echo clean'],
  groups: ['files', 'input', 'output', 'findings'],
  run: showView('validate'),
};
