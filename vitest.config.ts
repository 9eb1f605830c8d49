import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Tests of src/ modules in the test process, none of which mocks a module or changes the process
 * (test/read/parallel.test.ts and test/render/parallel-lines.test.ts mock node:worker_threads, so
 * they are left out).
 */
const IN_PROCESS = [
  'test/analyse/**/*.test.ts',
  'test/render/**/!(parallel-lines).test.ts',
  'test/config/**/*.test.ts',
  'test/read/!(parallel).test.ts',
  'test/values.test.ts',
  'test/docs/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Child processes, not worker threads: a thread cannot change its time zone (test/values.test.ts
    // sets TZ). At least two at a time (vitest's default is a core less than the machine has: one on
    // the 2-core machines the suite is held to): a CLI test file's process mostly waits on the built
    // binary, so a single worker left a core idle.
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The folder runOnce shares CLI runs through, across test files (test/helpers/run-cache.ts).
    globalSetup: ['test/helpers/run-cache.ts'],
    projects: [
      // A worker runs these file after file with the modules already loaded, not each file afresh.
      { extends: true, test: { name: 'in-process', include: IN_PROCESS, isolate: false } },
      // Every other test file (CLI, browser, properties, the mocking one) in a fresh worker of its own.
      { extends: true, test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: IN_PROCESS } },
    ],
    // `npm test` turns coverage on (`vitest run --coverage`); a single file run without it is not held to the thresholds.
    coverage: {
      provider: 'v8',
      // Only in-process tests count: the CLI tests run the built binary in child processes, which
      // V8 coverage here does not see. So only the stages tested in-process are measured and held
      // to a threshold: reading and analysis.
      include: ['src/read/**/*.ts', 'src/analyse/**/*.ts'],
      // The worker entry runs in a worker thread of the built JS (test/read/parallel.test.ts runs its
      // module in-process through a stand-in, test/cli/threads.test.ts the real threads).
      exclude: ['src/read/contacts-worker.ts'],
      reporter: ['text-summary'],
      thresholds: {
        'src/read/**': { lines: 90 },
        'src/analyse/**': { lines: 90 },
      },
    },
  },
});
