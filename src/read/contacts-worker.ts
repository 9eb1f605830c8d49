/** Worker thread entry: reads one share of contacts.csv (see parallel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { readSegment, type SegmentTask } from './parallel.js';

const result = readSegment(workerData as SegmentTask);
parentPort!.postMessage(result, result.quoted ? [] : [result.lastContact.buffer as ArrayBuffer, result.failedToAttend.buffer as ArrayBuffer]);
