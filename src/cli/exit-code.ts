/** The exit code a finished run reports (SPEC 3): a pure function of what the view holds. */
import type { CaseChange } from '../analyse/diff.js';
import { isLostFlag } from '../analyse/report.js';
import { EXIT, type ExitCode } from '../errors.js';
import type { View } from '../render/view.js';

export type FailOn = 'lost' | 'overdue' | 'warnings' | 'any';


/** Whether the view's cases, officers or managers hold a finding of this kind. */
export function hasFinding(view: View, kind: FailOn): boolean {
  if (view.diff !== null) return hasNewFinding(view.diff.cases, kind);
  const cases = view.selectedCases;
  switch (kind) {
    case 'lost':
      return cases.some((result) => result.lost);
    case 'overdue':
      return cases.some((result) => result.overdue);
    case 'warnings':
      return cases.some((result) => result.flags.some((code) => !isLostFlag(code)));
    case 'any':
      return (
        cases.some((result) => result.flags.length > 0) ||
        // Every officer, not only the ones --limit shows (as every selected case is judged).
        view.report.officers.some((officer) => officer.flags.length > 0) ||
        view.managers.some((manager) => manager.flags.length > 0)
      );
  }
}

/** For diff, --fail-on judges what is new since the previous export. */
function hasNewFinding(changes: readonly CaseChange[], kind: FailOn): boolean {
  switch (kind) {
    case 'lost':
      return changes.some((change) => change.lost && !change.was_lost);
    case 'overdue':
      return changes.some((change) => change.overdue && !change.was_overdue);
    case 'warnings':
      return changes.some((change) => change.flags_new.some((code) => !isLostFlag(code)));
    case 'any':
      return changes.some((change) => change.flags_new.length > 0);
  }
}

/** Anything a cron job would want mailed: what --quiet stays silent without. */
export function somethingFlagged(view: View): boolean {
  // An officer who left or went sick is news even before their cases show it.
  if (view.diff !== null) return view.diff.cases.some((change) => change.flags_new.length > 0) || view.diff.officers.some((officer) => officer.status_change !== null);
  if (view.kind === 'validate') return view.issues.length > 0;
  // A worklist is news when something falls due.
  if (view.due !== null) return view.due.tasks.length > 0;
  const officersFlagged = view.report.officers.some((officer) => officer.flags.length > 0);
  const managersFlagged = view.managers.some((manager) => manager.flags.length > 0);
  if (view.kind === 'officers') return officersFlagged;
  if (view.kind === 'teams') return managersFlagged;
  const casesFlagged = view.selectedCases.some((result) => result.flags.length > 0);
  // The report shows officers and managers too: a flagged one is news (and fails --fail-on any).
  if (view.kind === 'report') return casesFlagged || officersFlagged || managersFlagged;
  return casesFlagged;
}

export function decideExitCode(view: View, failOn: readonly FailOn[]): ExitCode {
  return failOn.some((kind) => hasFinding(view, kind)) ? EXIT.findings : EXIT.ok;
}
