import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

describe('caseload (program)', () => {
  it('prints its version and exits 0', () => {
    const result = runCli(['--version']);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.exitCode).toBe(0);
  });

  it('exits 2, not commander\'s 1, on an unknown option', () => {
    const result = runCli(['report', 'fixtures/north-london', '--bogus']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
  });
});
