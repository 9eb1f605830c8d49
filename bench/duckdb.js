#!/usr/bin/env node
/*
 * The benchmark's peer: bench/duckdb.sql run by DuckDB (@duckdb/node-api, a devDependency) over
 * one export, as a user who does not trust caseload would check it. Run as its own child process
 * by bench/run.js, so that its wall time and peak RSS are measured exactly as caseload's are.
 *
 *   node bench/duckdb.js DIR AS_OF [OUT]     OUT defaults to /dev/null
 *
 * Prints {"cases": N, "officers": N} on stdout (a check that the query did the work).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, asOf, out = '/dev/null'] = process.argv.slice(2);
if (!dir || !/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) {
  console.error('usage: node bench/duckdb.js DIR YYYY-MM-DD [OUT]');
  process.exit(2);
}
const { DuckDBInstance } = await import('@duckdb/node-api');
const quote = (text) => text.replace(/'/g, "''");
const sql = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'duckdb.sql'), 'utf8')
  .replaceAll('{{DIR}}', quote(dir))
  .replaceAll('{{AS_OF}}', asOf)
  .replaceAll('{{OUT}}', quote(out));

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
for (const statement of sql.split(/;\s*\n/).map((text) => text.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean)) {
  await connection.run(statement);
}
const count = async (table) => Number((await connection.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);
console.log(JSON.stringify({ cases: await count('case_status'), officers: await count('officer_load') }));
connection.closeSync();
