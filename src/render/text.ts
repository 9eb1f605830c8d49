/** Turning cells into safe text: nothing from an export may drive a terminal or a spreadsheet. */
import type { Cell } from './columns.js';

// CSI/OSC escape sequences whole, then any other C0/C1 control character.
const ANSI_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates, and zero-width characters: they reorder or hide text
// (an officer code that reads backwards, two codes that look alike), so text output drops them.
const INVISIBLE = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * Text with escape sequences, control characters, bidi controls and zero-width characters
 * removed (a line break becomes a space). JSON keeps them all, escaped.
 */
export function plainText(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(ANSI_SEQUENCE, '').replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '').replace(INVISIBLE, '');
}

// What CSV drops: controls other than the tab and line breaks RFC 4180 quoting carries.
const CSV_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const CSV_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * Text for a CSV cell (`--format csv`, the digest's attachment): as plainText, but tabs and line
 * breaks stay, as RFC 4180 quoting carries them and a spreadsheet runs neither.
 */
export function csvText(text: string): string {
  if (!CSV_UNSAFE.test(text)) return text;
  return text.replace(ANSI_SEQUENCE, '').replace(CSV_CONTROL, '').replace(INVISIBLE, '');
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
