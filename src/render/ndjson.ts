/** `--format ndjson`: one object per line, the view's main rows (cases, officers, teams or issues). */
import { mainRows } from './sections.js';
import type { Output } from './output.js';
import type { View } from './view.js';

/** The rows NDJSON streams: for a plan, every move then every unplaced case, each saying which it is in `type`. */
function ndjsonRows(view: View): readonly unknown[] {
  if (view.kind === 'plan' && view.plan !== null) {
    return [...view.plan.moves.map((move) => ({ type: 'move', ...move })), ...view.plan.unplaced.map((item) => ({ type: 'unplaced', ...item }))];
  }
  return mainRows(view).rows;
}

export function renderNdjson(view: View, out: Output): void {
  for (const row of ndjsonRows(view)) out.write(`${JSON.stringify(row)}\n`);
}
