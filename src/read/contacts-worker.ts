/**
 * Worker thread entry (see parallel.ts): learns the cases' order from offenders.csv, then reads
 * segments of contacts.csv until none is left.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readCaseOrder } from './offenders.js';
import { readSegments, type WorkerTask } from './parallel.js';
import { countRead } from './progress.js';

const task = workerData as WorkerTask;
const caseIndex = await readCaseOrder(task.offenders, task.offendersSettings);
const progress = task.progress;
const result = readSegments(task.plan, task.next, caseIndex, progress ? (bytes) => countRead(progress, bytes) : undefined);
parentPort!.postMessage(result, [result.lastContact.buffer as ArrayBuffer, result.failedToAttend.buffer as ArrayBuffer]);
