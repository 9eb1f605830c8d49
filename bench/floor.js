#!/usr/bin/env node
/*
 * The floor: how long bare csv-parse (the CLI's own parser) takes to read the given files one
 * after the other on one thread, records counted and dropped. No decoding, mapping or analysis,
 * so no CLI can read these files faster with this parser; bench/run.js reports the CLI's time
 * as a multiple of this.
 *
 * Records are consumed with 'data' events (flowing mode) rather than the async iterator, whose
 * per-record promise overhead would make the floor look slower than it is.
 *
 * Usage: node bench/floor.js FILE... ; prints {"records": N, "parse_seconds": S} to stdout.
 */
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';

/** Data records in one file (the header line is not one). */
function countRecords(path) {
  return new Promise((resolve, reject) => {
    let records = 0;
    const parser = parse();
    parser.on('data', () => {
      records++;
    });
    parser.on('end', () => resolve(Math.max(0, records - 1)));
    parser.on('error', reject);
    const input = createReadStream(path);
    input.on('error', reject);
    input.pipe(parser);
  });
}

const files = process.argv.slice(2);
const started = performance.now();
let records = 0;
for (const file of files) records += await countRecords(file);
const parseSeconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ records, parse_seconds: Number(parseSeconds.toFixed(3)) })}\n`);
