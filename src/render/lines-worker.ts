/**
 * Worker thread entry (see parallel-lines.ts): writes the JSON lines of the packed cases it is
 * given (case-lines.ts), batch by batch, handing each batch back as soon as it is written.
 */
import { parentPort } from 'node:worker_threads';
import { CaseLineEncoder } from './case-lines.js';
import type { LinesMessage, LinesTask } from './lines.js';

/** Writes the task's batches, handing each back as it is done. */
function writeBatches({ packed, batches, last, frame }: LinesTask): void {
  let parts: LinesMessage['parts'] = [];
  const encoder = new CaseLineEncoder(packed, frame, (bytes) => parts.push({ buffer: bytes.buffer as ArrayBuffer, length: bytes.length }));
  let row = 0;
  for (const [from, to] of batches) {
    for (let index = from; index < to; index++, row++) encoder.line(row, index, last);
    encoder.end();
    parentPort!.postMessage({ parts } satisfies LinesMessage, parts.map((each) => each.buffer));
    parts = [];
  }
}

// The task comes once the cases are packed: the thread starts while they are. With the one
// listener gone, nothing keeps the thread alive once the batches are written.
parentPort!.once('message', writeBatches);
