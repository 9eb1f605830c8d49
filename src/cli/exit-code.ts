/** The exit code a finished run reports (SPEC 3): a pure function of what the view holds. */
import { LOST_FLAGS } from '../analyse/report.js';
import { EXIT, type ExitCode } from '../errors.js';
import type { View } from '../render/view.js';

export type FailOn = 'lost' | 'overdue' | 'warnings' | 'any';

const LOST = new Set<string>(LOST_FLAGS);

/** Whether the view's cases, officers or managers hold a finding of this kind. */
export function hasFinding(view: View, kind: FailOn): boolean {
  const cases = view.selectedCases;
  switch (kind) {
    case 'lost':
      return cases.some((result) => result.lost);
    case 'overdue':
      return cases.some((result) => result.overdue);
    case 'warnings':
      return cases.some((result) => result.flags.some((code) => !LOST.has(code)));
    case 'any':
      return (
        cases.some((result) => result.flags.length > 0) ||
        view.officers.some((officer) => officer.flags.length > 0) ||
        view.managers.some((manager) => manager.flags.length > 0)
      );
  }
}

/** Anything a cron job would want mailed: what --quiet stays silent without. */
export function somethingFlagged(view: View): boolean {
  if (view.kind === 'validate') return view.issues.length > 0;
  if (view.kind === 'officers') return view.officers.some((officer) => officer.flags.length > 0);
  if (view.kind === 'teams') return view.managers.some((manager) => manager.flags.length > 0);
  return view.selectedCases.some((result) => result.flags.length > 0);
}

export function decideExitCode(view: View, failOn: readonly FailOn[]): ExitCode {
  return failOn.some((kind) => hasFinding(view, kind)) ? EXIT.findings : EXIT.ok;
}
