/**
 * Worker thread entry for `caseload trend` (see trend-weeks.ts): analyses one export folder at a
 * time, as the main thread asks, and hands back only its week summary, so the whole export
 * (every case, every contact) is never copied out of the thread and can be collected at once.
 * It builds no Report: summariseExport keeps of each case only what the summary needs.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { summariseExport } from '../analyse/trend.js';
import { CaseloadError } from '../errors.js';
import { readExport } from './run.js';
import type { WeekReply, WeekTask } from './trend-weeks.js';

// The thread answers week after week, its compiled code warm. The week it has answered (every
// case and record) is garbage once the reply is sent; collecting it then, before the next
// week is read, keeps the thread's peak to one week's. V8 offers the collector to code only
// through this flag, and only to contexts made after it is set.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

parentPort!.on('message', (task: WeekTask) => {
  void analyseWeek(task).then((reply) => {
    parentPort!.postMessage(reply);
    collectGarbage();
  });
});

async function analyseWeek(task: WeekTask): Promise<WeekReply> {
  try {
    const { dir, options, asOf, config } = task;
    // The read records are only referenced from this call: they go once the summary is made.
    const summary = summariseExport(await readExport({ dir }, options, asOf, config), { asOf, config, ...(options.sort ? { sort: options.sort } : {}) }, task.keepCases);
    return { dir, summary };
  } catch (error) {
    const known = error instanceof CaseloadError;
    return {
      dir: task.dir,
      error: {
        message: error instanceof Error ? error.message : String(error),
        exitCode: known ? error.exitCode : null,
        stack: error instanceof Error ? (error.stack ?? null) : null,
      },
    };
  }
}
