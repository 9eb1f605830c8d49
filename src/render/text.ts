/** Turning cells into safe text: nothing from an export may drive a terminal or a spreadsheet. */
import type { Cell } from './columns.js';

// CSI/OSC escape sequences whole, then any other C0/C1 control character.
const ANSI_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text with escape sequences and control characters removed (a line break becomes a space). */
export function plainText(text: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f]/.test(text)) return text;
  return text.replace(ANSI_SEQUENCE, '').replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '');
}

/** A cell as a person reads it: empty for null, yes/no for booleans. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return typeof cell === 'number' ? String(cell) : plainText(cell);
}

/** A spreadsheet runs a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet will show, never run: a leading `'` keeps a formula-like cell as text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Text safe anywhere in HTML, attribute values included: control characters stripped, markup characters escaped. */
export function escapeHtml(text: string): string {
  return plainText(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
