/**
 * The output contract: every command's JSON and NDJSON validates against the JSON Schema that
 * `caseload schema` prints (ajv, strict mode), every field of it says what it holds, and the
 * copy in docs/schema/ is current. A field added to the output but not to the zod schema (or
 * one that drifts from its declared type) fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { outputSchema, SCHEMA_COMMANDS, SCHEMA_FORMATS, schemaFileName, type SchemaCommand, type SchemaFormat } from '../../src/render/schemas.js';
import { analyse } from '../../src/analyse/analyze.js';
import { RENDERERS } from '../../src/render/index.js';
import { StringOutput } from '../../src/render/output.js';
import { buildView, NO_FILTER, type ViewKind } from '../../src/render/view.js';
import { DEFAULT_EMAIL } from '../../src/render/email.js';
import { renderTrend } from '../../src/render/trend.js';
import { diffReports } from '../../src/analyse/diff.js';
import { planReallocation } from '../../src/analyse/plan.js';
import { buildTrend, summariseExport } from '../../src/analyse/trend.js';
import type { Report } from '../../src/analyse/report.js';
import type { Config } from '../../src/config/schema.js';
import type { Exports } from '../../src/read/records.js';
import type { Day } from '../../src/read/values.js';
import { Chalk } from 'chalk';
import { ROOT } from '../helpers/cli.js';
import { exportModel, writeCanonical } from '../properties/export-model.js';
import { analyseFolder, configFor, fcOptions, writeFolder } from '../properties/support.js';

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(command: SchemaCommand, format: SchemaFormat): ReturnType<typeof ajv.compile> {
  const key = `${command}.${format}`;
  let validate = validators.get(key);
  if (validate === undefined) validators.set(key, (validate = ajv.compile(outputSchema(command, format))));
  return validate;
}

/** Writes a model as the canonical export, reads and analyses it, and hands the results on; the folder goes after. */
async function withAnalysed(
  model: Parameters<typeof writeCanonical>[0],
  use: (analysed: { exports: Exports; report: Report; config: Config }) => Promise<void>,
): Promise<void> {
  const written = writeCanonical(model);
  const folder = writeFolder(written);
  try {
    const config = configFor(written);
    const { exports } = await analyseFolder(folder.dir, written, model.asOf);
    await use({ exports, report: analyse(exports, { asOf: model.asOf, config }), config });
  } finally {
    folder.cleanup();
  }
}

/** Validates one command's output text: the whole document (json) or each line (ndjson). */
function expectValid(command: SchemaCommand, format: SchemaFormat, output: string): void {
  const validate = validatorFor(command, format);
  const documents = format === 'json' ? [output] : output.split('\n').filter((line) => line !== '');
  expect(documents.length).toBeGreaterThan(0);
  for (const text of documents) {
    const valid = validate(JSON.parse(text));
    expect(valid ? [] : validate.errors, `${command} --format ${format}`).toEqual([]);
  }
}

/** The stdout of a golden transcript: between the `$ caseload …` line and `Exit code: N` (or stderr). */
function goldenStdout(transcript: string): string {
  const body = transcript.slice(transcript.indexOf('\n') + 1);
  const end = body.search(/^(--- stderr ---|Exit code: \d+)$/m);
  return body.slice(0, end);
}

describe('caseload schema', () => {
  it.each(SCHEMA_COMMANDS.flatMap((command) => SCHEMA_FORMATS.map((format) => [command, format] as const)))(
    'docs/schema holds the current schema of %s --format %s',
    (command, format) => {
      const committed = readFileSync(join(ROOT, 'docs/schema', schemaFileName(command, format)), 'utf8');
      expect(committed, 'stale: run `npm run schemas`').toBe(`${JSON.stringify(outputSchema(command, format), null, 2)}\n`);
    },
  );

  it('docs/schema holds no schema of a command that has none', () => {
    const expected = SCHEMA_COMMANDS.flatMap((command) => SCHEMA_FORMATS.map((format) => schemaFileName(command, format))).sort();
    expect(readdirSync(join(ROOT, 'docs/schema')).sort()).toEqual(expected);
  });

  it.each(SCHEMA_COMMANDS.flatMap((command) => SCHEMA_FORMATS.map((format) => [command, format] as const)))(
    'every field of %s --format %s says what it holds, and every enum lists its values',
    (command, format) => {
      const undescribed: string[] = [];
      const visit = (node: unknown, path: string): void => {
        if (node === null || typeof node !== 'object') return;
        const schema = node as Record<string, unknown>;
        if (schema.enum !== undefined) expect((schema.enum as unknown[]).length, `${path}: an empty enum`).toBeGreaterThan(0);
        const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
        for (const [key, property] of Object.entries(properties ?? {})) {
          if (typeof property.description !== 'string' || property.description === '') undescribed.push(`${path}.${key}`);
          visit(property, `${path}.${key}`);
        }
        for (const key of ['items', 'additionalProperties', 'anyOf', 'oneOf', 'propertyNames'] as const) {
          const child = schema[key];
          if (Array.isArray(child)) child.forEach((item, at) => visit(item, `${path}[${at}]`));
          else visit(child, `${path}[]`);
        }
      };
      visit(outputSchema(command, format), command);
      expect(undescribed).toEqual([]);
    },
  );

});

describe('every golden JSON and NDJSON output validates against its schema', () => {
  const goldens = readdirSync(join(ROOT, 'test/golden'))
    .map((file) => /^([a-z]+)\.(json|ndjson)\.txt$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null && (SCHEMA_COMMANDS as readonly string[]).includes(match[1]!));
  it('finds the goldens', () => expect(goldens.length).toBeGreaterThanOrEqual(SCHEMA_COMMANDS.length * 2));
  it.each(goldens.map((match) => [match[0], match[1] as SchemaCommand, match[2] as SchemaFormat] as const))('%s', (file, command, format) => {
    expectValid(command, format, goldenStdout(readFileSync(join(ROOT, 'test/golden', file), 'utf8')));
  });
});

/** The view kinds built by buildView, rendered by RENDERERS (trend and explain have their own renderers). */
const VIEW_KINDS = ['report', 'officers', 'cases', 'teams', 'validate', 'due', 'diff', 'plan'] as const satisfies readonly ViewKind[];

/** Every output of one analysed random export: command, format and text. */
async function outputsOf(exports: Exports, report: Report, asOf: Day, config: Config): Promise<[SchemaCommand, SchemaFormat, string][]> {
  const chalk = new Chalk({ level: 0 });
  const options = { filter: { ...NO_FILTER, all: true }, limit: null, redact: false, source: 'export' };
  const diff = diffReports(report, report, { all: true });
  const plan = planReallocation({ officers: exports.officers, cases: exports.cases, officerResults: report.officers, caseResults: report.cases }, { asOf, config, teams: [], pdus: [] });
  const trend = buildTrend([summariseExport(exports, { asOf, config }, true)]);
  const outputs: [SchemaCommand, SchemaFormat, string][] = [];
  for (const format of SCHEMA_FORMATS) {
    for (const kind of VIEW_KINDS) {
      const view = buildView(kind, report, options, kind === 'diff' ? diff : null, kind === 'plan' ? plan : null);
      const out = new StringOutput();
      await RENDERERS[format](view, out, { chalk, email: DEFAULT_EMAIL });
      outputs.push([kind, format, out.toString()]);
    }
    const out = new StringOutput();
    await renderTrend(format, { trend, config, exports: [{ path: 'export', as_of: report.as_of }], limit: null, source: 'export' }, out, chalk);
    outputs.push(['trend', format, out.toString()]);
  }
  return outputs;
}

describe('random exports: every view in json and ndjson validates', () => {
  it('holds for every generated export', async () => {
    await fc.assert(
      fc.asyncProperty(exportModel, (model) =>
        withAnalysed(model, async ({ exports, report, config }) => {
          for (const [command, format, text] of await outputsOf(exports, report, model.asOf as Day, config)) {
            if (format === 'ndjson' && text === '') continue; // no rows: no line to validate
            expectValid(command, format, text);
          }
        }),
      ),
      fcOptions(40),
    );
  });

  it('is strict: an unknown field, a missing one and a retyped one are each refused', async () => {
    const model = fc.sample(exportModel, { numRuns: 1, seed: 17 })[0]!;
    await withAnalysed(model, async ({ exports, report, config }) => {
      const validate = validatorFor('cases', 'ndjson');
      const line = JSON.parse(JSON.stringify(report.cases[0])) as Record<string, unknown>;
      expect(validate(line)).toBe(true);
      expect(validate({ ...line, surprise: 1 })).toBe(false);
      expect(validate({ ...line, priority: '1' })).toBe(false);
      const { crn: _crn, ...withoutCrn } = line;
      expect(validate(withoutCrn)).toBe(false);
      const document = JSON.parse((await outputsOf(exports, report, model.asOf as Day, config)).find(([command, format]) => command === 'report' && format === 'json')![2]) as Record<string, unknown>;
      expect(validatorFor('report', 'json')(document)).toBe(true);
      expect(validatorFor('report', 'json')({ ...document, summary: { ...(document.summary as object), surprise: 0 } })).toBe(false);
    });
  });
});
