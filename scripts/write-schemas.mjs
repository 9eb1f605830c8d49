#!/usr/bin/env node
/*
 * Writes docs/schema/<command>.<format>.schema.json from the built code (npm run schemas), so
 * the published schemas are the ones `caseload schema` prints. test/render/schemas.test.ts
 * fails when they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputSchema, SCHEMA_COMMANDS, SCHEMA_FORMATS, schemaFileName } from '../dist/render/schemas.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'schema');
mkdirSync(folder, { recursive: true });
for (const command of SCHEMA_COMMANDS) {
  for (const format of SCHEMA_FORMATS) {
    writeFileSync(join(folder, schemaFileName(command, format)), `${JSON.stringify(outputSchema(command, format), null, 2)}\n`);
  }
}
console.log(`wrote ${SCHEMA_COMMANDS.length * SCHEMA_FORMATS.length} schemas to docs/schema/`);
