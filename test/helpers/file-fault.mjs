/**
 * Loaded into the CLI under test with `node --import` (NODE_OPTIONS): changes the file named by
 * CASELOAD_TEST_FAULT_FILE while caseload is reading it, after its first chunk, on both reading
 * paths (FileHandle#read for one stream; readSync for the threads, when the split is planned). CASELOAD_TEST_FAULT is
 * `truncate` (to half its size), `grow` (a row appended) or `remove` (unlinked).
 */
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const target = process.env.CASELOAD_TEST_FAULT_FILE;
const fault = process.env.CASELOAD_TEST_FAULT;
let done = false;

function strike() {
  if (done) return;
  done = true;
  if (fault === 'truncate') fs.truncateSync(target, Math.floor(fs.statSync(target).size / 2));
  else if (fault === 'grow') fs.appendFileSync(target, 'X1000,2026-01-02,attended,office\n');
  else if (fault === 'remove') fs.unlinkSync(target);
}

if (target && fault && isMainThread) {
  const targetIno = fs.statSync(target).ino;
  const isTarget = (fd) => {
    try {
      return fs.fstatSync(fd).ino === targetIno;
    } catch {
      return false;
    }
  };
  const readSync = fs.readSync;
  let syncReads = 0;
  fs.readSync = function (fd, ...rest) {
    const result = readSync.call(this, fd, ...rest);
    if (!done && isTarget(fd) && ++syncReads === 1) strike();
    return result;
  };
  syncBuiltinESMExports(); // `import { readSync } from 'node:fs'` sees the wrapper too
  const probe = await open(target, 'r');
  const prototype = Object.getPrototypeOf(probe);
  await probe.close();
  const read = prototype.read;
  let handleReads = 0;
  prototype.read = async function (...args) {
    const result = await read.apply(this, args);
    if (!done && isTarget(this.fd) && ++handleReads === 1) strike();
    return result;
  };
}
