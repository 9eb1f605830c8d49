/**
 * How a renderer lays out the elements of a long array, a line each: shared by the thread that
 * renders and the one that may write part of the array for it (parallel-lines.ts).
 */
import type { PackedCases } from './case-pack.js';

/** JSON's `    {…},` (indented, a comma after all but the last element), or NDJSON's bare lines. */
export interface LineFrame {
  readonly indent: string;
  readonly commas: boolean;
}

export const JSON_LINES: LineFrame = { indent: '    ', commas: true };
export const NDJSON_LINES: LineFrame = { indent: '', commas: false };

/** Element `index` of an array whose last element is `last`, as its line. */
export function frameLine(json: string, index: number, last: number, frame: LineFrame): string {
  return `${frame.indent}${json}${lineEnd(index, last, frame)}`;
}

/** What follows element `index`'s JSON on its line: a comma (JSON, all but the last), then a line feed. */
export function lineEnd(index: number, last: number, frame: LineFrame): string {
  return frame.commas && index < last ? ',\n' : '\n';
}

/** What a lines worker is given, a group at a time: the packed cases, the batches of the array they are, and the frame. */
export interface LinesTask {
  readonly packed: PackedCases;
  /** Array indexes [from, to) of each batch, the packed cases filling them in turn. */
  readonly batches: readonly (readonly [number, number])[];
  /** The array's last index. */
  readonly last: number;
  readonly frame: LineFrame;
  /** No group follows. */
  readonly final: boolean;
}

/** A lines worker's message: one batch's lines, as UTF-8 in buffers (the first `length` bytes of each). */
export interface LinesMessage {
  readonly parts: { readonly buffer: ArrayBuffer; readonly length: number }[];
}
