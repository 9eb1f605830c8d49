/** Finds, reads and validates the config file; a config file may set any subset of the keys. */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema.js';

export const CONFIG_FILE_NAME = 'caseload.config.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges a partial config over the defaults; arrays and scalars replace. */
function mergeOver(defaults: unknown, override: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(override)) merged[key] = key in defaults ? mergeOver(defaults[key], value) : value;
  return merged;
}

/** `contact_standards.medium: expected a positive integer` */
export function describeConfigError(error: z.ZodError, file: string): string {
  const first = error.issues[0]!;
  const path = first.path.join('.');
  let message = first.message;
  if (first.code === 'unrecognized_keys') {
    const keys = first.keys.map((key) => (path ? `${path}.${key}` : key));
    return `${file}: ${keys.join(', ')}: unknown key`;
  }
  if (first.code === 'too_small' && first.origin === 'number' && first.minimum === 0 && !first.inclusive) {
    message = 'expected a positive number';
  }
  if (/expected number/.test(message) || /Too small|Invalid input/.test(message)) message = friendlier(first, message);
  return `${file}: ${path || '(top level)'}: ${message}`;
}

function friendlier(issue: z.core.$ZodIssue, fallback: string): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'too_small' && issue.origin === 'number') {
    return issue.minimum === 0 && !issue.inclusive ? 'expected a positive integer' : `expected at least ${String(issue.minimum)}`;
  }
  return fallback;
}

export function validateConfig(raw: unknown, file: string): Config {
  if (!isPlainObject(raw)) throw new UsageError(`${file}: expected a JSON object`);
  const result = configSchema.safeParse(mergeOver(DEFAULT_CONFIG, raw));
  if (!result.success) throw new UsageError(describeConfigError(result.error, file));
  return result.data;
}

/** `--config FILE`, else caseload.config.json in the working directory, else the defaults. */
export async function loadConfig(explicitPath: string | undefined, cwd = process.cwd()): Promise<{ config: Config; path: string | null }> {
  const path = explicitPath ?? (existsSync(resolve(cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : null);
  if (path === null) return { config: DEFAULT_CONFIG, path: null };
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such config file' : 'cannot read config file'}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return { config: validateConfig(raw, path), path };
}
