import { describe, expect, it } from 'vitest';
import { countRead, ReadProgress } from '../../src/read/progress.js';

describe('ReadProgress', () => {
  it('shows MB read of the total and the rate, at most every 250 ms, counting every thread', () => {
    let clock = 0;
    const lines: string[] = [];
    const progress = new ReadProgress(100 * 2 ** 20, (line) => lines.push(line), () => clock);
    clock = 100;
    progress.add(10 * 2 ** 20); // within 250 ms of the start: not shown
    clock = 300;
    countRead(progress.shared, 20 * 2 ** 20); // a worker's bytes
    progress.add(10 * 2 ** 20);
    clock = 400;
    progress.add(1 * 2 ** 20); // within 250 ms of the last line: not shown
    clock = 1000;
    progress.add(9 * 2 ** 20);
    expect(lines).toEqual(['reading 40 of 100 MB, 133 MB/s', 'reading 50 of 100 MB, 50 MB/s']);
  });
});
