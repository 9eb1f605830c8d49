/**
 * CommonJS packages loaded on first use. Most runs never quote a field, read windows-1252 or
 * name a mailbox: loading csv-parse, iconv-lite and nodemailer's address parser up front cost
 * every run (and every reading thread) about 20 ms of its start.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package `name`, loaded the first time the function is called. */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
