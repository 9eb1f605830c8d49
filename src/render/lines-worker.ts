/**
 * Worker thread entry (see parallel-lines.ts): writes the JSON lines of the packed cases it is
 * given (case-lines.ts), batch by batch, handing each batch back as soon as it is written. The
 * cases come in groups, packed by one packer; the last group says so, and the thread then ends.
 */
import { parentPort } from 'node:worker_threads';
import { CaseLineEncoder } from './case-lines.js';
import type { LinesMessage, LinesTask } from './lines.js';

let encoder: CaseLineEncoder | null = null;
let parts: LinesMessage['parts'] = [];

/** Writes the group's batches, handing each back as it is done. */
function writeBatches({ packed, batches, last, frame, final }: LinesTask): void {
  if (encoder === null) encoder = new CaseLineEncoder(packed, frame, (bytes) => parts.push({ buffer: bytes.buffer as ArrayBuffer, length: bytes.length }));
  else encoder.next(packed);
  let row = 0;
  for (const [from, to] of batches) {
    for (let index = from; index < to; index++, row++) encoder.line(row, index, last);
    encoder.end();
    parentPort!.postMessage({ parts } satisfies LinesMessage, parts.map((each) => each.buffer));
    parts = [];
  }
  // With the listener gone, nothing keeps the thread alive.
  if (final) parentPort!.off('message', writeBatches);
}

// The thread may start before the cases are analysed: it waits for them here.
parentPort!.on('message', writeBatches);
