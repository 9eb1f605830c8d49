/** `--format ndjson`: one object per line, the view's main rows (cases, officers, teams or issues). */
import { mainRows } from './sections.js';
import type { Output } from './output.js';
import type { View } from './view.js';

export function renderNdjson(view: View, out: Output): void {
  for (const row of mainRows(view).rows) out.write(`${JSON.stringify(row)}\n`);
}
