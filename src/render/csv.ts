/** `--format csv`: the view's main rows, every column, formula-like cells neutralised. */
import type { Cell } from './columns.js';
import { mainRows } from './sections.js';
import { csvText, neutraliseFormula } from './text.js';
import type { Output } from './output.js';
import type { View } from './view.js';

/**
 * One RFC 4180 field. Numbers are written as they are; text loses its escape sequences and
 * control characters (a terminal showing the file would act on them), is neutralised, then
 * quoted if needed.
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = neutraliseFormula(csvText(cell));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(view: View, out: Output): void {
  const columns = mainRows(view).columns.filter((column) => column.csv !== false);
  const { rows } = mainRows(view);
  out.write(`${columns.map((column) => column.key).join(',')}\n`);
  for (const row of rows) out.write(`${columns.map((column) => csvField(column.value(row))).join(',')}\n`);
}
