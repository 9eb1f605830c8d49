import { UsageError } from '../../errors.js';
import type { CommandSpec } from './command.js';

export const schemaCommand: CommandSpec = {
  name: 'schema',
  args: '[COMMAND]',
  summary: "print the JSON Schema (draft 2020-12) of a command's JSON or NDJSON output (default: report)",
  examples: ['caseload schema cases', 'caseload schema cases --format ndjson > case.schema.json'],
  groups: ['schema'],
  async run(args, options, context) {
    const { outputSchema, SCHEMA_COMMANDS, SCHEMA_FORMATS } = await import('../../render/schemas.js');
    const command = args[0] ?? 'report';
    const format = options.format ?? 'json';
    if (!(SCHEMA_COMMANDS as readonly string[]).includes(command)) {
      throw new UsageError(`schema: no JSON output for "${command}"; one of ${SCHEMA_COMMANDS.join(', ')}`);
    }
    if (!(SCHEMA_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format: the schema is of json or ndjson output, not ${format}`);
    }
    const schema = outputSchema(command as (typeof SCHEMA_COMMANDS)[number], format as (typeof SCHEMA_FORMATS)[number]);
    context.out.write(`${JSON.stringify(schema, null, 2)}\n`);
    return 0;
  },
};
