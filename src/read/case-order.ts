/**
 * The cases' order straight from offenders.csv's bytes, for a thread that needs only the crns
 * (parallel.ts): one pass finds each line's crn without reading its other fields, where the
 * full reader takes each row's cells (a national export: about 250 ms of the contacts worker's
 * start, against about 100 ms so).
 *
 * Only for the plain file the bulk of exports are: a quote anywhere, a CR alone ending a line,
 * a crn beyond ASCII (the full reader decodes it as UTF-8) or a line longer than a read, and it
 * answers null, and the caller reads the file as the main thread does. Blank lines, short and
 * long rows, padded or empty crns and footer rows are taken as the full reader takes them.
 * Whatever this finds is checked besides: the threads compare their orders' digests before any
 * contact is trusted to a case.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CaseKeys } from './byte-keys.js';
import { detectDelimiter, QUOTE } from './csv.js';
import { headOf } from './parallel.js';
import { isSpace, looksLikeFooter } from './plain-fields.js';
import type { Source } from './source.js';
import { checkHeader, IssueLog, type ReadSettings } from './table.js';

const CHUNK_BYTES = 1 << 20;
const LF = 10;
const CR = 13;

/** The crns of offenders.csv in order, read from its bytes alone; null when the file is not plain throughout. */
export function plainCaseOrder(source: Source, settings: ReadSettings, expected: number): CaseKeys | null {
  if (source.path === '-') return null;
  let fd: number | null = null;
  try {
    fd = openSync(source.path, 'r');
    const size = fstatSync(fd).size;
    const head = headOf(fd, size, settings);
    if (head === null) return null;
    const delimiter = settings.delimiter ?? detectDelimiter(head.header);
    // Only a one-byte delimiter can be found byte by byte.
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) >= 0x80) return null;
    const names = head.header.split(delimiter);
    const crnAt = checkHeader('offenders', source.label, names, settings, new IssueLog(source.label, [])).index.crn;
    if (crnAt === undefined) return null;
    return scan(fd, head.dataStart, size, delimiter.charCodeAt(0), crnAt, new CaseKeys(expected));
  } catch {
    return null; // the full reader says what is wrong with the file
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Each line's crn field, found by reading up to its end, the rest of the line skipped to its
 * line feed (a native search). Trimmed as the full reader trims a cell; an empty one places
 * nothing, as a row without a crn is no case. Rows that look like a spreadsheet's footer wait:
 * only those at the very end of the file are footers, as the full reader has it. Anything read
 * otherwise than the full reader reads it (a CR alone ending a line, say) shows in the digest.
 */
function scan(fd: number, from: number, size: number, delimiter: number, crnAt: number, order: CaseKeys): CaseKeys | null {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  const held: string[] = [];
  let kept = 0; // bytes of an unfinished line at the chunk's start
  for (let position = from; position < size || kept > 0; ) {
    const read = position < size ? readSync(fd, chunk, kept, Math.min(chunk.length - kept, size - position), position) : 0;
    position += read;
    const end = kept + read;
    const last = position >= size;
    // A quote may hide a line break or a delimiter, and a CR alone ends a line as a line feed
    // does: such a file is read by the full reader. (A CR last in the chunk is checked again
    // with the bytes that follow it.)
    if (chunk.subarray(kept, end).includes(QUOTE)) return null;
    for (let cr = chunk.indexOf(CR); cr !== -1 && cr < end; cr = chunk.indexOf(CR, cr + 1)) {
      if (cr + 1 === end ? last : chunk[cr + 1] !== LF) return null;
    }
    let lineStart = 0;
    while (lineStart < end) {
      // The crn field: after crnAt delimiters, up to the next one (or the line's end).
      let fields = 0;
      let start = lineStart;
      let firstEnd = -1;
      let at = lineStart;
      let byte = -1;
      for (; at < end; at++) {
        byte = chunk[at]!;
        if (byte === LF || byte === CR) break;
        if (byte === delimiter) {
          if (firstEnd === -1) firstEnd = at;
          if (fields === crnAt) break;
          fields++;
          start = at + 1;
        }
      }
      // The line's end: the next line feed from where the crn field ended.
      const lineFeed = at >= end ? -1 : byte === LF ? at : chunk.indexOf(LF, at);
      if ((lineFeed === -1 || lineFeed >= end) && !last) break; // the line goes on in the next chunk
      if (fields === crnAt) {
        const crn = trimmed(chunk, start, at);
        if (crn === NOT_ASCII) return null; // decoded as UTF-8 by the full reader, not byte for byte
        if (crn !== null) {
          if (looksLikeFooter(chunk, lineStart, firstEnd === -1 ? at : firstEnd)) held.push(crn);
          else {
            for (const earlier of held.splice(0)) order.place(earlier);
            order.place(crn);
          }
        }
      }
      lineStart = lineFeed === -1 || lineFeed >= end ? end : lineFeed + 1;
    }
    // The unfinished line moves to the chunk's start; a line longer than a chunk is not plain.
    kept = end - lineStart;
    if (kept >= chunk.length) return null;
    chunk.copy(chunk, 0, lineStart, end);
    if (last && read === 0) break;
  }
  return order;
}

const NOT_ASCII = '\u0000not ascii';

/** bytes[start, end) as text, trimmed as a cell is (and of a CRLF's CR); null when that leaves nothing, NOT_ASCII for bytes beyond ASCII. */
function trimmed(bytes: Buffer, start: number, end: number): string | null {
  if (end > start && bytes[end - 1] === CR) end--;
  while (start < end && isSpace(bytes[start]!)) start++;
  while (end > start && isSpace(bytes[end - 1]!)) end--;
  for (let at = start; at < end; at++) if (bytes[at]! > 0x7f) return NOT_ASCII;
  return start < end ? bytes.toString('latin1', start, end) : null;
}
