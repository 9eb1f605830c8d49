/** `--format ndjson`: one object per line, the view's main rows (cases, officers, teams or issues). */
import { mainRows } from './sections.js';
import { NDJSON_LINES } from './lines.js';
import { shareViewLines, writeLines, type LineOptions } from './parallel-lines.js';
import type { Output } from './output.js';
import type { View } from './view.js';

/** The rows NDJSON streams: for a plan, every move then every unplaced case, each saying which it is in `type`. */
function ndjsonRows(view: View): readonly unknown[] {
  if (view.kind === 'plan' && view.plan !== null) {
    return [...view.plan.moves.map((move) => ({ type: 'move', ...move })), ...view.plan.unplaced.map((item) => ({ type: 'unplaced', ...item }))];
  }
  return mainRows(view).rows;
}

/** The rows a line each; a long list of cases (or of a worklist's tasks) is written on two threads when `lines` allows. */
export async function renderNdjson(view: View, out: Output, lines: LineOptions = { threads: 1 }): Promise<void> {
  const rows = ndjsonRows(view);
  const shared = shareViewLines(view, rows, NDJSON_LINES, lines);
  try {
    if (shared === null) writeLines(rows, 0, rows.length, out, NDJSON_LINES);
    else await shared.write(out);
  } finally {
    shared?.stop();
  }
}
