/** Runs the built CLI (bin/caseload.js → dist/) as a user would, in a folder of the test's choosing. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { describe, expect, inject, it } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/caseload.js');
export const FIXTURES = join(ROOT, 'fixtures');

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface CliOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
}

/** Colour, the table width and the clock are pinned so output depends on the arguments alone. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, COLUMNS: undefined, TZ: 'Europe/London', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status ?? -1 };
}

const cachedRuns = new Map<string, CliResult>();

/**
 * runCli once per argument list (default folder, environment and input): goldens and behaviour
 * tests share slow runs, within a test file and, through the run's cache folder
 * (helpers/run-cache.ts), across files.
 */
export function runOnce(args: readonly string[]): CliResult {
  const key = args.join('\u0000');
  let result = cachedRuns.get(key);
  if (result === undefined) cachedRuns.set(key, (result = sharedRun(key, args)));
  return result;
}

function sharedRun(key: string, args: readonly string[]): CliResult {
  const folder = inject('cliRunCache');
  if (!folder) return runCli(args);
  const file = join(folder, `${createHash('sha256').update(key).digest('hex')}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CliResult;
  const result = runCli(args);
  // Written whole, then renamed: another worker never reads half a result.
  const partial = `${file}.${process.pid}.${threadId}`;
  writeFileSync(partial, JSON.stringify(result));
  renameSync(partial, file);
  return result;
}

/** The command, its output and its exit code, as one reviewable text (golden files). */
export function transcript(args: readonly string[], result: CliResult): string {
  const quoted = args.map((arg) => (/^[\w./:=,-]+$/.test(arg) ? arg : `'${arg}'`)).join(' ');
  const stderr = result.stderr === '' ? '' : `--- stderr ---\n${result.stderr}`;
  return `$ caseload ${quoted}\n${result.stdout}${stderr}Exit code: ${result.exitCode}\n`;
}

/** A fresh temporary folder, with files written into it; removed by the returned cleanup. */
export function tempDir(files: Record<string, string | Buffer> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-test-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Golden transcripts of one command on the sample export in every format: exit 0, nothing on
 * stderr but the table's data-issue note, and output as committed in test/golden/.
 */
export function describeGoldens(command: string, goldens: readonly [format: string, extra: string[]][]): void {
  describe(`caseload ${command}: golden transcripts`, () => {
    it.each(goldens)('--format %s', async (format, extra) => {
      const args = [command, 'fixtures/north-london', '--format', format, '--as-of', '2026-11-16', ...extra];
      const result = runOnce(args);
      expect(result.exitCode).toBe(0);
      if (format !== 'table') expect(result.stderr).toBe('');
      await expect(transcript(args, result)).toMatchFileSnapshot(`../golden/${command}.${format}.txt`);
    });
  });
}
