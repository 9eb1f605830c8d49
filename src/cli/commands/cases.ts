import { showView, type CommandSpec } from './command.js';

export const casesCommand: CommandSpec = {
  name: 'cases',
  args: '[DIR]',
  summary: 'flagged cases by priority (--all for every case; filter with --flag, --risk, --officer, --team, --pdu)',
  examples: [
    'caseload cases exports/2026-11-16 --flag da_check_missing',
    'caseload cases exports/2026-11-16 --team "Islington North" --risk high,very_high',
    'caseload cases exports/2026-11-16 --format ndjson | jq .crn',
  ],
  groups: ['files', 'input', 'output', 'findings', 'filters', 'email'],
  run: showView('cases'),
};
