/**
 * Global setup (vitest.config.ts): one folder for the whole run where runOnce keeps each CLI
 * run's result, so test files asking for the same command line (a golden's, and the schema
 * test's check of it) share one run of the built binary. Made fresh for every `vitest run` and
 * removed after it: a result never outlives the build it came from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder runOnce shares results through; '' when there is none. */
    cliRunCache: string;
  }
}

export default function setup(project: TestProject): () => void {
  // Watch mode reruns tests after a rebuild, in the same session: every run spawns afresh there.
  if (project.config.watch) {
    project.provide('cliRunCache', '');
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'caseload-runs-'));
  project.provide('cliRunCache', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
