/** Finds, reads and validates the config file; a config file may set any subset of the keys. */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema.js';

import { CONFIG_FILE_NAME } from './file.js';

export { CONFIG_FILE_NAME };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges a partial config over the defaults; arrays and scalars replace. */
function mergeOver(defaults: unknown, override: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(override)) {
    // Defined, not assigned: a "__proto__" key in the file stays a key (and so an unknown one),
    // instead of quietly becoming the object's prototype.
    const own = Object.prototype.hasOwnProperty.call(defaults, key);
    Object.defineProperty(merged, key, { value: own ? mergeOver(defaults[key], value) : value, enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/**
 * `caseload.config.json: contact_standards.medium: expected a positive integer (got 0)`. The
 * schema words its own messages; zod's generic ones remain only for the shape of the file
 * (an object where a number belongs, say). `input` is what was validated, to show the value.
 */
export function describeConfigError(error: z.ZodError, file: string, input?: unknown): string {
  const first = error.issues[0]!;
  const path = first.path.map(String).join('.');
  if (first.code === 'unrecognized_keys') {
    const keys = first.keys.map((key) => (path ? `${path}.${key}` : key));
    return `${file}: ${keys.join(', ')}: unknown key`;
  }
  let message = first.message;
  if (first.code === 'invalid_type' && /^Invalid input/.test(message)) message = `expected ${EXPECTED[first.expected] ?? first.expected}`;
  return `${file}: ${path || '(top level)'}: ${message}${shownValue(valueAt(input, first.path))}`;
}

const EXPECTED: Record<string, string> = { object: 'an object', array: 'a list', string: 'text', number: 'a number', boolean: 'true or false' };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** ` (got "14")` for a value that fits on a line; nothing for objects and lists. */
function shownValue(value: unknown): string {
  if (value === undefined || (typeof value === 'object' && value !== null)) return '';
  const shown = JSON.stringify(value) ?? String(value);
  return ` (got ${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown})`;
}

export function validateConfig(raw: unknown, file: string): Config {
  return readConfig(raw, file).config;
}

/** A valid config and the notes for the person who wrote it (an old key read under its new name). */
export interface ConfigRead {
  readonly config: Config;
  readonly notes: string[];
}

/**
 * The first release's config had one tier table, `points.tiers`, scored for every case. It is
 * read as `points.community` (the table it was), with a note, so an old file keeps working.
 */
function renameOldKeys(raw: Record<string, Json>, file: string, notes: string[]): Record<string, Json> {
  const points = raw.points;
  if (!isPlainObject(points) || !Object.prototype.hasOwnProperty.call(points, 'tiers')) return raw;
  if (Object.prototype.hasOwnProperty.call(points, 'community')) {
    throw new UsageError(`${file}: points.tiers: the first release's name for points.community; give only points.community`);
  }
  const { tiers, ...rest } = points;
  notes.push(`${file}: points.tiers is read as points.community (the community tier table); rename it, and see points.licence and points.custody`);
  return { ...raw, points: { ...rest, community: tiers! } };
}

export function readConfig(raw: unknown, file: string): ConfigRead {
  if (!isPlainObject(raw)) throw new UsageError(`${file}: expected a JSON object`);
  const notes: string[] = [];
  const merged = mergeOver(DEFAULT_CONFIG, renameOldKeys(raw, file, notes));
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const message = describeConfigError(result.error, file, merged);
    // An error in an old `points.tiers` names the key as the file spells it.
    throw new UsageError(notes.length > 0 ? message.replace(`${file}: points.community`, `${file}: points.tiers`) : message);
  }
  return { config: result.data, notes };
}

/** JSON.parse's complaint on one line, with the line it points at when it gives a position. */
function jsonFailure(path: string, text: string, error: Error): string {
  const message = error.message.replace(/\s+/g, ' ');
  const position = /at position (\d+)/.exec(message);
  const line = position ? text.slice(0, Number(position[1])).split(/\r\n|\r|\n/).length : null;
  return `${path}${line === null ? '' : `:${line}`}: not valid JSON (${message})`;
}

/** `--config FILE`, else caseload.config.json in the working directory, else the defaults. */
export async function loadConfig(
  explicitPath: string | undefined,
  cwd = process.cwd(),
): Promise<{ config: Config; path: string | null; notes: string[] }> {
  const path = explicitPath ?? (existsSync(resolve(cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : null);
  if (path === null) return { config: DEFAULT_CONFIG, path: null, notes: [] };
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such config file' : 'cannot read config file'}`);
  }
  let raw: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new UsageError(jsonFailure(path, json, error as Error));
  }
  return { ...readConfig(raw, path), path };
}
