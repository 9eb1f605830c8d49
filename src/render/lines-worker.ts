/**
 * Worker thread entry (see parallel-lines.ts): writes the JSON lines of the packed cases it is
 * given, batch by batch, handing each batch back as soon as it is written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { caseAt } from './case-pack.js';
import { frameLine, type LinesMessage, type LinesTask } from './lines.js';

/** A buffer's bytes: a batch of cases fits one. */
const PART_BYTES = 4 << 20;

const { packed, batches, last, frame } = workerData as LinesTask;
let row = 0;
for (const [from, to] of batches) {
  const parts: LinesMessage['parts'] = [];
  let part = Buffer.allocUnsafeSlow(PART_BYTES);
  let used = 0;
  for (let index = from; index < to; index++, row++) {
    const line = frameLine(JSON.stringify(caseAt(packed, row)), index, last, frame);
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (used + line.length * 3 > part.length) {
      parts.push({ buffer: part.buffer as ArrayBuffer, length: used });
      part = Buffer.allocUnsafeSlow(Math.max(PART_BYTES, line.length * 3));
      used = 0;
    }
    used += part.write(line, used);
  }
  parts.push({ buffer: part.buffer as ArrayBuffer, length: used });
  parentPort!.postMessage({ parts } satisfies LinesMessage, parts.map((each) => each.buffer));
}
