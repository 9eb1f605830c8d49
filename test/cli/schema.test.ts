/**
 * caseload schema, end to end: it prints the committed schema of every command and format, says
 * so in one line when asked for a command or format without one, and what the built CLI writes
 * today for every golden's command line validates against it (the goldens themselves are
 * checked in test/render/schemas.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { outputSchema, SCHEMA_COMMANDS, SCHEMA_FORMATS, schemaFileName, type SchemaCommand, type SchemaFormat } from '../../src/render/schemas.js';
import { ROOT, runCli, runOnce } from '../helpers/cli.js';

const PAIRS = SCHEMA_COMMANDS.flatMap((command) => SCHEMA_FORMATS.map((format) => [command, format] as const));

describe('caseload schema', () => {
  it.each(PAIRS)('caseload schema %s --format %s prints docs/schema/ copy', (command, format) => {
    const result = runCli(['schema', command, '--format', format]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'docs/schema', schemaFileName(command, format)), 'utf8'));
    const schema = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('prints the report JSON schema by default', () => {
    const result = runCli(['schema']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(outputSchema('report', 'json'));
  });

  it('refuses a command without JSON output: one line, exit 2', () => {
    const result = runCli(['schema', 'notify']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no JSON output for "notify"');
  });

  it('refuses a format without a schema: one line, exit 2', () => {
    const result = runCli(['schema', 'cases', '--format', 'csv']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('csv');
  });
});

/** `$ caseload a b 'c d'` → ['a', 'b', 'c d'] (the quoting transcript() writes). */
function argsOf(commandLine: string): string[] {
  return [...commandLine.replace(/^\$ caseload /, '').matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

describe("the built CLI's output on every golden's command line validates", () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const goldens = readdirSync(join(ROOT, 'test/golden'))
    .map((file) => /^([a-z]+)\.(json|ndjson)\.txt$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null && (SCHEMA_COMMANDS as readonly string[]).includes(match[1]!));

  it('covers every command in both formats', () => {
    expect(goldens.map((match) => `${match[1]}.${match[2]}`).sort()).toEqual(PAIRS.map(([command, format]) => `${command}.${format}`).sort());
  });

  it.each(goldens.map((match) => [match[0], match[1] as SchemaCommand, match[2] as SchemaFormat] as const))('%s', (file, command, format) => {
    const args = argsOf(readFileSync(join(ROOT, 'test/golden', file), 'utf8').split('\n')[0]!);
    const result = runOnce(args);
    expect(result.stdout).not.toBe('');
    const validate = ajv.compile(outputSchema(command, format));
    const documents = format === 'json' ? [result.stdout] : result.stdout.split('\n').filter((line) => line !== '');
    for (const text of documents) {
      const valid = validate(JSON.parse(text));
      expect(valid ? [] : validate.errors, args.join(' ')).toEqual([]);
    }
  });
});
